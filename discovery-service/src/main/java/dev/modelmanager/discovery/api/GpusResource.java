package dev.modelmanager.discovery.api;

import dev.modelmanager.discovery.config.DiscoveryConfig;
import dev.modelmanager.discovery.service.GpuInventoryService;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The GPU inventory: pools from Kubernetes, node agents and the GPU catalog. */
@Path("/api/v1/gpus")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "gpus")
public class GpusResource {
  private static final int MAX_NAME_ECHO = 100;

  private final GpuInventoryService inventory;
  private final DiscoveryConfig config;

  GpusResource(GpuInventoryService inventory, DiscoveryConfig config) {
    this.inventory = inventory;
    this.config = config;
  }

  @GET
  @Operation(
      summary = "List GPU pools",
      description =
          "Pools from Kubernetes nodes (GPU feature discovery / AMD labels), node agent reports and"
              + " static catalog profiles, by memory per GPU then name. Cached for"
              + " mm.discovery.gpus.cache-ttl; a source that fails is left out and shown in"
              + " sources.")
  public Uni<GpuInventoryView> list() {
    return inventory.inventory().map(inv -> GpuInventoryView.of(inv, Instant.now()));
  }

  @GET
  @Path("/{name}")
  @Operation(summary = "Get one GPU pool by name")
  @APIResponse(
      responseCode = "404",
      description = "No pool has that name",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponseSchema(
      value = GpuPoolView.class,
      responseCode = "200",
      responseDescription = "The pool")
  public Uni<GpuPoolView> pool(@PathParam("name") String name) {
    return inventory
        .pool(name)
        .map(
            found ->
                found
                    .map(p -> GpuPoolView.of(p, Instant.now()))
                    .orElseThrow(
                        () ->
                            ProblemException.notFound(
                                "No GPU pool is named '"
                                    + abbreviate(name)
                                    + "'; GET /api/v1/gpus lists them")));
  }

  @POST
  @Path("/reports")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Report the GPUs of a node (node agent)",
      description =
          "Stores the report as the node's latest; it counts in the inventory until"
              + " mm.discovery.gpus.report-ttl passes without a newer one.")
  @APIResponse(responseCode = "200", description = "The stored report")
  @APIResponse(
      responseCode = "400",
      description = "A field is invalid; errors lists each one",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<GpuReportView> report(
      @Valid @NotNull(message = "a GPU report is required") GpuReportRequest body) {
    return inventory
        .accept(body.toReport(Instant.now().truncatedTo(ChronoUnit.MILLIS)))
        .map(stored -> GpuReportView.of(stored, config.gpus().reportTtl()));
  }

  private static String abbreviate(String name) {
    return name.length() <= MAX_NAME_ECHO ? name : name.substring(0, MAX_NAME_ECHO) + "…";
  }
}
