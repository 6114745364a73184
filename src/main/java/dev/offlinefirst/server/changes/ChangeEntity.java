package dev.offlinefirst.server.changes;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of row {@code change_log} records, by the name its triggers write (V3). Each names the log
 * entities whose rows can bring or take away one of its rows for a viewer: a message comes or goes with
 * the viewer's membership of its room, a post with a friendship, a card with either.
 */
public enum ChangeEntity {

    PROFILE("profile"),
    SETTING("setting"),
    ROOM("room"),
    ROOM_MEMBER("room_member"),
    MESSAGE("message"),
    POST("post"),
    FRIEND("friend"),
    OPERATION("operation"),
    /** A cleared account's tombstone ({@code clearMyData}); ends the user's live streams. */
    ACCOUNT("account"),
    /** A manual cache invalidation travelling in the log; never data. */
    CACHE("cache");

    /** The entities a client's local store holds: what {@code changes} may be asked for. */
    public static final Set<ChangeEntity> DATA = EnumSet.of(PROFILE, SETTING, ROOM, ROOM_MEMBER, MESSAGE, POST, FRIEND, OPERATION);

    private final String logName;

    ChangeEntity(String logName) {
        this.logName = logName;
    }

    /** The name in {@code change_log.entity} and in delta sync's {@code Change.entity}. */
    public String logName() {
        return logName;
    }

    public boolean is(String entity) {
        return logName.equals(entity);
    }

    public static Optional<ChangeEntity> byLogName(String entity) {
        return Arrays.stream(values()).filter(value -> value.is(entity)).findFirst();
    }

    /** The log entities whose rows can change which rows of this entity a viewer holds. */
    public Set<ChangeEntity> sources() {
        return switch (this) {
            case PROFILE -> EnumSet.of(PROFILE, FRIEND, ROOM_MEMBER);
            case ROOM -> EnumSet.of(ROOM, ROOM_MEMBER);
            case MESSAGE -> EnumSet.of(MESSAGE, ROOM_MEMBER);
            case POST -> EnumSet.of(POST, FRIEND);
            default -> EnumSet.of(this);
        };
    }

    /** The log entities to read for these entities, as SQL text for {@code entity = ANY($n::text[])}. */
    public static String[] sourcesAsText(Collection<ChangeEntity> entities) {
        Set<ChangeEntity> sources = EnumSet.noneOf(ChangeEntity.class);
        entities.forEach(entity -> sources.addAll(entity.sources()));
        return sources.stream().map(ChangeEntity::logName).toArray(String[]::new);
    }
}
