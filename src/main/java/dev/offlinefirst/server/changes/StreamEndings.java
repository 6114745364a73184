package dev.offlinefirst.server.changes;

import java.util.List;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.offlinefirst.server.shared.ApiException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Ends a user's live streams on this replica when the change stream says the user lost the right to
 * them, whichever replica made the change: a membership tombstone ends that room's streams, an account
 * tombstone ({@code clearMyData}) ends all of them. The stream fails with a coded error, so the client
 * knows it was ended on purpose.
 */
@ApplicationScoped
public class StreamEndings {

    /** The change stream entity of a cleared account: a tombstone written by {@code clearMyData}. */
    public static final String ACCOUNT_ENTITY = "account";

    /** Why a user's streams end: the room they left (or were removed from), or null for every stream. */
    private record Ending(String roomId) {
    }

    private final Topics<String, Ending> endings = new Topics<>();
    private final ChangeStream stream;

    public StreamEndings(ChangeStream stream) {
        this.stream = stream;
    }

    void start(@Observes StartupEvent started) {
        stream.listen(this::onChanges);
    }

    /** {@code live} until the user stops being a member of {@code roomId} or clears their data. */
    public <T> Multi<T> whileMember(String userId, String roomId, Multi<T> live) {
        return until(userId, live, ending -> ending.roomId() == null || ending.roomId().equals(roomId),
                "You are no longer a member of room " + roomId);
    }

    /** {@code live} until the user clears their data. */
    public <T> Multi<T> whileAccountLasts(String userId, Multi<T> live) {
        return until(userId, live, ending -> ending.roomId() == null, "Your data was cleared");
    }

    private <T> Multi<T> until(String userId, Multi<T> live, Predicate<Ending> applies, String why) {
        Multi<T> end = endings.follow(userId).filter(applies)
                .onItem().transformToUniAndConcatenate(ending -> Uni.createFrom().<T> failure(ApiException.forbidden(why)));
        return Multi.createBy().merging().streams(live, end);
    }

    private void onChanges(List<ChangeRow> changes) {
        for (ChangeRow change : changes) {
            if (!change.deleted() || !endings.isFollowed(change.ownerId())) {
                continue;
            }
            if ("room_member".equals(change.entity())) {
                endings.publish(change.ownerId(), new Ending(change.roomId()));
            } else if (ACCOUNT_ENTITY.equals(change.entity())) {
                endings.publish(change.ownerId(), new Ending(null));
            }
        }
    }
}
