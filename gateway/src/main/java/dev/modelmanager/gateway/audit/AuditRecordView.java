package dev.modelmanager.gateway.audit;

import java.time.Instant;
import java.util.List;

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
    String prevHash,
    String keyId,
    String hash,
    String signature) {

  /** The CSV columns, in order; {@code targets} is space-separated there. */
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
      prevHash,
      keyId,
      hash,
      signature
    };
  }
}
