package dev.offlinefirst.server.sync;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Filter;

import dev.offlinefirst.server.isolation.ViewerFilter;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One operation of a client's offline queue (the seed's SyncQueue row); seen by its owner only. */
@Entity
@Table(name = "sync_operations")
@Filter(name = ViewerFilter.NAME, deduceAliasInjectionPoints = false, condition = "{alias}.user_id = :viewerId")
public class SyncOperation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "user_id")
    public String userId;

    @Column(name = "client_op_id")
    public String clientOpId;

    @Column(name = "op_type")
    public String type;

    @Column(name = "entity_id")
    public String entityId;

    public String payload;

    @Enumerated(EnumType.STRING)
    public OperationStatus status;

    @Column(name = "retry_count")
    public int retryCount;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "applied_at")
    public Instant appliedAt;
}
