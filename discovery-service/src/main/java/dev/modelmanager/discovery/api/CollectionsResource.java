package dev.modelmanager.discovery.api;

import dev.modelmanager.discovery.service.DiscoverCollections;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/discover")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "huggingface")
public class CollectionsResource {
  private final DiscoverCollections collections;

  CollectionsResource(DiscoverCollections collections) {
    this.collections = collections;
  }

  /** Discover's curated collections. */
  @Schema(name = "DiscoverCollections")
  public record Collections(List<Item> items) {}

  /** One collection and the search it stands for. */
  @Schema(name = "DiscoverCollection")
  public record Item(
      @Schema(description = "URL-safe id", examples = "fits-one-l4") String id,
      @Schema(examples = "Fits one L4") String title,
      String description,
      @Schema(
              description =
                  "GET /api/v1/huggingface/search parameters by name (q, architecture, license,"
                      + " quantization, fitsGpu, minParams, maxParams, pipelineTag, author, sort,"
                      + " direction)",
              examples = "{\"fitsGpu\": \"L4-24GB\", \"maxParams\": \"9000000000\"}")
          Map<String, String> params) {}

  @GET
  @Path("/collections")
  @Operation(
      summary = "Discover's curated collections",
      description =
          "Configured searches (mm.discovery.collections.\"<id>\".title, .description, .order and"
              + " .params.<search parameter>): the console shows them as cards that apply the"
              + " search's filters.")
  public Collections list() {
    return new Collections(
        collections.all().stream()
            .map(c -> new Item(c.id(), c.title(), c.description(), c.params()))
            .toList());
  }
}
