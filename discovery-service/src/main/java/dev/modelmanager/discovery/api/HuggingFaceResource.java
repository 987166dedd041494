package dev.modelmanager.discovery.api;

import dev.modelmanager.discovery.domain.search.SearchCriteria;
import dev.modelmanager.discovery.service.SearchResults;
import dev.modelmanager.discovery.service.SearchService;
import dev.modelmanager.model.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/huggingface")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "huggingface")
public class HuggingFaceResource {
  private static final String NAME = "[A-Za-z0-9._-]{1,96}";

  private final SearchService search;
  private final SearchResults results;

  HuggingFaceResource(SearchService search, SearchResults results) {
    this.search = search;
    this.results = results;
  }

  @GET
  @Path("/search")
  @Operation(
      summary = "Search models on the Hugging Face Hub",
      description =
          "One Hub request per uncached page (results are cached). architecture, quantization, "
              + "minParams/maxParams and fitsGpu filter the page the Hub returned, so a page may hold fewer than limit rows; "
              + "follow nextCursor for more.")
  @APIResponse(
      responseCode = "400",
      description = "A parameter is invalid",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @SearchValidation.ParamsRange
  @APIResponseSchema(
      value = SearchResult.Page.class,
      responseCode = "200",
      responseDescription = "One page of results")
  public Uni<SearchResult.Page> search(
      @QueryParam("q") @Size(max = 200) String q,
      @QueryParam("author") @Pattern(regexp = NAME) String author,
      @QueryParam("architecture") @Pattern(regexp = "[A-Za-z0-9_]{1,96}") String architecture,
      @QueryParam("license") @Pattern(regexp = "[a-z0-9.+-]{1,64}") String license,
      @QueryParam("pipelineTag") @Pattern(regexp = "[a-z0-9-]{1,64}") String pipelineTag,
      @QueryParam("minParams") @PositiveOrZero Long minParams,
      @QueryParam("maxParams") @PositiveOrZero Long maxParams,
      @QueryParam("quantization") @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String quantization,
      @QueryParam("fitsGpu") @Pattern(regexp = "[A-Za-z0-9 ._-]{1,64}") String fitsGpu,
      @QueryParam("sort")
          @DefaultValue("downloads")
          @Pattern(regexp = "downloads|likes|lastModified|createdAt|trendingScore")
          String sort,
      @QueryParam("direction") @DefaultValue("desc") @Pattern(regexp = "asc|desc") String direction,
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
      @QueryParam("cursor") @Size(max = 4096) @SearchValidation.SearchCursor String cursor) {
    SearchCriteria criteria =
        new SearchCriteria(
            q,
            author,
            architecture,
            license,
            pipelineTag,
            minParams,
            maxParams,
            quantization,
            sort,
            direction,
            limit);
    return results
        .checkGpu(fitsGpu)
        .chain(gpu -> search.search(criteria, cursor).map(page -> results.page(page, gpu)))
        .map(SearchResult.Page::of);
  }
}
