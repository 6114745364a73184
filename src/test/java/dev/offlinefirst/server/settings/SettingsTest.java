package dev.offlinefirst.server.settings;

import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
class SettingsTest {

    private static final String SET = """
            mutation($key: String!, $value: String!) { setSetting(key: $key, value: $value) { key value updatedAt } }""";

    @Test
    void settingsAreStoredListedByKeyAndDeleted() {
        GraphQLClient alice = GraphQLClient.as(UserIds.fresh("alice"));
        alice.data(SET, Map.of("key", "theme", "value", "dark"));
        alice.data(SET, Map.of("key", "locale", "value", "en-GB"));
        alice.data(SET, Map.of("key", "theme", "value", "light"));

        JsonPath all = alice.data("{ settings { key value } }");
        assertEquals(List.of("locale", "theme"), all.getList("settings.key"));
        assertEquals(List.of("en-GB", "light"), all.getList("settings.value"));
        assertEquals("light", alice.data("{ setting(key: \"theme\") { value } }").getString("setting.value"));

        assertTrue(alice.data("mutation { deleteSetting(key: \"theme\") }").getBoolean("deleteSetting"));
        assertFalse(alice.data("mutation { deleteSetting(key: \"theme\") }").getBoolean("deleteSetting"));
        assertNull(alice.data("{ setting(key: \"theme\") { value } }").get("setting"));
    }

    @Test
    void writingTheSameValueAgainLeavesTheSettingUntouched() {
        String aliceId = UserIds.fresh("alice");
        GraphQLClient alice = GraphQLClient.as(aliceId);
        String first = alice.data(SET, Map.of("key", "theme", "value", "dark")).getString("setSetting.updatedAt");

        String replay = alice.data(SET, Map.of("key", "theme", "value", "dark")).getString("setSetting.updatedAt");

        assertEquals(first, replay);
        assertEquals(1, Database.count("SELECT count(*) FROM change_log WHERE entity = 'setting' AND owner_id = ?", aliceId));
    }

    @Test
    void badKeysAndValuesAreRefusedAndWriteNothing() {
        String aliceId = UserIds.fresh("alice");
        GraphQLClient alice = GraphQLClient.as(aliceId);

        assertError(alice.run(SET, Map.of("key", "", "value", "x")), "BAD_USER_INPUT");
        assertError(alice.run(SET, Map.of("key", "k".repeat(256), "value", "x")), "BAD_USER_INPUT");
        assertError(alice.run(SET, Map.of("key", "tab\tkey", "value", "x")), "BAD_USER_INPUT");
        assertError(alice.run(SET, Map.of("key", "big", "value", "v".repeat(65_537))), "BAD_USER_INPUT");
        assertError(alice.run("{ setting(key: \"\") { key } }"), "BAD_USER_INPUT");

        assertEquals(0, Database.count("SELECT count(*) FROM user_settings WHERE user_id = ?", aliceId));
    }

    @Test
    void aKeyOfExactly255CharactersAndAValueAtTheLimitAreAccepted() {
        GraphQLClient alice = GraphQLClient.as(UserIds.fresh("alice"));
        String key = "k".repeat(255);
        alice.data(SET, Map.of("key", key, "value", "v".repeat(65_536)));
        assertEquals(65_536, alice.data("{ settings { value } }").getString("settings[0].value").length());
    }

    @Test
    void aTenMegabyteValueIsRefusedBeforeItIsRead() {
        String aliceId = UserIds.fresh("alice");
        String body = "{\"query\":\"mutation($v: String!) { setSetting(key: \\\"big\\\", value: $v) { key } }\","
                + "\"variables\":{\"v\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}}";

        Response response = GraphQLClient.as(aliceId).postRaw("application/json", body);

        assertEquals(413, response.statusCode());
        assertError(response.jsonPath(), "BAD_USER_INPUT");
        assertEquals(0, Database.count("SELECT count(*) FROM user_settings WHERE user_id = ?", aliceId));
    }
}
