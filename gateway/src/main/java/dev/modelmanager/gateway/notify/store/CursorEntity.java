package dev.modelmanager.gateway.notify.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code gateway.notification_cursor}. */
@Entity
@Table(name = "notification_cursor")
public class CursorEntity extends PanacheEntityBase {
  @Id public String name;

  @Column(nullable = false)
  public long seq;
}
