package dev.modelmanager.discovery.api;

import dev.modelmanager.discovery.domain.vllm.VllmArchitecture;
import dev.modelmanager.discovery.domain.vllm.VllmArchitectureRegistry;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.problem.Problem;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/vllm/architectures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "vllm")
public class VllmResource {
  private final VllmArchitectureRegistry registry;

  VllmResource(VllmArchitectureRegistry registry) {
    this.registry = registry;
  }

  /** The architectures of the vLLM version the data file describes. */
  public record ArchitectureList(
      String vllmVersion, String sourceCommit, int count, List<VllmArchitecture> items) {}

  @GET
  @Operation(
      summary = "Architectures vLLM serves",
      description =
          "From a versioned data file derived from vLLM's model registry; task filters by generate, embed, classify…")
  public ArchitectureList list(@QueryParam("task") @Pattern(regexp = "[a-z]{1,32}") String task) {
    List<VllmArchitecture> items =
        registry.list().stream()
            .filter(a -> task == null || a.tasks().contains(task.toLowerCase(Locale.ROOT)))
            .toList();
    return new ArchitectureList(
        registry.vllmVersion(), registry.sourceCommit().orElse(null), items.size(), items);
  }

  @GET
  @Path("/{arch}")
  @Operation(summary = "One architecture by its class name as in config.architectures")
  @APIResponse(
      responseCode = "404",
      description = "vLLM does not serve this architecture",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponseSchema(
      value = VllmArchitecture.class,
      responseCode = "200",
      responseDescription = "The architecture")
  public VllmArchitecture get(
      @PathParam("arch") @Pattern(regexp = "[A-Za-z0-9_]{1,128}") String arch) {
    return registry
        .lookup(arch)
        .orElseThrow(
            () ->
                ProblemException.notFound(
                    "vLLM " + registry.vllmVersion() + " does not list the architecture " + arch));
  }
}
