package dev.offlinefirst.server.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.shared.PgNotifications;

/** Invalidations travel as NOTIFY payloads, which PostgreSQL caps below 8000 bytes. */
class InvalidationTest {

    @Test
    void aLargeMembershipChangeIsSplitUnderTheLimitAndKeepsItsRoomInEveryPart() {
        List<String> members = IntStream.range(0, 250).mapToObj(i -> "u".repeat(60) + i).toList();
        Invalidation change = Invalidation.membership("room-1", members);

        List<String> payloads = change.toPayloads();

        assertTrue(payloads.size() > 1);
        List<String> decodedMembers = new ArrayList<>();
        for (String payload : payloads) {
            assertTrue(payload.getBytes(StandardCharsets.UTF_8).length <= PgNotifications.MAX_PAYLOAD_BYTES);
            Invalidation part = Invalidation.decode(payload);
            assertEquals(Invalidation.Kind.MEMBERSHIP, part.kind());
            assertEquals("room-1", part.ids().get(0));
            decodedMembers.addAll(part.ids().subList(1, part.ids().size()));
        }
        assertEquals(members, decodedMembers);
    }

    @Test
    void aSmallInvalidationIsOnePayloadThatReadsBackTheSame() {
        Invalidation friendship = Invalidation.friendship("alice", "bob");
        assertEquals(List.of(friendship), friendship.toPayloads().stream().map(Invalidation::decode).toList());
        assertEquals(Invalidation.all(), Invalidation.decode(Invalidation.all().toPayloads().get(0)));
    }

    @Test
    void aPayloadThatIsNotAnInvalidationIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Invalidation.decode("{\"kind\":\"EVERYTHING\"}"));
        assertThrows(IllegalArgumentException.class, () -> Invalidation.decode("not json"));
    }
}
