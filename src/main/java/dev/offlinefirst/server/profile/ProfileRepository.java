package dev.offlinefirst.server.profile;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Profile rows; reads go through the viewer filter. */
@ApplicationScoped
public class ProfileRepository implements PanacheRepositoryBase<UserProfile, String> {

    /** Creates the user's empty profile unless it exists; safe when two first calls race. */
    public Uni<Integer> createIfMissing(String userId, Instant now) {
        return getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO user_profiles (user_id, version, created_at, updated_at)
                VALUES (:userId, 0, :now, :now)
                ON CONFLICT (user_id) DO NOTHING""")
                .setParameter("userId", userId)
                .setParameter("now", now)
                .executeUpdate());
    }

    /**
     * Which of these users exist, whether or not the viewer may see their profiles: adding someone to
     * a room or asking them to be a friend needs an existing user, and says only that the account exists.
     */
    public Uni<List<String>> existingUserIds(Collection<String> userIds) {
        return getSession().chain(session -> session
                .createNativeQuery("SELECT user_id FROM user_profiles WHERE user_id IN (:ids)", String.class)
                .setParameter("ids", userIds)
                .getResultList());
    }

    /** The profiles among these users that the viewer may see, each with how much of it (one query). */
    public Uni<List<SeenProfile>> visibleAmong(String viewerId, Collection<String> userIds) {
        return getSession().chain(session -> session.createSelectionQuery("""
                select p, (select count(*) from AcceptedFriend f where f.userId = :viewer and f.friendId = p.userId)
                from UserProfile p where p.userId in :ids""", Object[].class)
                .setParameter("viewer", viewerId)
                .setParameter("ids", userIds)
                .getResultList())
                .map(rows -> rows.stream().map(row -> {
                    UserProfile profile = (UserProfile) row[0];
                    return new SeenProfile(profile, ProfileAccess.of(viewerId, profile.userId, ((Number) row[1]).longValue() > 0));
                }).toList());
    }
}
