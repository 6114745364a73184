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
 * <p>
 * A cursor that descends from a read from nothing also remembers what that first read saw (its
 * origin: the highest change id and the running transactions of its snapshot). A relation change the
 * first read already saw was in force for every read of that sync, so what it brought or took away
 * was read, or never held, as it is; readers need not send it along again.
 *
 * @param lastChangeId the highest change id read
 * @param running ids ({@code xid8}) of the transactions running at the read
 * @param originLastChangeId the highest change id the first read from nothing saw; 0 for none
 * @param originRunning the transactions running at that first read
 */
public record ChangeCursor(long lastChangeId, List<Long> running, long originLastChangeId, List<Long> originRunning) {

    /** The beginning of the stream: everything is after it. */
    public static final ChangeCursor START = new ChangeCursor(0, List.of(), 0, List.of());

    private static final String VERSION = "c1";
    private static final String VERSION_WITH_ORIGIN = "c2";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public ChangeCursor {
        running = List.copyOf(running);
        originRunning = List.copyOf(originRunning);
    }

    /**
     * The position after a read that saw rows up to {@code lastChangeId} under {@code snapshot}, the
     * text of {@code pg_current_snapshot()} taken by the same statement ({@code xmin:xmax:xip,...}).
     */
    public static ChangeCursor after(long lastChangeId, String snapshot) {
        return new ChangeCursor(lastChangeId, runningIn(snapshot), 0, List.of());
    }

    /** The position after a read from this cursor; a read from nothing becomes the origin. */
    public ChangeCursor next(long last, String snapshot, long headAtSnapshot) {
        List<Long> runningNow = runningIn(snapshot);
        return isStart() ? new ChangeCursor(last, runningNow, headAtSnapshot, runningNow)
                : new ChangeCursor(last, runningNow, originLastChangeId, originRunning);
    }

    /** Whether the first read of this cursor's sync already saw the change: a row of a committed transaction at or below it. */
    public boolean originSaw(ChangeRow change) {
        return change.changeId() != 0 && change.changeId() <= originLastChangeId && !originRunning.contains(change.txId());
    }

    private static List<Long> runningIn(String snapshot) {
        String[] parts = snapshot.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a snapshot: " + snapshot);
        }
        return ids(parts[2], ",");
    }

    public boolean isStart() {
        return lastChangeId == 0 && running.isEmpty();
    }

    /** The running transaction ids as SQL text, for {@code tx_id = ANY($n::text[]::xid8[])}. */
    public String[] runningAsText() {
        return running.stream().map(String::valueOf).toArray(String[]::new);
    }

    public String encode() {
        StringBuilder text = new StringBuilder(originLastChangeId == 0 ? VERSION : VERSION_WITH_ORIGIN)
                .append('.').append(lastChangeId).append('.').append(join(running));
        if (originLastChangeId != 0) {
            text.append('.').append(originLastChangeId).append('.').append(join(originRunning));
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
            boolean withOrigin = parts.length == 5 && parts[0].equals(VERSION_WITH_ORIGIN);
            if (!withOrigin && (parts.length != 3 || !parts[0].equals(VERSION))) {
                throw malformed(field);
            }
            ChangeCursor cursor = new ChangeCursor(Long.parseLong(parts[1]), ids(parts[2], "-"),
                    withOrigin ? Long.parseLong(parts[3]) : 0, withOrigin ? ids(parts[4], "-") : List.of());
            if (cursor.lastChangeId < 0 || cursor.originLastChangeId < 0
                    || cursor.running.stream().anyMatch(xid -> xid < 0) || cursor.originRunning.stream().anyMatch(xid -> xid < 0)) {
                throw malformed(field);
            }
            return cursor;
        } catch (IllegalArgumentException e) {
            throw malformed(field);
        }
    }

    private static List<Long> ids(String text, String separator) {
        List<Long> ids = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String xid : text.split(separator)) {
                ids.add(Long.parseLong(xid));
            }
        }
        return ids;
    }

    private static String join(List<Long> ids) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            text.append(i == 0 ? "" : "-").append(ids.get(i));
        }
        return text.toString();
    }

    private static ApiException malformed(String field) {
        return ApiException.badInput(field + " is not a valid changes cursor");
    }
}
