package dev.modelmanager.discovery.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A row of {@code gpu_report}: the latest report of one node. */
@Entity
@Table(name = "gpu_report")
public class GpuReportEntity extends PanacheEntityBase {
  @Id public String node;

  /** JSON array of the reported GPUs. */
  @Column(nullable = false, columnDefinition = "text")
  public String gpus;

  /** JSON object of the node labels the agent passed along. */
  @Column(nullable = false, columnDefinition = "text")
  public String labels;

  @Column(name = "reported_at", nullable = false)
  public OffsetDateTime reportedAt;
}
