package dev.modelmanager.weights.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "blob_range")
public class BlobRangeEntity extends PanacheEntityBase {
  /** {@code location/blob/start-end}. */
  @Id public String id;

  public String location;
  public String blob;

  @Column(name = "range_start")
  public long rangeStart;

  @Column(name = "range_end")
  public long rangeEnd;
}
