package dev.modelmanager.discovery.api;

import dev.modelmanager.discovery.service.ModelDetailsService;
import dev.modelmanager.model.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "models")
public class ModelsResource {
  static final String PART = "[A-Za-z0-9][A-Za-z0-9._-]{0,95}";
  static final String REVISION = "[A-Za-z0-9][A-Za-z0-9._/-]{0,127}";

  private final ModelDetailsService details;

  ModelsResource(ModelDetailsService details) {
    this.details = details;
  }

  @GET
  @Path("/{org}/{name}/details")
  @Operation(
      summary = "A model's metadata, exact size and fit on every known GPU pool",
      description =
          "Hub metadata, config.json (text_config for multimodal models), parameter counts per dtype read from the "
              + "safetensors headers with HTTP Range, the KV cache per token, the catalog entry when catalog-service has "
              + "one, and the best vLLM configuration per GPU pool.")
  @APIResponse(
      responseCode = "404",
      description = "No such model or revision on the Hub",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "403",
      description = "Gated or private: accept the license and set HF_TOKEN",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponseSchema(
      value = ModelDetails.class,
      responseCode = "200",
      responseDescription = "The model's details")
  public Uni<ModelDetails> details(
      @PathParam("org") @Pattern(regexp = PART) String org,
      @PathParam("name") @Pattern(regexp = PART) String name,
      @QueryParam("revision") @DefaultValue("main") @Pattern(regexp = REVISION) String revision) {
    return details.details(Repos.parse("repo", org + "/" + name), revision).map(ModelDetails::of);
  }
}
