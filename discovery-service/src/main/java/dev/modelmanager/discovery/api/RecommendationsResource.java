package dev.modelmanager.discovery.api;

import dev.modelmanager.discovery.service.RecommendationService;
import dev.modelmanager.model.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/recommendations")
@Tag(name = "recommendations")
public class RecommendationsResource {
  private final RecommendationService service;

  RecommendationsResource(RecommendationService service) {
    this.service = service;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "How to serve a model on given GPUs",
      description =
          "One option per (GPU, tensor parallel size, quantization) considered, with the memory split, the context "
              + "length and concurrency it allows, the vLLM arguments, and in words why it fits or what would make it fit.")
  @APIResponse(
      responseCode = "400",
      description = "Invalid request",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponseSchema(
      value = RecommendationResponse.class,
      responseCode = "200",
      responseDescription = "One option per GPU")
  public Uni<RecommendationResponse> recommend(@Valid @NotNull RecommendationRequest request) {
    return service.recommend(request.toQuery()).map(RecommendationResponse::of);
  }
}
