package dev.modelmanager.gateway.notify.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.gateway.notify.domain.Channel;
import dev.modelmanager.kit.web.ProblemException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * {@code PATCH …/channels/{id}}: a JSON merge patch (RFC 7396) on the channel's settings in the
 * shape of {@link ChannelRequest}. The patched settings are checked like a replacement ({@code
 * PUT}); the secret is not part of them, so a patch can neither read nor set it.
 */
final class ChannelPatch {
  static final String MERGE_PATCH = "application/merge-patch+json";

  private ChannelPatch() {}

  /** The settings {@code current} has, as the request that would create them. */
  static ObjectNode settingsOf(Channel current, ObjectMapper mapper) {
    ObjectNode node = mapper.createObjectNode();
    node.put("name", current.name());
    node.put("type", current.type().wire());
    node.put("target", current.target());
    node.set("events", mapper.valueToTree(current.events()));
    node.put("minSeverity", current.minSeverity().wire());
    node.set("filters", mapper.valueToTree(current.filters()));
    node.put("enabled", current.enabled());
    if (current.digest() != null) {
      node.put("digest", current.digest().toString());
    }
    return node;
  }

  /**
   * Applies {@code patchText} to {@code current}'s settings and validates the outcome: a 400
   * problem for a body that is not a JSON object or names an unknown field, a validation problem
   * for settings a replacement would refuse.
   */
  static ChannelRequest apply(
      Channel current, String patchText, ObjectMapper mapper, Validator validator) {
    JsonNode patch;
    try {
      patch = patchText == null || patchText.isBlank() ? null : mapper.readTree(patchText);
    } catch (IOException e) {
      throw ProblemException.badRequest("The body is not JSON: " + message(e));
    }
    if (patch == null || !patch.isObject()) {
      throw ProblemException.badRequest("A merge patch is a JSON object of the fields to change");
    }
    JsonNode merged = merge(settingsOf(current, mapper), patch);
    ChannelRequest request;
    try {
      request =
          mapper
              .readerFor(ChannelRequest.class)
              .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .readValue(merged);
    } catch (UnrecognizedPropertyException e) {
      throw ProblemException.invalidField(
          e.getPropertyName(), "is not a channel setting that can be changed");
    } catch (IOException e) {
      throw ProblemException.badRequest("The patched channel is not valid: " + message(e));
    }
    Set<ConstraintViolation<ChannelRequest>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return request;
  }

  /** RFC 7396: objects merge member by member, null removes, anything else replaces. */
  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : ((ObjectNode) patch).objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  private static String message(IOException e) {
    return e instanceof com.fasterxml.jackson.core.JsonProcessingException j
        ? j.getOriginalMessage()
        : e.getMessage();
  }
}
