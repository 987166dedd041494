package dev.modelmanager.gateway.preferences;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A row of {@code gateway.user_preferences}. */
@Entity
@Table(name = "user_preferences")
public class PreferencesEntity extends PanacheEntityBase {
  @Id public String subject;

  /** A JSON array of repo ids. */
  @Column(nullable = false)
  public String favorites;

  @Column(name = "default_gpu_pool")
  public String defaultGpuPool;

  @Column(name = "default_location")
  public String defaultLocation;

  @Column(nullable = false)
  public String theme;

  @Column(name = "last_seen_event_at")
  public OffsetDateTime lastSeenEventAt;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;
}
