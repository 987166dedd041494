package dev.modelmanager.gateway.notify.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A row of {@code gateway.notification_delivery}. */
@Entity
@Table(name = "notification_delivery")
public class DeliveryEntity extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long seq;

  @Column(name = "id", nullable = false, unique = true)
  public String deliveryId;

  @Column(name = "channel_id", nullable = false)
  public String channelId;

  @Column(name = "event_id", nullable = false)
  public String eventId;

  @Column(name = "event_seq", nullable = false)
  public long eventSeq;

  @Column(name = "event_type", nullable = false)
  public String eventType;

  @Column(nullable = false)
  public String payload;

  @Column(nullable = false)
  public String status;

  @Column(nullable = false)
  public int attempts;

  @Column(name = "next_attempt_at")
  public OffsetDateTime nextAttemptAt;

  @Column(name = "last_status")
  public Integer lastStatus;

  @Column(name = "last_error")
  public String lastError;

  @Column(name = "latency_ms")
  public Long latencyMs;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "delivered_at")
  public OffsetDateTime deliveredAt;

  /** The digest that claimed or delivered this delivery (digest channels only). */
  @Column(name = "digest_id")
  public String digestId;
}
