package dev.offlinefirst.server.changes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.offlinefirst.server.shared.ApiException;

/**
 * A position in {@code change_log}: the highest change id read so far, plus the transactions that may
 * not have committed when it was read. The next read takes every row above that id and every row of
 * those transactions at or below it, so a transaction that commits after a later one is never skipped,
 * and nobody waits for the oldest running transaction. Change ids grow in the order rows are written
 * (an identity sequence with cache 1), and a transaction writes its log rows after it has its id.
 * <p>
 * The transactions not committed at a read are those the snapshot lists as running and every one at
 * or above the snapshot's {@code xmax}: PostgreSQL sets {@code xmax} to the newest committed id plus
 * one, so a transaction that took its id after that one and wrote a lower change id while the newer
 * one committed is not in the list (measured: the live stream lost about one batch in 6,000 messages
 * that way).
 * <p>
 * A cursor that descends from a read from nothing also remembers what that first read saw (its
 * origin: the highest change id and the uncommitted transactions of its snapshot). A relation change
 * the first read already saw was in force for every read of that sync, so what it brought or took away
 * was read, or never held, as it is; readers need not send it along again.
 *
 * @param lastChangeId the highest change id read
 * @param running ids ({@code xid8}) of the transactions listed as running at the read
 * @param openFrom the read's {@code xmax}: transactions from this id on had not committed either
 * @param originLastChangeId the highest change id the first read from nothing saw; 0 for none
 * @param originRunning the transactions listed as running at that first read
 * @param originOpenFrom that first read's {@code xmax}
 */
public record ChangeCursor(long lastChangeId, List<Long> running, long openFrom, long originLastChangeId, List<Long> originRunning,
        long originOpenFrom) {

    /**
     * No open range: cursors of the formats before {@code c3} did not know theirs, and are read as they
     * were then; the next cursor handed out has one.
     */
    public static final long NO_OPEN_RANGE = Long.MAX_VALUE;

    /** The beginning of the stream: everything is after it. */
    public static final ChangeCursor START = new ChangeCursor(0, List.of(), NO_OPEN_RANGE, 0, List.of(), NO_OPEN_RANGE);

    private static final String LEGACY = "c1";
    private static final String LEGACY_WITH_ORIGIN = "c2";
    private static final String VERSION = "c3";
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
        return new ChangeCursor(lastChangeId, runningIn(snapshot), openFromIn(snapshot), 0, List.of(), NO_OPEN_RANGE);
    }

    /** The position after a read from this cursor; a read from nothing becomes the origin. */
    public ChangeCursor next(long last, String snapshot, long headAtSnapshot) {
        List<Long> runningNow = runningIn(snapshot);
        long openNow = openFromIn(snapshot);
        return isStart() ? new ChangeCursor(last, runningNow, openNow, headAtSnapshot, runningNow, openNow)
                : new ChangeCursor(last, runningNow, openNow, originLastChangeId, originRunning, originOpenFrom);
    }

    /** Whether the first read of this cursor's sync already saw the change: a row of a committed transaction at or below it. */
    public boolean originSaw(ChangeRow change) {
        return change.changeId() != 0 && change.changeId() <= originLastChangeId && !originRunning.contains(change.txId())
                && change.txId() < originOpenFrom;
    }

    private static String[] snapshotParts(String snapshot) {
        String[] parts = snapshot.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a snapshot: " + snapshot);
        }
        return parts;
    }

    private static List<Long> runningIn(String snapshot) {
        return ids(snapshotParts(snapshot)[2], ",");
    }

    private static long openFromIn(String snapshot) {
        return Long.parseLong(snapshotParts(snapshot)[1]);
    }

    public boolean isStart() {
        return lastChangeId == 0 && running.isEmpty();
    }

    /** The running transaction ids as SQL text, for {@code tx_id = ANY($n::text[]::xid8[])}. */
    public String[] runningAsText() {
        return running.stream().map(String::valueOf).toArray(String[]::new);
    }

    /** The open range's start as SQL text, for {@code tx_id >= $n::text::xid8}. */
    public String openFromAsText() {
        return Long.toUnsignedString(openFrom);
    }

    public String encode() {
        StringBuilder text = new StringBuilder(VERSION).append('.').append(lastChangeId).append('.').append(join(running))
                .append('.').append(openFrom);
        if (originLastChangeId != 0) {
            text.append('.').append(originLastChangeId).append('.').append(join(originRunning)).append('.').append(originOpenFrom);
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
            ChangeCursor cursor = switch (parts[0] + "/" + parts.length) {
                case VERSION + "/4" -> new ChangeCursor(Long.parseLong(parts[1]), ids(parts[2], "-"), Long.parseLong(parts[3]),
                        0, List.of(), NO_OPEN_RANGE);
                case VERSION + "/7" -> new ChangeCursor(Long.parseLong(parts[1]), ids(parts[2], "-"), Long.parseLong(parts[3]),
                        Long.parseLong(parts[4]), ids(parts[5], "-"), Long.parseLong(parts[6]));
                case LEGACY + "/3" -> new ChangeCursor(Long.parseLong(parts[1]), ids(parts[2], "-"), NO_OPEN_RANGE,
                        0, List.of(), NO_OPEN_RANGE);
                case LEGACY_WITH_ORIGIN + "/5" -> new ChangeCursor(Long.parseLong(parts[1]), ids(parts[2], "-"), NO_OPEN_RANGE,
                        Long.parseLong(parts[3]), ids(parts[4], "-"), NO_OPEN_RANGE);
                default -> throw malformed(field);
            };
            if (cursor.lastChangeId < 0 || cursor.originLastChangeId < 0 || cursor.openFrom < 0 || cursor.originOpenFrom < 0
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
