package dev.modelmanager.model.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode, as carried on every Model Manager topic.
 *
 * <p>{@code subject} holds the aggregate id (also the Kafka key), so consumers can keep
 * per-aggregate order without parsing {@code data}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
    String specversion,
    String id,
    String source,
    String type,
    String subject,
    Instant time,
    String datacontenttype,
    JsonNode data) {

  public static final String SPEC_VERSION = "1.0";

  public CloudEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    if (!SPEC_VERSION.equals(specversion)) {
      throw new IllegalArgumentException("unsupported CloudEvents specversion: " + specversion);
    }
  }

  /** A new event with a random id, stamped now. */
  public static CloudEvent create(String source, String type, String subject, JsonNode data) {
    return new CloudEvent(
        SPEC_VERSION,
        UUID.randomUUID().toString(),
        source,
        type,
        subject,
        Instant.now(),
        "application/json",
        data);
  }
}
