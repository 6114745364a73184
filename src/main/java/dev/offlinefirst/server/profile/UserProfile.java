package dev.offlinefirst.server.profile;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.Filter;

import dev.offlinefirst.server.isolation.Relations;
import dev.offlinefirst.server.isolation.ViewerFilter;
import dev.offlinefirst.server.secrets.PhoneNumberSealing;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A user's profile. Its card is visible to its owner, to accepted friends, to the other side of a
 * pending friend request and to anyone sharing a chat room with the owner (the row filter); which
 * fields beyond the card a viewer sees is {@link ProfileAccess}'s decision. Written by its owner only.
 */
@Entity
@Table(name = "user_profiles")
@Filter(name = ViewerFilter.NAME, deduceAliasInjectionPoints = false, condition = "({alias}.user_id = :viewerId"
        + " OR {alias}.user_id IN (" + Relations.FRIENDS_OF_VIEWER + ")"
        + " OR {alias}.user_id IN (" + Relations.PENDING_WITH_VIEWER + ")"
        + " OR EXISTS (SELECT 1 FROM room_members theirs WHERE theirs.user_id = {alias}.user_id"
        + "   AND theirs.room_id IN (" + Relations.ROOMS_OF_VIEWER + ")))")
public class UserProfile extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(name = "display_name")
    public String displayName;

    public String bio;

    @Column(name = "avatar_url")
    public String avatarUrl;

    /** Stored sealed; the entity holds it in clear. */
    @Column(name = "phone_number")
    @Convert(converter = PhoneNumberSealing.class)
    public String phoneNumber;

    @Version
    public int version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
