package dev.modelmanager.deploy.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "revision")
public class RevisionEntity extends PanacheEntityBase {
  /** {@code <deployment>/<number>}. */
  @Id public String id;

  @Column(nullable = false)
  public String deployment;

  @Column(nullable = false)
  public int number;

  @Column(nullable = false)
  public String action;

  @Column(name = "entry_id")
  public String entryId;

  @Column(name = "catalog_commit")
  public String catalogCommit;

  @Column(name = "model_repo")
  public String modelRepo;

  @Column(name = "model_commit")
  public String modelCommit;

  @Column(name = "weights_location")
  public String weightsLocation;

  public String strategy;

  @Column(name = "deactivate_mode")
  public String deactivateMode;

  @Column(name = "rollback_of")
  public Integer rollbackOf;

  @Column(name = "auto_rollback", nullable = false)
  public boolean autoRollback;

  @Column(nullable = false, columnDefinition = "text")
  public String manifest;

  @Column(name = "diff_patch", nullable = false, columnDefinition = "text")
  public String diffPatch;

  @Column(name = "diff_yaml", nullable = false, columnDefinition = "text")
  public String diffYaml;

  @Column(nullable = false)
  public String actor;

  public String reason;

  @Column(nullable = false)
  public String state;

  @Column(name = "state_reason", columnDefinition = "text")
  public String stateReason;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;
}
