package dev.modelmanager.deploy.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "revision_state")
public class RevisionStateEntity extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "revision_id", nullable = false)
  public String revisionId;

  @Column(nullable = false)
  public String state;

  @Column(columnDefinition = "text")
  public String reason;

  @Column(nullable = false)
  public OffsetDateTime at;
}
