-- V7: the longest message and post are configuration (app.limits.message-max-length and
-- post-max-length, enforced by the services with a BAD_USER_INPUT); the database only insists on
-- some content. A second bound here turned a raised setting into an INTERNAL error.
ALTER TABLE chat_messages DROP CONSTRAINT chat_messages_content_check,
    ADD CONSTRAINT chat_messages_content_check CHECK (char_length(content) >= 1);
ALTER TABLE social_posts DROP CONSTRAINT social_posts_content_check,
    ADD CONSTRAINT social_posts_content_check CHECK (char_length(content) >= 1);
