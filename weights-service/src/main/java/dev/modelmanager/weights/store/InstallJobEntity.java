package dev.modelmanager.weights.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "install_job")
public class InstallJobEntity extends PanacheEntityBase {
  @Id public UUID id;
  public String repo;
  public String revision;

  @Column(name = "commit_sha")
  public String commitSha;

  public String location;

  @Column(name = "include_patterns")
  public String includePatterns;

  @Column(name = "exclude_patterns")
  public String excludePatterns;

  public boolean overwrite;
  public boolean pin;
  public String state;
  public String error;

  @Column(name = "bytes_total")
  public long bytesTotal;

  @Column(name = "bytes_done")
  public long bytesDone;

  public String plan;

  @Column(name = "cancel_requested")
  public boolean cancelRequested;

  public String owner;

  @Column(name = "lease_until")
  public OffsetDateTime leaseUntil;

  public int attempts;

  @Column(name = "lease_epoch")
  public long leaseEpoch;

  public int crashes;

  @Column(name = "requested_by")
  public String requestedBy;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;

  @Column(name = "updated_at")
  public OffsetDateTime updatedAt;

  @Column(name = "started_at")
  public OffsetDateTime startedAt;

  @Column(name = "finished_at")
  public OffsetDateTime finishedAt;
}
