package dev.modelmanager.gateway.notify.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A row of {@code gateway.notification_channel}. */
@Entity
@Table(name = "notification_channel")
public class ChannelEntity extends PanacheEntityBase {
  @Id public String id;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public String type;

  @Column(nullable = false)
  public String target;

  @Column(nullable = false)
  public String events;

  @Column(name = "min_severity", nullable = false)
  public String minSeverity;

  @Column(nullable = false)
  public String filters;

  public String secret;

  @Column(nullable = false)
  public boolean enabled;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  /** The email digest interval, ISO-8601 ({@code PT15M}); null for one message per event. */
  public String digest;
}
