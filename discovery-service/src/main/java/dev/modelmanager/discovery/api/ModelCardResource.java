package dev.modelmanager.discovery.api;

import dev.modelmanager.discovery.service.ModelCardService;
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
public class ModelCardResource {
  private final ModelCardService cards;

  ModelCardResource(ModelCardService cards) {
    this.cards = cards;
  }

  /** A model card as the console renders it. */
  @Schema(name = "ModelCard")
  public record View(
      @Schema(examples = "Qwen/Qwen2.5-0.5B") String id,
      String revision,
      @Schema(description = "The commit the revision resolved to", nullable = true) String commit,
      @Schema(
              description = "The README's YAML front matter (the Hub's cardData), unparsed",
              nullable = true)
          String frontMatter,
      @Schema(description = "The README without its front matter: Markdown, render it safely")
          String markdown,
      @Schema(description = "Bytes of the README read") long sizeBytes,
      @Schema(description = "The README was longer than 512 KiB and was cut there")
          boolean truncated) {

    static View of(ModelCardService.Card c) {
      return new View(
          c.repo().toString(),
          c.revision(),
          c.commit(),
          c.frontMatter(),
          c.markdown(),
          c.sizeBytes(),
          c.truncated());
    }
  }

  @GET
  @Path("/{org}/{name}/readme")
  @Operation(
      summary = "A model's card (README.md)",
      description =
          "README.md at the revision, read from the Hub: its YAML front matter apart, the"
              + " Markdown as is (untrusted: render it without raw HTML), at most 512 KiB (a"
              + " longer card is cut and marked truncated). Cached like the details.")
  @APIResponse(
      responseCode = "404",
      description = "No such model or revision, or the model has no README.md",
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
  @APIResponseSchema(value = View.class, responseCode = "200", responseDescription = "The card")
  public Uni<View> readme(
      @PathParam("org") @Pattern(regexp = ModelsResource.PART) String org,
      @PathParam("name") @Pattern(regexp = ModelsResource.PART) String name,
      @QueryParam("revision") @DefaultValue("main") @Pattern(regexp = ModelsResource.REVISION)
          String revision) {
    return cards.card(Repos.parse("repo", org + "/" + name), revision).map(View::of);
  }
}
