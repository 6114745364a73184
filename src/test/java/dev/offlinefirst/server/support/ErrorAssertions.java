package dev.offlinefirst.server.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.restassured.path.json.JsonPath;

/** Checks on GraphQL error responses: the code, and that the message leaks nothing internal. */
public final class ErrorAssertions {

    private static final Pattern LEAK = Pattern.compile(
            "(?i)(\\bat [a-z]+\\.[a-z.]+\\(|exception|select |insert |update |delete from|\\bdev\\.offlinefirst|org\\.hibernate|java\\.)");

    private ErrorAssertions() {
    }

    /** Asserts every error carries {@code code}, at least one error exists, and returns the first message. */
    public static String assertError(JsonPath response, String code) {
        List<Map<String, Object>> errors = response.getList("errors");
        assertNotNull(errors, () -> "expected errors but got " + response.prettify());
        assertFalse(errors.isEmpty(), () -> "expected errors but got " + response.prettify());
        for (Map<String, Object> error : errors) {
            @SuppressWarnings("unchecked")
            Map<String, Object> extensions = (Map<String, Object>) error.get("extensions");
            assertNotNull(extensions, () -> "error without extensions: " + error);
            assertEquals(code, extensions.get("code"), () -> "wrong code in " + response.prettify());
            String message = String.valueOf(error.get("message"));
            assertFalse(LEAK.matcher(message).find(), () -> "message leaks internals: " + message);
        }
        return String.valueOf(errors.get(0).get("message"));
    }
}
