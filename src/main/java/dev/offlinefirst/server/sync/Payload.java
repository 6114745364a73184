package dev.offlinefirst.server.sync;

import java.util.Set;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The JSON payload of a pushed operation, read field by field with messages a client can act on
 * ({@code payload.content must be a string}). Every failure is an {@link InvalidPayload}.
 */
final class Payload {

    private final JsonObject json;

    private Payload(JsonObject json) {
        this.json = json;
    }

    /** Parses the text: a JSON object whose fields are all among {@code allowed}. */
    static Payload parse(String text, Set<String> allowed) {
        Object parsed;
        try {
            parsed = io.vertx.core.json.Json.decodeValue(text);
        } catch (DecodeException e) {
            throw new InvalidPayload("payload is not valid JSON");
        }
        if (!(parsed instanceof JsonObject object)) {
            throw new InvalidPayload("payload must be a JSON object");
        }
        for (String field : object.fieldNames()) {
            if (!allowed.contains(field)) {
                throw new InvalidPayload("payload has an unknown field '" + abbreviate(field) + "'; expected " + allowed);
            }
        }
        return new Payload(object);
    }

    String string(String field) {
        String value = optionalString(field);
        if (value == null) {
            throw new InvalidPayload("payload." + field + " is required");
        }
        return value;
    }

    String optionalString(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new InvalidPayload("payload." + field + " must be a string");
        }
        return text;
    }

    int integer(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            throw new InvalidPayload("payload." + field + " is required");
        }
        if (!(value instanceof Integer number)) {
            throw new InvalidPayload("payload." + field + " must be an integer");
        }
        return number;
    }

    boolean optionalFlag(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            throw new InvalidPayload("payload." + field + " must be true or false");
        }
        return flag;
    }

    <E extends Enum<E>> E optionalEnum(String field, Class<E> type) {
        String value = optionalString(field);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidPayload("payload." + field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** The payload does not fit its operation type; the message is safe to show the client. */
    static final class InvalidPayload extends RuntimeException {

        InvalidPayload(String message) {
            super(message, null, false, false);
        }
    }
}
