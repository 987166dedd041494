package dev.modelmanager.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The exact bytes that are hashed and signed: compact JSON (UTF-8) with the keys in this order and
 * nulls written out:
 *
 * <pre>{"seq":…,"time":"…Z","kind":…,"actorSubject":…,"actorName":…,"authMethod":…,"tokenId":…,
 * "action":…,"targets":[…],"outcome":…,"requestId":…,"clientAddress":…,"eventId":…,
 * "details":{…},"prevHash":…,"keyId":…}</pre>
 *
 * <p>{@code details} is there only when the record has details (records of background work: the job
 * or revision history record's content), its keys sorted, its values strings; without details the
 * key is left out, so records written before details existed verify unchanged.
 *
 * <p>{@code time} is {@code Instant.toString()} of a millisecond instant. Anyone holding an
 * exported record and the public key can rebuild these bytes and check the signature (see
 * docs/audit.md).
 */
public final class AuditCanonical {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private AuditCanonical() {}

  public static byte[] bytes(long seq, AuditEntry e, String prevHash, String keyId) {
    ObjectNode n = PLAIN.createObjectNode();
    n.put("seq", seq);
    n.put("time", e.time().toString());
    n.put("kind", e.kind());
    n.put("actorSubject", e.actor().subject());
    n.put("actorName", e.actor().name());
    n.put("authMethod", e.actor().authMethod());
    n.put("tokenId", e.actor().tokenId());
    n.put("action", e.action());
    ArrayNode targets = n.putArray("targets");
    e.targets().forEach(targets::add);
    n.put("outcome", e.outcome());
    n.put("requestId", e.requestId());
    n.put("clientAddress", e.clientAddress());
    n.put("eventId", e.eventId());
    if (!e.details().isEmpty()) {
      ObjectNode details = n.putObject("details");
      e.details().forEach(details::put);
    }
    n.put("prevHash", prevHash);
    n.put("keyId", keyId);
    try {
      return PLAIN.writeValueAsString(n).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("an audit record cannot be serialised", ex);
    }
  }

  public static byte[] bytes(AuditRecord r) {
    return bytes(r.seq(), r.entry(), r.prevHash(), r.keyId());
  }
}
