package dev.modelmanager.catalog.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "catalog_pull_request")
public class PullRequestEntity extends PanacheEntityBase {
  @Id public Integer number;

  @Column(name = "entry_id", nullable = false)
  public String entryId;

  @Column(nullable = false)
  public String branch;

  @Column(nullable = false)
  public String title;

  @Column(nullable = false)
  public String url;

  @Column(nullable = false)
  public String state;

  @Column(name = "head_commit")
  public String headCommit;

  @Column(nullable = false)
  public String kind;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  /** The catalog bot's proposal as JSON (bot pull requests only). */
  public String proposal;
}
