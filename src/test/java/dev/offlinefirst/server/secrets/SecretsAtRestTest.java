package dev.offlinefirst.server.secrets;

import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.Tokens;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** Phone numbers and secret settings are stored encrypted; their owner reads them in clear. */
@QuarkusTest
class SecretsAtRestTest {

    private static final String PHONE = "+4917712345678";
    private static final String SET_SECRET = """
            mutation($k: String!, $v: String!) { setSetting(key: $k, value: $v, secret: true) { key value secret } }""";

    private String aliceId;
    private GraphQLClient alice;

    @BeforeEach
    void aliceHasAPhoneNumberAndASecret() {
        aliceId = UserIds.fresh("alice");
        alice = GraphQLClient.as(aliceId);
        alice.data("{ me { userId } }");
        alice.data("mutation($p: String!) { updateProfile(input: {phoneNumber: $p, expectedVersion: 0}) { version } }",
                Map.of("p", PHONE));
        alice.data(SET_SECRET, Map.of("k", "pin", "v", "4711-secret"));
    }

    @Test
    void theOwnerReadsInClearWhatTheDatabaseHoldsSealed() {
        assertEquals(PHONE, alice.data("{ me { phoneNumber } }").getString("me.phoneNumber"));
        assertEquals(Map.of("key", "pin", "value", "4711-secret", "secret", true),
                alice.data("{ settings { key value secret } }").getMap("settings[0]"));
        String storedPhone = Database.text("SELECT phone_number FROM user_profiles WHERE user_id = ?", aliceId);
        String storedPin = Database.text("SELECT value FROM user_settings WHERE user_id = ? AND setting_key = 'pin'", aliceId);
        assertTrue(storedPhone.startsWith("aesgcm:test-1:"), storedPhone);
        assertTrue(storedPin.startsWith("aesgcm:test-1:"), storedPin);
        JsonObject exported = new JsonObject(alice.data("{ exportMyData }").getString("exportMyData"));
        assertEquals(PHONE, exported.getJsonObject("profile").getString("phoneNumber"));
        assertEquals("4711-secret", exported.getJsonArray("settings").getJsonObject(0).getString("value"));
    }

    /** What {@code pg_dump --data-only} writes, every table's rows through COPY, read over JDBC (no client tools needed). */
    @Test
    void aDatabaseDumpShowsNoPhoneNumberAndNoSecret() throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = Database.connect(); Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery("SELECT format('%I.%I', schemaname, tablename) FROM pg_tables"
                        + " WHERE schemaname = current_schema() ORDER BY tablename")) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            for (String table : names) {
                StringWriter rows = new StringWriter();
                copy.copyOut("COPY " + table + " TO STDOUT", rows);
                dump.append(rows);
            }
            assertTrue(names.size() > 10, "tables: " + names);
        }
        String text = dump.toString();
        assertTrue(text.contains(aliceId), "the dump does not hold Alice's rows at all");
        assertFalse(text.contains(PHONE.substring(1)), "the phone number is in the dump");
        assertFalse(text.contains("4711-secret"), "the secret setting is in the dump");
    }

    @Test
    void writingTheSameSecretAgainChangesNothing() {
        long changes = Database.count("SELECT count(*) FROM change_log WHERE owner_id = ? AND entity = 'setting'", aliceId);
        String stored = Database.text("SELECT value FROM user_settings WHERE user_id = ? AND setting_key = 'pin'", aliceId);

        alice.data(SET_SECRET, Map.of("k", "pin", "v", "4711-secret"));

        assertEquals(changes, Database.count("SELECT count(*) FROM change_log WHERE owner_id = ? AND entity = 'setting'", aliceId));
        assertEquals(stored, Database.text("SELECT value FROM user_settings WHERE user_id = ? AND setting_key = 'pin'", aliceId));
        assertEquals(Boolean.FALSE, alice.data("""
                mutation { setSetting(key: "pin", value: "now plain") { secret } }""").getBoolean("setSetting.secret"));
        assertEquals("now plain", Database.text("SELECT value FROM user_settings WHERE user_id = ? AND setting_key = 'pin'", aliceId));
    }

    @Test
    void resealingMovesEveryOlderOrPlainValueToTheCurrentKeyAndOnlyAnAdminMayRunIt() throws Exception {
        String bobId = UserIds.fresh("bob");
        GraphQLClient.as(bobId).data("{ me { userId } }");
        // Bob's number predates sealing; Alice's secret was sealed with the older key.
        Database.execute("UPDATE user_profiles SET phone_number = '+4930123456' WHERE user_id = ?", bobId);
        Database.execute("UPDATE user_settings SET value = ? WHERE user_id = ? AND setting_key = 'pin'",
                sealWithOlderKey("4711-secret", "user_settings:" + aliceId + "/pin"), aliceId);
        assertEquals("4711-secret", alice.data("{ setting(key: \"pin\") { value } }").getString("setting.value"));

        assertError(alice.run("mutation { resealSecrets }"), "FORBIDDEN");
        int resealed = GraphQLClient.withToken(Tokens.forUser(UserIds.fresh("root"), "admin")).data("mutation { resealSecrets }").getInt("resealSecrets");

        assertTrue(resealed >= 2, "resealed " + resealed);
        assertTrue(Database.text("SELECT phone_number FROM user_profiles WHERE user_id = ?", bobId).startsWith("aesgcm:test-1:"));
        assertTrue(Database.text("SELECT value FROM user_settings WHERE user_id = ? AND setting_key = 'pin'", aliceId)
                .startsWith("aesgcm:test-1:"));
        assertEquals("+4930123456", GraphQLClient.as(bobId).data("{ me { phoneNumber } }").getString("me.phoneNumber"));
        assertEquals("4711-secret", alice.data("{ setting(key: \"pin\") { value } }").getString("setting.value"));
    }

    /** The stored format of SecretBox, made independently with the test profile's older key. */
    private static String sealWithOlderKey(String value, String context) throws Exception {
        byte[] key = Base64.getDecoder().decode("b2xkZXItdGVzdC1vbmx5LWtleSBmb3Igcm90YXRpb24=");
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
        byte[] stored = new byte[iv.length + sealed.length];
        System.arraycopy(iv, 0, stored, 0, iv.length);
        System.arraycopy(sealed, 0, stored, iv.length, sealed.length);
        return "aesgcm:test-0:" + Base64.getEncoder().encodeToString(stored);
    }
}
