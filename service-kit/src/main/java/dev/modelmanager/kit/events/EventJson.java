package dev.modelmanager.kit.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.model.events.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** CloudEvents to and from their structured JSON form. */
@ApplicationScoped
public class EventJson {
  private final ObjectMapper mapper;

  EventJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public String write(CloudEvent event) {
    try {
      return mapper.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event cannot be serialised: " + e.getMessage(), e);
    }
  }

  public CloudEvent read(String json) {
    try {
      return mapper.readValue(json, CloudEvent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a CloudEvent: " + e.getOriginalMessage(), e);
    }
  }

  public JsonNode tree(Object data) {
    return mapper.valueToTree(data);
  }
}
