package dev.offlinefirst.server.shared;

import java.util.regex.Pattern;

/** Checks on client input that every feature shares; each failure is a {@code BAD_USER_INPUT}. */
public final class Inputs {

    /** Client-chosen ids (room, message, post, operation ids) and user ids. */
    public static final int MAX_ID_LENGTH = 64;

    private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cntrl}");

    private Inputs() {
    }

    /** An id of 1 to 64 characters with no control characters. */
    public static String id(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw ApiException.badInput(field + " must not be empty");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw ApiException.badInput(field + " must be at most " + MAX_ID_LENGTH + " characters");
        }
        if (CONTROL_CHARACTERS.matcher(value).find()) {
            throw ApiException.badInput(field + " must not contain control characters");
        }
        return value;
    }

    /** A required text of 1 to {@code max} characters. */
    public static String text(String field, String value, int max) {
        if (value == null || value.isEmpty()) {
            throw ApiException.badInput(field + " must not be empty");
        }
        return optionalText(field, value, max);
    }

    /** An optional text of at most {@code max} characters; null passes. */
    public static String optionalText(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ApiException.badInput(field + " must be at most " + max + " characters");
        }
        return value;
    }

    /** A page size: 1 to {@code max}. */
    public static int pageSize(Integer first, int defaultSize, int max) {
        int size = first == null ? defaultSize : first;
        if (size < 1 || size > max) {
            throw ApiException.badInput("first must be between 1 and " + max);
        }
        return size;
    }
}
