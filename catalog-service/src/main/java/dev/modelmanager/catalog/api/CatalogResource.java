package dev.modelmanager.catalog.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.catalog.domain.EntryIds;
import dev.modelmanager.catalog.domain.EntrySchema;
import dev.modelmanager.catalog.service.CatalogQueryService;
import dev.modelmanager.catalog.service.CatalogReloadService;
import dev.modelmanager.model.api.Page;
import dev.modelmanager.model.catalog.ApprovedEntry;
import dev.modelmanager.model.events.CatalogEvents;
import dev.modelmanager.model.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "catalog")
public class CatalogResource {
  private static final String REPO =
      "[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}";
  private final CatalogReloadService reloads;
  private final CatalogQueryService queries;
  private final ObjectMapper mapper;

  CatalogResource(CatalogReloadService reloads, CatalogQueryService queries, ObjectMapper mapper) {
    this.reloads = reloads;
    this.queries = queries;
    this.mapper = mapper;
  }

  @POST
  @Path("/reload")
  @Operation(
      summary = "Reload the catalog from git",
      description =
          "Reads the catalog branch, applies added/changed/removed entries and emits their events.")
  @APIResponse(responseCode = "200", description = "What the reload changed")
  @APIResponse(
      responseCode = "422",
      description = "An entry file is invalid; nothing was changed",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "502",
      description = "The catalog repository could not be read",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<CatalogEvents.Reloaded> reload() {
    return reloads.reload();
  }

  @GET
  @Path("/schema")
  @Produces({"application/schema+json", MediaType.APPLICATION_JSON})
  @Operation(
      summary = "The catalog entry JSON Schema (2020-12)",
      description = "The authority on entry files models/<id>.json; validate checks it first.")
  public JsonNode schema() {
    return EntrySchema.get().document();
  }

  @GET
  @Path("/entries")
  @Operation(summary = "List approved catalog entries, optionally those of one Hugging Face repo")
  public Uni<Page<ApprovedEntry>> list(
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
      @QueryParam("cursor")
          @Parameter(description = "nextCursor of the previous page")
          @Pattern(regexp = EntryIds.REGEX, message = "is not a cursor this service issued")
          String cursor,
      @Parameter(description = "Only entries of this Hugging Face repo (org/name)")
          @QueryParam("hfModelId")
          @Pattern(regexp = REPO)
          String hfModelId,
      @Parameter(description = "Alias of hfModelId") @QueryParam("repo") @Pattern(regexp = REPO)
          String repo) {
    return queries
        .list(limit, cursor, hfModelId != null ? hfModelId : repo)
        .map(
            p ->
                new Page<>(
                    p.items().stream().map(e -> ApprovedEntries.of(e, mapper)).toList(),
                    p.nextCursor()));
  }

  @GET
  @Path("/entries/{id}")
  @Operation(summary = "One catalog entry")
  @APIResponse(
      responseCode = "404",
      description = "No such entry",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponseSchema(
      value = ApprovedEntry.class,
      responseCode = "200",
      responseDescription = "The entry")
  public Uni<ApprovedEntry> get(@PathParam("id") @Pattern(regexp = EntryIds.REGEX) String id) {
    return queries.get(id).map(e -> ApprovedEntries.of(e, mapper));
  }
}
