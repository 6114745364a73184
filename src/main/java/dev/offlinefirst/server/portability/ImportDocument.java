package dev.offlinefirst.server.portability;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import dev.offlinefirst.server.chat.RoomService;
import dev.offlinefirst.server.profile.ProfileService;
import dev.offlinefirst.server.shared.ApiException;
import dev.offlinefirst.server.shared.Inputs;
import dev.offlinefirst.server.shared.LimitsConfig;
import dev.offlinefirst.server.shared.Timestamps;
import dev.offlinefirst.server.social.FriendStatus;
import dev.offlinefirst.server.social.Visibility;
import dev.offlinefirst.server.sync.OperationService;
import dev.offlinefirst.server.sync.OperationStatus;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An export document ({@link ExportFormat}) read and checked as a whole before anything is written:
 * its format and version, every field's type and bounds (the same as the mutations'), ids unique
 * within each section, and no row that belongs to anyone but the importing viewer. Each refusal names
 * the field, like {@code messages[17].messageId}.
 */
record ImportDocument(Profile profile, List<Setting> settings, List<Room> rooms, List<Friend> friends,
        List<Operation> operations, List<Post> posts, List<Message> messages) {

    record Profile(String displayName, String bio, String avatarUrl, String phoneNumber, int version, Instant updatedAt) {
    }

    record Setting(String key, String value, boolean secret, Instant updatedAt) {
    }

    record Room(String roomId, String title, String createdBy, Instant createdAt, Instant joinedAt) {
    }

    record Friend(String requesterId, String addresseeId, FriendStatus status, Instant createdAt, Instant updatedAt) {

        /** The connection's key in the change log. */
        String logKey() {
            return requesterId + "/" + addresseeId;
        }
    }

    record Operation(String clientOpId, String type, String entityId, String payload, OperationStatus status,
            int retryCount, String lastError, Instant createdAt) {
    }

    record Post(String postId, String content, Visibility visibility, Instant createdAt, Instant updatedAt) {
    }

    record Message(String messageId, String roomId, String content, Instant createdAt) {
    }

    private static final int LAST_ERROR_MAX = 1000;


    /** Reads {@code data} for {@code viewerId}, or refuses it with a coded error and writes nothing. */
    static ImportDocument read(String viewerId, String data, PortabilityConfig config, LimitsConfig limits,
            int maxPayloadLength) {
        if (data == null || data.isEmpty()) {
            throw ApiException.badInput("data must be an export document");
        }
        if (data.length() > config.maxImportSize()) {
            throw ApiException.badInput("data is " + data.length() + " characters; at most " + config.maxImportSize()
                    + " are accepted (any part of a document imports on its own: split its rows into several)");
        }
        JsonObject root;
        try {
            Object parsed = io.vertx.core.json.Json.decodeValue(data);
            if (!(parsed instanceof JsonObject object)) {
                throw ApiException.badInput("data must be a JSON object");
            }
            root = object;
        } catch (DecodeException e) {
            throw ApiException.badInput("data is not valid JSON");
        }
        Fields top = new Fields(root, "data");
        if (!ExportFormat.FORMAT.equals(top.optionalText("format", 64))) {
            throw ApiException.badInput("data.format must be \"" + ExportFormat.FORMAT + "\"");
        }
        Object version = root.getValue("version");
        if (!(version instanceof Number number) || number.doubleValue() != ExportFormat.VERSION) {
            throw ApiException.badInput("data.version " + version + " is not a version this server reads; it reads version "
                    + ExportFormat.VERSION);
        }
        ownedBy(viewerId, top.id("userId"), "data.userId");

        Profile profile = null;
        JsonObject profileJson = top.optionalObject("profile");
        if (profileJson != null) {
            Fields p = new Fields(profileJson, "data.profile");
            ownedBy(viewerId, p.id("userId"), "data.profile.userId");
            profile = new Profile(p.optionalText("displayName", ProfileService.DISPLAY_NAME_MAX),
                    p.optionalText("bio", ProfileService.BIO_MAX), p.optionalText("avatarUrl", ProfileService.AVATAR_URL_MAX),
                    p.optionalText("phoneNumber", ProfileService.PHONE_NUMBER_MAX), p.count("version"), p.time("updatedAt"));
        }
        Set<String> seen = new HashSet<>();
        List<Setting> settings = top.list("settings", seen, (s, key) -> {
            String settingKey = s.text("key", limits.settingKeyMaxLength());
            return key.unique(settingKey, new Setting(settingKey, s.text("value", limits.settingValueMaxLength(), true),
                    s.flag("secret"), s.time("updatedAt")));
        });
        List<Room> rooms = top.list("rooms", seen, (r, key) -> {
            String roomId = r.id("roomId");
            return key.unique(roomId, new Room(roomId, r.optionalText("title", RoomService.TITLE_MAX), r.id("createdBy"),
                    r.time("createdAt"), r.time("joinedAt")));
        });
        List<Friend> friends = top.list("friends", seen, (f, key) -> {
            String requester = f.id("requesterId");
            String addressee = f.id("addresseeId");
            if (!viewerId.equals(requester) && !viewerId.equals(addressee)) {
                throw ApiException.forbidden(f.path + " is a connection between other users; only your own import");
            }
            if (requester.equals(addressee)) {
                throw ApiException.badInput(f.path + " connects a user with themself");
            }
            String other = viewerId.equals(requester) ? addressee : requester;
            return key.unique(other, new Friend(requester, addressee, f.choice("status", FriendStatus.class),
                    f.time("createdAt"), f.time("updatedAt")));
        });
        List<Operation> operations = top.list("operations", seen, (o, key) -> {
            String clientOpId = o.id("clientOpId");
            OperationStatus status = o.choice("status", OperationStatus.class);
            if (status != OperationStatus.PENDING && status != OperationStatus.FAILED && status != OperationStatus.CONFLICT) {
                throw ApiException.badInput(o.path + ".status must be PENDING, FAILED or CONFLICT (applied operations are not exported)");
            }
            String entityId = o.optionalText("entityId", Inputs.MAX_ID_LENGTH);
            return key.unique(clientOpId, new Operation(clientOpId, o.text("type", OperationService.MAX_TYPE_LENGTH),
                    entityId, o.text("payload", maxPayloadLength), status, o.count("retryCount"),
                    o.optionalText("lastError", LAST_ERROR_MAX), o.time("createdAt")));
        });
        List<Post> posts = top.list("posts", seen, (p, key) -> {
            String postId = p.id("postId");
            ownedBy(viewerId, p.id("authorId"), p.path + ".authorId");
            return key.unique(postId, new Post(postId, p.text("content", limits.postMaxLength()),
                    p.choice("visibility", Visibility.class), p.time("createdAt"), p.time("updatedAt")));
        });
        List<Message> messages = top.list("messages", seen, (m, key) -> {
            String messageId = m.id("messageId");
            ownedBy(viewerId, m.id("senderId"), m.path + ".senderId");
            return key.unique(messageId, new Message(messageId, m.id("roomId"), m.text("content", limits.messageMaxLength()),
                    m.time("createdAt")));
        });
        return new ImportDocument(profile, settings, rooms, friends, operations, posts, messages);
    }

    private static void ownedBy(String viewerId, String userId, String path) {
        if (!viewerId.equals(userId)) {
            throw ApiException.forbidden(path + " names another user; a document imports only into its own user's account");
        }
    }

    /** The fields of one JSON object, read with their path for error messages. */
    private static final class Fields {

        private final JsonObject json;
        final String path;

        Fields(JsonObject json, String path) {
            this.json = json;
            this.path = path;
        }

        String id(String name) {
            return Inputs.id(path + "." + name, string(name));
        }

        String text(String name, int max) {
            return text(name, max, false);
        }

        /** A required text; {@code emptyAllowed} for values such as a setting's, which may be "". */
        String text(String name, int max, boolean emptyAllowed) {
            String value = string(name);
            if (value == null) {
                throw ApiException.badInput(path + "." + name + " must not be null");
            }
            return emptyAllowed ? Inputs.optionalText(path + "." + name, value, max) : Inputs.text(path + "." + name, value, max);
        }

        String optionalText(String name, int max) {
            return Inputs.optionalText(path + "." + name, string(name), max);
        }

        /** An optional true or false; missing is false. */
        boolean flag(String name) {
            Object value = json.getValue(name);
            if (value != null && !(value instanceof Boolean)) {
                throw ApiException.badInput(path + "." + name + " must be true or false");
            }
            return Boolean.TRUE.equals(value);
        }

        int count(String name) {
            Object value = json.getValue(name);
            if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                    || number.doubleValue() < 0 || number.doubleValue() > Integer.MAX_VALUE) {
                throw ApiException.badInput(path + "." + name + " must be a whole number of at least 0");
            }
            return number.intValue();
        }

        <E extends Enum<E>> E choice(String name, Class<E> type) {
            String value = string(name);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(value)) {
                    return constant;
                }
            }
            throw ApiException.badInput(path + "." + name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }

        Instant time(String name) {
            String value = string(name);
            if (value == null) {
                throw ApiException.badInput(path + "." + name + " must be an ISO-8601 timestamp");
            }
            try {
                Instant parsed = OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.MICROS);
                Instant now = Timestamps.now();
                return parsed.isAfter(now) ? now : parsed;
            } catch (DateTimeParseException e) {
                throw ApiException.badInput(path + "." + name + " must be an ISO-8601 timestamp with an offset, like 2026-01-02T03:04:05Z");
            }
        }

        JsonObject optionalObject(String name) {
            Object value = json.getValue(name);
            if (value != null && !(value instanceof JsonObject)) {
                throw ApiException.badInput(path + "." + name + " must be an object or null");
            }
            return (JsonObject) value;
        }

        /** A section: an array of objects (missing means empty), each read by {@code row}. */
        <T> List<T> list(String name, Set<String> seen, BiFunction<Fields, UniqueKeys, T> row) {
            Object value = json.getValue(name);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof JsonArray array)) {
                throw ApiException.badInput(path + "." + name + " must be an array");
            }
            seen.clear();
            List<T> rows = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                String rowPath = path + "." + name + "[" + i + "]";
                if (!(array.getValue(i) instanceof JsonObject object)) {
                    throw ApiException.badInput(rowPath + " must be an object");
                }
                rows.add(row.apply(new Fields(object, rowPath), new UniqueKeys(seen, rowPath)));
            }
            return rows;
        }

        private String string(String name) {
            Object value = json.getValue(name);
            if (value != null && !(value instanceof String)) {
                throw ApiException.badInput(path + "." + name + " must be a string");
            }
            return (String) value;
        }
    }

    /** Refuses a second row with the same key within one section. */
    private record UniqueKeys(Set<String> seen, String path) {

        <T> T unique(String key, T row) {
            if (!seen.add(key)) {
                throw ApiException.badInput(path + " repeats " + key + ", which an earlier row of the same section has");
            }
            return row;
        }
    }
}
