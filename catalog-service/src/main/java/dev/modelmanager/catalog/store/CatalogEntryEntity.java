package dev.modelmanager.catalog.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "catalog_entry")
public class CatalogEntryEntity extends PanacheEntityBase {
  @Id public String id;

  @Column(nullable = false)
  public String repo;

  @Column(nullable = false)
  public String revision;

  public String description;

  @Column(nullable = false, columnDefinition = "text")
  public String document;

  @Column(name = "content_hash", nullable = false)
  public String contentHash;

  @Column(name = "source_path", nullable = false)
  public String sourcePath;

  @Column(name = "source_commit", nullable = false)
  public String sourceCommit;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;
}
