package dev.offlinefirst.server.secrets;

/**
 * Secret settings' values are stored sealed (see {@link SecretBox}), each bound to its row, so a sealed
 * value copied to another user's or key's row does not open. Here, beside {@link PhoneNumberSealing}, so
 * that the rotation of keys and the settings feature seal and open with the same binding.
 */
public final class SealedSetting {

    private SealedSetting() {
    }

    /** What a secret setting's sealed value is bound to: its owner and key. */
    public static String context(String userId, String key) {
        return "user_settings:" + userId + "/" + key;
    }
}
