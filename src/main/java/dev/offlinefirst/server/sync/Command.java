package dev.offlinefirst.server.sync;

import java.util.List;
import java.util.Optional;

import dev.offlinefirst.server.chat.MessageDraft;
import dev.offlinefirst.server.chat.MessageService;
import dev.offlinefirst.server.profile.ProfileChanges;
import dev.offlinefirst.server.profile.ProfileService;
import dev.offlinefirst.server.settings.SettingsService;
import dev.offlinefirst.server.social.PostInput;
import dev.offlinefirst.server.social.PostService;
import io.smallrye.mutiny.Uni;

/**
 * What a queued operation asks for, read from its payload ({@link OperationType#read}): one type per
 * kind of operation, each applied through the service of the mutation it stands for, as that mutation
 * would call it. Read at push (to refuse a bad payload there) and again, the same way, when applied.
 */
sealed interface Command {

    /** The services the commands go through. */
    record Services(MessageService messages, ProfileService profiles, PostService posts, SettingsService settings) {
    }

    Uni<Void> apply(String userId, Services services);

    /** The message this command sends, for a run of messages sent in one batch. */
    default Optional<MessageDraft> message() {
        return Optional.empty();
    }

    record SendMessage(MessageDraft draft) implements Command {

        @Override
        public Uni<Void> apply(String userId, Services services) {
            return services.messages().send(userId, "payload", List.of(draft), false).replaceWithVoid();
        }

        @Override
        public Optional<MessageDraft> message() {
            return Optional.of(draft);
        }
    }

    record UpdateProfile(ProfileChanges changes) implements Command {

        @Override
        public Uni<Void> apply(String userId, Services services) {
            return services.profiles().update(userId, changes).replaceWithVoid();
        }
    }

    record CreatePost(PostInput post) implements Command {

        @Override
        public Uni<Void> apply(String userId, Services services) {
            return services.posts().create(userId, post.postId(), post.content(), post.visibility()).replaceWithVoid();
        }
    }

    record DeletePost(String postId) implements Command {

        @Override
        public Uni<Void> apply(String userId, Services services) {
            return services.posts().delete(userId, postId).replaceWithVoid();
        }
    }

    record SetSetting(String key, String value, boolean secret) implements Command {

        @Override
        public Uni<Void> apply(String userId, Services services) {
            return services.settings().set(userId, key, value, secret).replaceWithVoid();
        }
    }

    record DeleteSetting(String key) implements Command {

        @Override
        public Uni<Void> apply(String userId, Services services) {
            return services.settings().delete(userId, key).replaceWithVoid();
        }
    }
}
