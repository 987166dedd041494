package dev.modelmanager.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.modelmanager.gateway.audit.AuditQuery;
import dev.modelmanager.gateway.audit.AuditRecordView;
import dev.modelmanager.gateway.audit.AuditTrail;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.api.Page;
import io.smallrye.mutiny.Multi;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
  static final String CSV = "text/csv";
  static final String JSONL = "application/jsonl";

  private final AuditTrail trail;
  private final ObjectWriter json;
  private final ObjectWriter csvRow;

  AuditResource(AuditTrail trail, ObjectMapper mapper) {
    this.trail = trail;
    this.json = mapper.writer();
    CsvSchema.Builder schema = CsvSchema.builder();
    AuditRecordView.COLUMNS.forEach(schema::addColumn);
    this.csvRow = new CsvMapper().writer(schema.build().withoutHeader());
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
  @Produces(CSV)
  @Operation(
      summary = "All matching audit records, oldest first, streamed",
      description =
          "format=csv (a header row, targets space-separated) or format=jsonl (one record per"
              + " line, the list's item shape, verifiable offline with the public key).")
  public RestMulti<byte[]> export(
      @QueryParam("format")
          @DefaultValue("jsonl")
          @Pattern(regexp = "csv|jsonl", message = "csv or jsonl")
          String format,
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("target") String target,
      @QueryParam("outcome") String outcome,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    AuditQuery query = query(actor, action, target, outcome, from, to);
    boolean csv = "csv".equals(format);
    Multi<AuditRecordView> records = trail.export(query).map(AuditRecordView::of);
    Multi<byte[]> lines =
        csv
            ? Multi.createBy()
                .concatenating()
                .streams(
                    Multi.createFrom().item(csvLine(AuditRecordView.COLUMNS.toArray())),
                    records.map(r -> csvLine(r.csvRow())))
            : records.map(this::jsonLine);
    return RestMulti.fromMultiData(lines)
        .header("Content-Type", csv ? CSV + "; charset=utf-8" : JSONL + "; charset=utf-8")
        .header(
            "Content-Disposition", "attachment; filename=\"audit." + (csv ? "csv" : "jsonl") + "\"")
        .build();
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

  private byte[] csvLine(Object[] cells) {
    try {
      return csvRow.writeValueAsBytes(cells);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] jsonLine(AuditRecordView view) {
    try {
      String line = json.writeValueAsString(view) + "\n";
      return line.getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static AuditQuery query(
      String actor, String action, String target, String outcome, String from, String to) {
    return new AuditQuery(
        blankToNull(actor),
        blankToNull(action),
        blankToNull(target),
        blankToNull(outcome),
        instant("from", from),
        instant("to", to));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.invalidField(field, "an ISO-8601 instant, e.g. 2025-01-31T12:00:00Z");
    }
  }
}
