package dev.offlinefirst.server.profile;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.changes.ChangeEntity;
import dev.offlinefirst.server.changes.ChangeRow;
import dev.offlinefirst.server.replication.PushRefused;
import dev.offlinefirst.server.replication.ReplicatedCollection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The {@code Profiles} collection: the viewer's own profile and the cards of the people they know. The
 * owner's push is merged field by field: a field is written when the server still holds the value the
 * client assumed, so two devices changing different fields both keep their change.
 */
@ApplicationScoped
public class ProfileReplication implements ReplicatedCollection<ReplicatedProfile> {

    /** The fields an owner writes, each with how to read it from a document. */
    private static final List<Function<ReplicatedProfile, String>> FIELDS = List.of(
            ReplicatedProfile::displayName, ReplicatedProfile::bio, ReplicatedProfile::avatarUrl, ReplicatedProfile::phoneNumber);

    private static final ReplicatedProfile EMPTY = new ReplicatedProfile("", null, null, null, null, null, null, null, false);

    private final ProfileService profiles;
    private final ProfileRepository repository;

    public ProfileReplication(ProfileService profiles, ProfileRepository repository) {
        this.profiles = profiles;
        this.repository = repository;
    }

    @Override
    public String name() {
        return "Profiles";
    }

    @Override
    public Set<ChangeEntity> entities() {
        return EnumSet.of(ChangeEntity.PROFILE);
    }

    @Override
    public String documentId(String viewerId, ChangeRow change) {
        return ChangeEntity.PROFILE.is(change.entity()) ? change.ownerId() : null;
    }

    @Override
    public Uni<Map<String, ReplicatedProfile>> load(String viewerId, Collection<String> ids) {
        return repository.visibleAmong(viewerId, ids).map(seen -> seen.stream().map(p -> ReplicatedProfile.of(p.view()))
                .collect(Collectors.toMap(ReplicatedProfile::id, profile -> profile)));
    }

    @Override
    public ReplicatedProfile deleted(String id) {
        return ReplicatedProfile.deleted(id);
    }

    @Override
    public Uni<Void> write(String viewerId, ReplicatedProfile assumed, ReplicatedProfile proposed) {
        if (!viewerId.equals(proposed.id()) || proposed.userId() != null && !viewerId.equals(proposed.userId())) {
            throw PushRefused.forbidden("a profile is written by its owner only");
        }
        if (proposed.deleted()) {
            throw PushRefused.badInput("a profile cannot be deleted; clearMyData removes the account's data");
        }
        ReplicatedProfile before = assumed == null ? EMPTY : assumed;
        return Panache.withSession(() -> profiles.own(viewerId)).chain(stored -> {
            ReplicatedProfile master = ReplicatedProfile.of(ProfileAccess.OWNER.show(stored));
            String[] changes = new String[FIELDS.size()];
            boolean any = false;
            for (int i = 0; i < FIELDS.size(); i++) {
                Function<ReplicatedProfile, String> field = FIELDS.get(i);
                if (Objects.equals(field.apply(proposed), field.apply(before))) {
                    continue;
                }
                if (!Objects.equals(field.apply(master), field.apply(before))) {
                    throw PushRefused.conflict();
                }
                // ProfileChanges: null keeps a field, an empty string clears it
                changes[i] = field.apply(proposed) == null ? "" : field.apply(proposed);
                any = true;
            }
            if (!any) {
                return Uni.createFrom().voidItem();
            }
            return profiles.update(viewerId, new ProfileChanges(changes[0], changes[1], changes[2], changes[3], stored.version))
                    .replaceWithVoid();
        });
    }
}
