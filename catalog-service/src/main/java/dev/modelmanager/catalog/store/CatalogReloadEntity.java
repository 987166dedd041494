package dev.modelmanager.catalog.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "catalog_reload")
public class CatalogReloadEntity extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "source_commit", nullable = false)
  public String sourceCommit;

  @Column(name = "finished_at", nullable = false)
  public OffsetDateTime finishedAt;

  public int entries;
  public int added;
  public int updated;
  public int removed;
}
