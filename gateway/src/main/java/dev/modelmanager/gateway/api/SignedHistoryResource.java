package dev.modelmanager.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.gateway.audit.AuditOutcomes;
import dev.modelmanager.gateway.audit.AuditQuery;
import dev.modelmanager.gateway.audit.AuditRecordView;
import dev.modelmanager.gateway.audit.AuditTrail;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * The signed history of one install job or one deployment: the audit records the gateway made of
 * every state the services reported, each verifiable offline with the audit public key. Readable
 * with the area's read scope (the same people who may read the job or the deployment), unlike the
 * whole trail: these records hold nothing the service's own API does not show.
 */
@Path("/api/v1/audit/history")
@Tag(name = "audit")
public class SignedHistoryResource {
  static final String UUID =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
  static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";
  private static final String FORMATS =
      "format=json (one array, the default), jsonl (one record per line) or csv; the records are"
          + " the audit list's item shape, oldest first, each verifiable offline with GET"
          + " /api/v1/audit/public-key (docs/audit.md).";

  private final AuditTrail trail;
  private final ObjectMapper mapper;

  SignedHistoryResource(AuditTrail trail, ObjectMapper mapper) {
    this.trail = trail;
    this.mapper = mapper;
  }

  @GET
  @Path("/installs/{id}")
  // As the audit export: one declared type that RESTEasy streams as it is (declared JSON, it would
  // wrap the chunks in an array of its own); the answer's Content-Type follows the format.
  @Produces(Exports.CSV)
  @Operation(
      summary = "Signed history of an install job",
      description =
          "Every state the job reached (queued, resolving, downloading, …, succeeded,"
              + " failed, cancelled) with repo, commit, location, bytes and reason. "
              + FORMATS)
  public RestMulti<byte[]> install(
      @PathParam("id") @Pattern(regexp = UUID, message = "an install job id (a UUID)") String id,
      @QueryParam("format")
          @DefaultValue("json")
          @Pattern(regexp = Exports.FORMATS, message = "csv, json or jsonl")
          String format) {
    return history(format, "install-" + id + "-history", id, AuditOutcomes.INSTALL_HISTORY);
  }

  @GET
  @Path("/deployments/{name}")
  @Produces(Exports.CSV)
  @Operation(
      summary = "Signed history of a deployment",
      description =
          "Every activation, rollback and deactivation request the deploy service"
              + " accepted and every state its revisions reached (pending, applied, progressing,"
              + " ready, failed, superseded). "
              + FORMATS)
  public RestMulti<byte[]> deployment(
      @PathParam("name") @Pattern(regexp = DNS_LABEL, message = "a deployment name (DNS label)")
          String name,
      @QueryParam("format")
          @DefaultValue("json")
          @Pattern(regexp = Exports.FORMATS, message = "csv, json or jsonl")
          String format) {
    return history(
        format, "deployment-" + name + "-history", name, AuditOutcomes.DEPLOYMENT_HISTORY);
  }

  private RestMulti<byte[]> history(String format, String name, String target, String prefix) {
    return Exports.stream(
        format,
        name,
        AuditRecordView.COLUMNS,
        trail.export(AuditQuery.history(target, prefix)).map(AuditRecordView::of),
        AuditRecordView::csvRow,
        mapper);
  }
}
