package dev.offlinefirst.server.shared;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The one way timestamps leave this server: ISO-8601 in UTC, to the microsecond PostgreSQL keeps. */
public final class Timestamps {

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /**
     * A client's timestamp: ISO-8601 with an offset ("2026-01-02T03:04:05Z"), kept to the microsecond and
     * clamped to now when it lies in the future; null means now.
     */
    public static Instant clientTime(String field, String value) {
        Instant now = now();
        if (value == null) {
            return now;
        }
        Instant parsed;
        try {
            parsed = OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw ApiException.badInput(field + " must be an ISO-8601 timestamp with an offset, like 2026-01-02T03:04:05Z");
        }
        return parsed.isAfter(now) ? now : parsed;
    }

    /** Now, truncated to what a timestamptz column stores, so a value read back equals the one written. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
