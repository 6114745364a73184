package dev.offlinefirst.server.profile;

import java.time.Instant;

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
}
