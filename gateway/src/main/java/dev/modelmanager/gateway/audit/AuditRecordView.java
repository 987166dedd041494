package dev.modelmanager.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An audit record as the API shows and exports it. Every field of the canonical form is here (
 * {@code id} is its {@code seq}), so a record verifies offline: rebuild the canonical JSON, check
 * that its SHA-256 is {@code hash} and that {@code signature} verifies with the public key.
 */
public record AuditRecordView(
    long id,
    Instant time,
    String kind,
    String actorSubject,
    String actorName,
    String authMethod,
    String tokenId,
    String action,
    List<String> targets,
    String outcome,
    String requestId,
    String clientAddress,
    String eventId,
    Map<String, String> details,
    String prevHash,
    String keyId,
    String hash,
    String signature) {

  private static final ObjectMapper PLAIN = new ObjectMapper();

  /**
   * The CSV columns, in order; {@code targets} is space-separated there, {@code details} compact
   * JSON.
   */
  public static final List<String> COLUMNS =
      List.of(
          "id",
          "time",
          "kind",
          "actorSubject",
          "actorName",
          "authMethod",
          "tokenId",
          "action",
          "targets",
          "outcome",
          "requestId",
          "clientAddress",
          "eventId",
          "details",
          "prevHash",
          "keyId",
          "hash",
          "signature");

  public static AuditRecordView of(AuditRecord r) {
    AuditEntry e = r.entry();
    return new AuditRecordView(
        r.seq(),
        e.time(),
        e.kind(),
        e.actor().subject(),
        e.actor().name(),
        e.actor().authMethod(),
        e.actor().tokenId(),
        e.action(),
        e.targets(),
        e.outcome(),
        e.requestId(),
        e.clientAddress(),
        e.eventId(),
        e.details().isEmpty() ? null : e.details(),
        r.prevHash(),
        r.keyId(),
        r.hash(),
        r.signature());
  }

  /** The CSV cells, in {@link #COLUMNS} order; absent values are empty. */
  public Object[] csvRow() {
    return new Object[] {
      id,
      time.toString(),
      kind,
      actorSubject,
      actorName,
      authMethod,
      tokenId,
      action,
      String.join(" ", targets),
      outcome,
      requestId,
      clientAddress,
      eventId,
      details == null ? null : json(details),
      prevHash,
      keyId,
      hash,
      signature
    };
  }

  private static String json(Map<String, String> details) {
    try {
      return PLAIN.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
