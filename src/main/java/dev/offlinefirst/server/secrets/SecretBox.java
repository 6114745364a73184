package dev.offlinefirst.server.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

/**
 * Seals sensitive values for storage with AES-GCM (the JDK's): {@code aesgcm:<key id>:<base64 of IV and
 * ciphertext>}. The key id stored with each value lets keys rotate: new values use the current key,
 * older ones open with the key they name until {@link SecretRotation} seals them again. The context
 * (what the value is, and whose) is authenticated with it, so a sealed value copied into another row
 * does not open. A value without the prefix is a plaintext one from before sealing, read as it is.
 */
@ApplicationScoped
public class SecretBox {

    static final String PREFIX = "aesgcm:";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final String currentKey;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(SecretsConfig config) {
        for (String entry : config.keys().orElse("").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] idAndKey = entry.trim().split(":", 2);
            byte[] key = idAndKey.length == 2 ? Base64.getDecoder().decode(idAndKey[1].trim()) : new byte[0];
            if (!KEY_ID.matcher(idAndKey[0]).matches() || (key.length != 16 && key.length != 32)) {
                throw new IllegalStateException("SECRETS_KEYS must be id:base64 pairs of 16- or 32-byte AES keys, separated by commas");
            }
            keys.put(idAndKey[0], new SecretKeySpec(key, "AES"));
        }
        this.currentKey = config.currentKey().orElse(null);
    }

    /** Refuses to start without a current key: nothing sensitive could be stored. */
    void check(@Observes StartupEvent started) {
        if (currentKey == null || !keys.containsKey(currentKey)) {
            throw new IllegalStateException("No key to seal sensitive values: set SECRETS_KEYS (id:base64 AES keys) and"
                    + " SECRETS_CURRENT_KEY (the id of the one to seal with)");
        }
    }

    /** The value sealed under the current key, bound to {@code context}; null stays null. */
    public String seal(String value, String context) {
        if (value == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKey), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] stored = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, stored, 0, IV_BYTES);
            System.arraycopy(sealed, 0, stored, IV_BYTES, sealed.length);
            return PREFIX + currentKey + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal a value", e);
        }
    }

    /** The value a {@link #seal} made, opened with the key it names; a plaintext value comes back as it is. */
    public String open(String stored, String context) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        String[] parts = stored.substring(PREFIX.length()).split(":", 2);
        SecretKey key = keys.get(parts[0]);
        if (key == null || parts.length != 2) {
            throw new IllegalStateException("A value is sealed with key '" + parts[0] + "', which is not configured");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(parts[1]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A sealed value does not open with its key and context", e);
        }
    }

}
