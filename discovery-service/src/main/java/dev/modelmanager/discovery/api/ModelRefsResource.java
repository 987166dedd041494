package dev.modelmanager.discovery.api;

import dev.modelmanager.discovery.service.ModelRefsService;
import dev.modelmanager.model.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A model repository's branches, tags and recent commits on the Hub: what a revision can be. */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "models")
public class ModelRefsResource {

  private final ModelRefsService refs;

  ModelRefsResource(ModelRefsService refs) {
    this.refs = refs;
  }

  @GET
  @Path("/{org}/{name}/refs")
  @Operation(
      summary = "A model's branches and tags with the commit each points to",
      description = "The Hub's GET /api/models/{repo_id}/refs; main leads the branches.")
  @APIResponse(
      responseCode = "200",
      description = "Branches and tags",
      content = @Content(schema = @Schema(implementation = ModelRefsService.Refs.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such model on the Hub",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<ModelRefsService.Refs> refs(
      @PathParam("org") @Pattern(regexp = ModelsResource.PART) String org,
      @PathParam("name") @Pattern(regexp = ModelsResource.PART) String name) {
    return refs.refs(Repos.parse("repo", org + "/" + name));
  }

  @GET
  @Path("/{org}/{name}/commits")
  @Operation(
      summary = "The newest commits of a model's revision",
      description =
          "The Hub's GET /api/models/{repo_id}/commits/{revision}, newest first: id, title, date,"
              + " authors. Only the Hub's first page is read; more says older commits exist.")
  @APIResponse(
      responseCode = "200",
      description = "Commits, newest first",
      content = @Content(schema = @Schema(implementation = ModelRefsService.Commits.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid revision or limit",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such model or revision on the Hub",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<ModelRefsService.Commits> commits(
      @PathParam("org") @Pattern(regexp = ModelsResource.PART) String org,
      @PathParam("name") @Pattern(regexp = ModelsResource.PART) String name,
      @QueryParam("revision") @DefaultValue("main") @Pattern(regexp = ModelsResource.REVISION)
          String revision,
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(50) int limit) {
    return refs.commits(Repos.parse("repo", org + "/" + name), revision, limit);
  }
}
