-- V1: every table of the offline-first data server.
-- Ids chosen by clients (room, message, post, operation ids) are 1..64 characters; user ids are JWT subjects.

-- Profiles: one row per user, created on the user's first `me`.
CREATE TABLE user_profiles (
    user_id      varchar(64)  PRIMARY KEY CHECK (char_length(user_id) BETWEEN 1 AND 64),
    display_name varchar(100),
    bio          varchar(1000),
    avatar_url   varchar(2048),
    version      integer      NOT NULL DEFAULT 0,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now()
);

-- Settings: the seed's SharedPreferences, a key/value store per user.
CREATE TABLE user_settings (
    user_id     varchar(64)  NOT NULL,
    setting_key varchar(255) NOT NULL CHECK (char_length(setting_key) >= 1),
    value       text         NOT NULL,
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, setting_key)
);

-- Chat rooms: the id is made by the creating client.
CREATE TABLE chat_rooms (
    room_id    varchar(64)  PRIMARY KEY CHECK (char_length(room_id) BETWEEN 1 AND 64),
    title      varchar(200),
    created_by varchar(64)  NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX idx_rooms_created_by ON chat_rooms (created_by);

CREATE TABLE room_members (
    room_id   varchar(64) NOT NULL REFERENCES chat_rooms (room_id) ON DELETE CASCADE,
    user_id   varchar(64) NOT NULL,
    added_by  varchar(64) NOT NULL,
    joined_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (room_id, user_id)
);
-- "which rooms am I in" and the co-member visibility check.
CREATE INDEX idx_members_user ON room_members (user_id, room_id);

-- Messages: the client's id is kept, unique per sender (the seed's {messageId, userId} key).
CREATE TABLE chat_messages (
    id          bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id  varchar(64)  NOT NULL CHECK (char_length(message_id) BETWEEN 1 AND 64),
    room_id     varchar(64)  NOT NULL REFERENCES chat_rooms (room_id) ON DELETE CASCADE,
    sender_id   varchar(64)  NOT NULL,
    content     text         NOT NULL CHECK (char_length(content) BETWEEN 1 AND 10000),
    created_at  timestamptz  NOT NULL,
    received_at timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT uq_messages_sender_client_id UNIQUE (sender_id, message_id)
);
-- The seed's two message indexes: a room's timeline, and a user's messages per room.
CREATE INDEX idx_room_created ON chat_messages (room_id, created_at);
CREATE INDEX idx_user_room ON chat_messages (sender_id, room_id);

-- Posts: the client's id is kept, unique per author; deletion is soft and leaves a tombstone.
CREATE TABLE social_posts (
    id         bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    post_id    varchar(64)  NOT NULL CHECK (char_length(post_id) BETWEEN 1 AND 64),
    author_id  varchar(64)  NOT NULL,
    content    text         NOT NULL CHECK (char_length(content) BETWEEN 1 AND 10000),
    visibility varchar(16)  NOT NULL DEFAULT 'FRIENDS' CHECK (visibility IN ('PUBLIC', 'FRIENDS', 'PRIVATE')),
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    CONSTRAINT uq_posts_author_client_id UNIQUE (author_id, post_id)
);
-- An author's posts and the feed, newest first, live rows only.
CREATE INDEX idx_posts_author_created ON social_posts (author_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX idx_posts_public_created ON social_posts (created_at DESC, id DESC) WHERE deleted_at IS NULL AND visibility = 'PUBLIC';

-- Friend connections: one row per pair, whichever side asked first.
CREATE TABLE friend_connections (
    requester_id varchar(64) NOT NULL,
    addressee_id varchar(64) NOT NULL,
    status       varchar(16) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (requester_id, addressee_id),
    CHECK (requester_id <> addressee_id)
);
CREATE UNIQUE INDEX uq_friend_pair ON friend_connections (LEAST(requester_id, addressee_id), GREATEST(requester_id, addressee_id));
CREATE INDEX idx_friends_addressee ON friend_connections (addressee_id, status);
CREATE INDEX idx_friends_requester ON friend_connections (requester_id, status);

-- Sync operations: each client's offline queue, applied in push order by the sync worker.
CREATE TABLE sync_operations (
    id              bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         varchar(64)   NOT NULL,
    client_op_id    varchar(64)   NOT NULL CHECK (char_length(client_op_id) BETWEEN 1 AND 64),
    op_type         varchar(32)   NOT NULL,
    entity_id       varchar(64),
    payload         text          NOT NULL,
    status          varchar(16)   NOT NULL DEFAULT 'PENDING'
                                  CHECK (status IN ('PENDING', 'APPLIED', 'FAILED', 'CONFLICT', 'DISCARDED')),
    retry_count     integer       NOT NULL DEFAULT 0,
    last_error      varchar(1000),
    next_attempt_at timestamptz   NOT NULL DEFAULT now(),
    created_at      timestamptz   NOT NULL DEFAULT now(),
    updated_at      timestamptz   NOT NULL DEFAULT now(),
    applied_at      timestamptz,
    CONSTRAINT uq_operations_user_client_op UNIQUE (user_id, client_op_id)
);
-- The worker's claim query: due pending operations in push order.
CREATE INDEX idx_operations_due ON sync_operations (next_attempt_at, id) WHERE status = 'PENDING';
-- A user's queue, optionally by status.
CREATE INDEX idx_operations_user ON sync_operations (user_id, status, id);

-- Change log for delta sync (`changes`). Rows are written by triggers, so no write path can skip it.
-- A cursor is (tx_id, change_id): readers only return rows whose transaction id lies below the
-- oldest transaction still running, so a transaction that commits late can never fall behind a
-- cursor already handed out. Deletions are tombstones (deleted = true).
CREATE TABLE change_log (
    change_id  bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tx_id      xid8         NOT NULL DEFAULT pg_current_xact_id(),
    entity     varchar(32)  NOT NULL,
    entity_id  text         NOT NULL,
    owner_id   varchar(64)  NOT NULL,
    room_id    varchar(64),
    peer_id    varchar(64),
    deleted    boolean      NOT NULL DEFAULT false,
    changed_at timestamptz  NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX idx_change_log_cursor ON change_log (tx_id, change_id);
CREATE INDEX idx_change_log_owner ON change_log (owner_id, tx_id, change_id);
CREATE INDEX idx_change_log_room ON change_log (room_id, tx_id, change_id) WHERE room_id IS NOT NULL;

-- How far the change log has been pruned; a cursor older than this needs a full resync.
CREATE TABLE change_log_horizon (
    singleton         boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    pruned_through_tx xid8        NOT NULL DEFAULT '0'::xid8,
    pruned_at         timestamptz
);
INSERT INTO change_log_horizon (singleton) VALUES (true);

-- record_change(entity, owner column, id column [, room column [, peer column]])
CREATE FUNCTION record_change() RETURNS trigger
LANGUAGE plpgsql
-- Pinned to the schema Flyway migrates, so the trigger works whatever the writer's search_path is.
SET search_path FROM CURRENT
AS $$
DECLARE
    r        jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
    owner    text  := r ->> TG_ARGV[1];
    entity_id text := r ->> TG_ARGV[2];
BEGIN
    IF TG_ARGV[1] <> TG_ARGV[2] THEN
        entity_id := owner || '/' || entity_id;
    END IF;
    INSERT INTO change_log (entity, entity_id, owner_id, room_id, peer_id, deleted)
    VALUES (TG_ARGV[0],
            entity_id,
            owner,
            CASE WHEN TG_NARGS > 3 AND TG_ARGV[3] <> '' THEN r ->> TG_ARGV[3] END,
            CASE WHEN TG_NARGS > 4 THEN r ->> TG_ARGV[4] END,
            TG_OP = 'DELETE' OR (r ->> 'deleted_at') IS NOT NULL);
    RETURN NULL;
END;
$$;

CREATE TRIGGER trg_profiles_change AFTER INSERT OR UPDATE OR DELETE ON user_profiles
    FOR EACH ROW EXECUTE FUNCTION record_change('profile', 'user_id', 'user_id');
CREATE TRIGGER trg_settings_change AFTER INSERT OR UPDATE OR DELETE ON user_settings
    FOR EACH ROW EXECUTE FUNCTION record_change('setting', 'user_id', 'setting_key');
CREATE TRIGGER trg_rooms_change AFTER INSERT OR UPDATE OR DELETE ON chat_rooms
    FOR EACH ROW EXECUTE FUNCTION record_change('room', 'room_id', 'room_id', 'room_id');
CREATE TRIGGER trg_members_change AFTER INSERT OR UPDATE OR DELETE ON room_members
    FOR EACH ROW EXECUTE FUNCTION record_change('room_member', 'user_id', 'room_id', 'room_id');
CREATE TRIGGER trg_messages_change AFTER INSERT OR UPDATE OR DELETE ON chat_messages
    FOR EACH ROW EXECUTE FUNCTION record_change('message', 'sender_id', 'message_id', 'room_id');
CREATE TRIGGER trg_posts_change AFTER INSERT OR UPDATE OR DELETE ON social_posts
    FOR EACH ROW EXECUTE FUNCTION record_change('post', 'author_id', 'post_id');
CREATE TRIGGER trg_friends_change AFTER INSERT OR UPDATE OR DELETE ON friend_connections
    FOR EACH ROW EXECUTE FUNCTION record_change('friend', 'requester_id', 'addressee_id', '', 'addressee_id');
