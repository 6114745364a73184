package dev.offlinefirst.server.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.shared.ApiException;

/** What a cursor remembers of its read, and that cursors handed out before keep working. */
class ChangeCursorTest {

    @Test
    void aReadRemembersTheRunningTransactionsAndWhereTheOpenRangeBegins() {
        ChangeCursor cursor = ChangeCursor.after(120, "100:130:104,117");
        assertEquals(List.of(104L, 117L), cursor.running());
        assertEquals(130, cursor.openFrom());
        assertEquals(cursor, ChangeCursor.decode("since", cursor.encode()));

        ChangeCursor withOrigin = ChangeCursor.START.next(120, "100:130:104", 125);
        assertEquals(new ChangeCursor(120, List.of(104L), 130, 125, List.of(104L), 130), withOrigin);
        assertEquals(withOrigin, ChangeCursor.decode("since", withOrigin.encode()));
    }

    @Test
    void theFirstReadSawOnlyRowsOfTransactionsThatHadCommitted() {
        ChangeCursor cursor = ChangeCursor.START.next(120, "100:130:104", 125);
        assertEquals(true, cursor.originSaw(row(110, 101)));
        assertEquals(false, cursor.originSaw(row(110, 104)), "listed as running");
        assertEquals(false, cursor.originSaw(row(110, 131)), "at or above xmax: not committed either");
        assertEquals(false, cursor.originSaw(row(126, 101)), "above the head");
    }

    @Test
    void cursorsOfTheFormatsBeforeAreReadAsTheyWere() {
        ChangeCursor c1 = ChangeCursor.decode("since", encoded("c1.120.104-117"));
        assertEquals(new ChangeCursor(120, List.of(104L, 117L), ChangeCursor.NO_OPEN_RANGE, 0, List.of(), ChangeCursor.NO_OPEN_RANGE), c1);
        ChangeCursor c2 = ChangeCursor.decode("since", encoded("c2.120..90.88"));
        assertEquals(new ChangeCursor(120, List.of(), ChangeCursor.NO_OPEN_RANGE, 90, List.of(88L), ChangeCursor.NO_OPEN_RANGE), c2);
    }

    @Test
    void anythingElseIsRefused() {
        for (String text : new String[] { "c3.120.104", "c3.-1..130", "c9.1..2", "c3.x..1", "c2.120.1" }) {
            assertThrows(ApiException.class, () -> ChangeCursor.decode("since", encoded(text)), text);
        }
        assertThrows(ApiException.class, () -> ChangeCursor.decode("since", "not base64!"));
    }

    private static ChangeRow row(long changeId, long txId) {
        return new ChangeRow(changeId, "setting", "id", "owner", null, null, false, null, null, txId);
    }

    private static String encoded(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
