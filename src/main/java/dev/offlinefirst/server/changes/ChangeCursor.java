package dev.offlinefirst.server.changes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.offlinefirst.server.shared.ApiException;

/**
 * A position in {@code change_log}: the highest change id read so far, plus the transactions that were
 * still running when it was read. The next read takes every row above that id and every row of those
 * transactions, so a transaction that commits after a later one is never skipped, and nobody waits for
 * the oldest running transaction. Change ids grow in the order rows are written (an identity sequence),
 * and a transaction that was neither committed nor running at the read got its id later, so all of its
 * rows lie above the position.
 *
 * @param lastChangeId the highest change id read
 * @param running ids ({@code xid8}) of the transactions running at the read
 */
public record ChangeCursor(long lastChangeId, List<Long> running) {

    /** The beginning of the stream: everything is after it. */
    public static final ChangeCursor START = new ChangeCursor(0, List.of());

    private static final String VERSION = "c1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public ChangeCursor {
        running = List.copyOf(running);
    }

    /**
     * The position after a read that saw rows up to {@code lastChangeId} under {@code snapshot}, the
     * text of {@code pg_current_snapshot()} taken by the same statement ({@code xmin:xmax:xip,...}).
     */
    public static ChangeCursor after(long lastChangeId, String snapshot) {
        String[] parts = snapshot.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a snapshot: " + snapshot);
        }
        List<Long> running = new ArrayList<>();
        if (!parts[2].isEmpty()) {
            for (String xid : parts[2].split(",")) {
                running.add(Long.parseLong(xid));
            }
        }
        return new ChangeCursor(lastChangeId, running);
    }

    public boolean isStart() {
        return lastChangeId == 0 && running.isEmpty();
    }

    /** The running transaction ids as SQL text, for {@code tx_id = ANY($n::text[]::xid8[])}. */
    public String[] runningAsText() {
        return running.stream().map(String::valueOf).toArray(String[]::new);
    }

    public String encode() {
        StringBuilder text = new StringBuilder(VERSION).append('.').append(lastChangeId).append('.');
        for (int i = 0; i < running.size(); i++) {
            text.append(i == 0 ? "" : "-").append(running.get(i));
        }
        return ENCODER.encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent, or {@link #START} for none; anything else is {@code BAD_USER_INPUT}. */
    public static ChangeCursor decode(String field, String encoded) {
        if (encoded == null) {
            return START;
        }
        try {
            String[] parts = new String(DECODER.decode(encoded), StandardCharsets.UTF_8).split("\\.", -1);
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                throw malformed(field);
            }
            long last = Long.parseLong(parts[1]);
            List<Long> running = new ArrayList<>();
            if (!parts[2].isEmpty()) {
                for (String xid : parts[2].split("-")) {
                    running.add(Long.parseLong(xid));
                }
            }
            if (last < 0 || running.stream().anyMatch(xid -> xid < 0)) {
                throw malformed(field);
            }
            return new ChangeCursor(last, running);
        } catch (IllegalArgumentException e) {
            throw malformed(field);
        }
    }

    private static ApiException malformed(String field) {
        return ApiException.badInput(field + " is not a valid changes cursor");
    }
}
