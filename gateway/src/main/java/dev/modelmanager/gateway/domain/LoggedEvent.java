package dev.modelmanager.gateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/**
 * An event as kept in the gateway's event log.
 *
 * @param seq position in the log (assigned on insert; null before); newer events have higher ones
 * @param id the CloudEvent id, unique in the log
 * @param data the event's {@code data} as JSON text, or null
 */
public record LoggedEvent(
    Long seq,
    String id,
    String type,
    String source,
    String subject,
    Instant time,
    String topic,
    String data,
    Instant receivedAt) {

  /** The data as a JSON tree; null when there is none or it is not JSON. */
  public JsonNode dataTree(ObjectMapper mapper) {
    if (data == null) {
      return null;
    }
    try {
      return mapper.readTree(data);
    } catch (IOException e) {
      return null;
    }
  }
}
