package dev.modelmanager.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.gateway.audit.AuditQuery;
import dev.modelmanager.gateway.audit.AuditRecordView;
import dev.modelmanager.gateway.audit.AuditTrail;
import dev.modelmanager.model.api.Page;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

/** The audit trail: who did what, when, with what outcome; tamper-evident (docs/audit.md). */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditResource {
  private final AuditTrail trail;
  private final ObjectMapper mapper;

  AuditResource(AuditTrail trail, ObjectMapper mapper) {
    this.trail = trail;
    this.mapper = mapper;
  }

  @GET
  @Operation(
      summary = "Audit records, newest first",
      description =
          "Every mutating request, every denied request and every background outcome, each"
              + " chained to its predecessor by hash and signed.")
  public Uni<Page<AuditRecordView>> list(
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
      @QueryParam("cursor")
          @Pattern(regexp = "[0-9]{1,18}", message = "not a cursor this API returned")
          @Parameter(description = "nextCursor of the previous page")
          String cursor,
      @QueryParam("actor") @Parameter(description = "the actor's subject") String actor,
      @QueryParam("action") @Parameter(description = "e.g. POST /api/v1/weights/installs")
          String action,
      @QueryParam("target") @Parameter(description = "an id the action touched") String target,
      @QueryParam("outcome") @Parameter(description = "status code or outcome, e.g. 403")
          String outcome,
      @QueryParam("from") @Parameter(description = "ISO-8601 instant, inclusive") String from,
      @QueryParam("to") @Parameter(description = "ISO-8601 instant, exclusive") String to) {
    AuditQuery query = query(actor, action, target, outcome, from, to);
    return trail
        .list(query, limit, cursor == null ? null : Long.parseLong(cursor))
        .map(p -> new Page<>(p.items().stream().map(AuditRecordView::of).toList(), p.nextCursor()));
  }

  @GET
  @Path("/export")
  // One declared type (RESTEasy negotiates no Multi types); the answer's Content-Type follows the
  // format (set on the RestMulti).
  @Produces(Exports.CSV)
  @Operation(
      summary = "All matching audit records, oldest first, streamed",
      description =
          "format=csv (a header row, targets space-separated), format=json (one array) or format=jsonl (one record per"
              + " line, the list's item shape, verifiable offline with the public key).")
  public RestMulti<byte[]> export(
      @QueryParam("format")
          @DefaultValue("jsonl")
          @Pattern(regexp = Exports.FORMATS, message = "csv, json or jsonl")
          String format,
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("target") String target,
      @QueryParam("outcome") String outcome,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    return Exports.stream(
        format,
        "audit",
        AuditRecordView.COLUMNS,
        trail.export(query(actor, action, target, outcome, from, to)).map(AuditRecordView::of),
        AuditRecordView::csvRow,
        mapper);
  }

  @GET
  @Path("/verify")
  @Operation(
      summary = "Checks the whole chain",
      description =
          "valid is false when a record was altered (hash or signature), removed (a gap) or the"
              + " chain's end no longer matches; firstBrokenId names the first such record.")
  public Uni<AuditTrail.Verification> verify() {
    return trail.verify();
  }

  @GET
  @Path("/public-key")
  @Operation(
      summary = "The Ed25519 public key that verifies audit records",
      description =
          "JSON with the PEM, the key id and the JWK; Accept: application/x-pem-file answers the"
              + " PEM alone.")
  public Map<String, Object> publicKey() {
    return Map.of(
        "keyId",
        trail.keys().keyId(),
        "algorithm",
        "Ed25519",
        "pem",
        trail.keys().publicKeyPem(),
        "jwk",
        Map.of(
            "kty",
            "OKP",
            "crv",
            "Ed25519",
            "kid",
            trail.keys().keyId(),
            "x",
            trail.keys().publicKeyRaw()));
  }

  @GET
  @Path("/public-key")
  @Produces("application/x-pem-file")
  @Operation(summary = "The Ed25519 public key as PEM")
  public String publicKeyPem() {
    return trail.keys().publicKeyPem();
  }

  private static AuditQuery query(
      String actor, String action, String target, String outcome, String from, String to) {
    return new AuditQuery(
        Exports.blankToNull(actor),
        Exports.blankToNull(action),
        Exports.blankToNull(target),
        Exports.blankToNull(outcome),
        Exports.instant("from", from),
        Exports.instant("to", to));
  }
}
