import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Writes RS256 tokens for user-0 … user-(count-1), one per line, signed with the test-only key:
 * {@code java bench/TokenSigner.java KEY.pem COUNT OUT}. Only the JDK is needed.
 */
public class TokenSigner {

    public static void main(String[] args) throws Exception {
        String pem = Files.readString(Path.of(args[0])).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = System.currentTimeMillis() / 1000;
        StringBuilder out = new StringBuilder();
        Signature rsa = Signature.getInstance("SHA256withRSA");
        for (int u = 0; u < Integer.parseInt(args[1]); u++) {
            String payload = url.encodeToString(String.format(
                    "{\"sub\":\"user-%d\",\"upn\":\"user-%d\",\"iss\":\"https://offline-data-server\",\"iat\":%d,\"exp\":%d}",
                    u, u, now, now + 7200).getBytes(StandardCharsets.UTF_8));
            rsa.initSign(key);
            rsa.update((header + "." + payload).getBytes(StandardCharsets.UTF_8));
            out.append(header).append('.').append(payload).append('.').append(url.encodeToString(rsa.sign())).append('\n');
        }
        Files.writeString(Path.of(args[2]), out);
    }
}
