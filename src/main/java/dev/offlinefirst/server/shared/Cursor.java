package dev.offlinefirst.server.shared;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * An opaque page cursor: a position {@code (timestamp, id)} in one kind of list. The kind is part of
 * the cursor, so a cursor from another query is refused rather than misread.
 */
public record Cursor(String kind, Instant at, long id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return ENCODER.encodeToString((kind + ":" + micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or null for none; a malformed one or one of another kind is {@code BAD_USER_INPUT}. */
    public static Cursor decode(String expectedKind, String field, String encoded) {
        if (encoded == null) {
            return null;
        }
        String[] parts;
        try {
            parts = new String(DECODER.decode(encoded), StandardCharsets.UTF_8).split(":");
        } catch (IllegalArgumentException e) {
            throw malformed(field);
        }
        if (parts.length != 3) {
            throw malformed(field);
        }
        if (!parts[0].equals(expectedKind)) {
            throw ApiException.badInput(field + " is a cursor of another query");
        }
        try {
            return new Cursor(expectedKind, Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS),
                    Long.parseLong(parts[2]));
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            throw malformed(field);
        }
    }

    private static ApiException malformed(String field) {
        return ApiException.badInput(field + " is not a valid cursor");
    }
}
