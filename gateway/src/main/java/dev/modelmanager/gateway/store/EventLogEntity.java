package dev.modelmanager.gateway.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnTransformer;

/** A row of {@code gateway.event_log}. */
@Entity
@Table(name = "event_log")
public class EventLogEntity extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long seq;

  @Column(name = "id", nullable = false, unique = true)
  public String eventId;

  @Column(nullable = false)
  public String type;

  @Column(nullable = false)
  public String source;

  public String subject;

  @Column(name = "time")
  public OffsetDateTime time;

  @Column(nullable = false)
  public String topic;

  // jsonb in the table, JSON text in Java. The inner cast makes the parameter text, so Postgres
  // parses it as JSON; a parameter typed jsonb would be sent as one JSON string.
  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(read = "data::text", write = "cast(cast(? as text) as jsonb)")
  public String data;

  @Column(name = "received_at", nullable = false)
  public OffsetDateTime receivedAt;
}
