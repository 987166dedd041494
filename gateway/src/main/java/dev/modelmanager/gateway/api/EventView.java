package dev.modelmanager.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.gateway.domain.LoggedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** An event of the log as the API shows it. */
public record EventView(
    String id,
    String type,
    String source,
    String subject,
    Instant time,
    String topic,
    JsonNode data,
    Instant receivedAt) {

  public static EventView of(LoggedEvent e, ObjectMapper mapper) {
    try {
      return new EventView(
          e.id(),
          e.type(),
          e.source(),
          e.subject(),
          e.time(),
          e.topic(),
          e.data() == null ? null : mapper.readTree(e.data()),
          e.receivedAt());
    } catch (IOException ex) {
      throw new UncheckedIOException("stored event " + e.id() + " has unreadable data", ex);
    }
  }
}
