package dev.modelmanager.weights.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "snapshot")
public class SnapshotEntity extends PanacheEntityBase {
  @Id public UUID id;
  public String repo;
  public String revision;

  @Column(name = "commit_sha")
  public String commitSha;

  public String location;

  @Column(name = "size_bytes")
  public long sizeBytes;

  public int files;
  public String status;
  public boolean verified;
  public boolean pinned;

  @Column(name = "installed_at")
  public OffsetDateTime installedAt;

  @Column(name = "last_accessed_at")
  public OffsetDateTime lastAccessedAt;

  public String blobs;
}
