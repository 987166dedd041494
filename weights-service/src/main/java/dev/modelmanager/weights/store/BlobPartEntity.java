package dev.modelmanager.weights.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "blob_part")
public class BlobPartEntity extends PanacheEntityBase {
  /** {@code location/blob/index}. */
  @Id public String id;

  public String location;
  public String blob;

  @Column(name = "part_index")
  public int partIndex;
}
