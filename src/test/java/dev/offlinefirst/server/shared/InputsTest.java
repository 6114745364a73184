package dev.offlinefirst.server.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InputsTest {

    @Test
    void pageSizesOutside1To100AreBadInput() {
        for (int first : new int[] { 0, -1, 101, 100_000 }) {
            ApiException refusal = assertThrows(ApiException.class, () -> Inputs.pageSize(first, 50, 100));
            assertEquals(ErrorCode.BAD_USER_INPUT, refusal.code());
        }
        assertEquals(50, Inputs.pageSize(null, 50, 100));
        assertEquals(100, Inputs.pageSize(100, 50, 100));
    }

    @Test
    void idsAreOneTo64CharactersWithoutControlCharacters() {
        assertEquals("a".repeat(64), Inputs.id("id", "a".repeat(64)));
        assertThrows(ApiException.class, () -> Inputs.id("id", ""));
        assertThrows(ApiException.class, () -> Inputs.id("id", "a".repeat(65)));
        assertThrows(ApiException.class, () -> Inputs.id("id", "a\u0000b"));
    }
}
