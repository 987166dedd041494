package dev.modelmanager.catalog.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.catalog.domain.EntryDiff;
import dev.modelmanager.catalog.domain.ValidationReport;
import dev.modelmanager.catalog.service.DiffService;
import dev.modelmanager.catalog.service.GeneratorService;
import dev.modelmanager.catalog.service.ValidationService;
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

/** Writing entries: validate, generate a draft, diff against the approved file. */
@Path("/api/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "catalog")
public class AuthoringResource {
  private final ValidationService validation;
  private final GeneratorService generator;
  private final DiffService diffs;

  AuthoringResource(ValidationService validation, GeneratorService generator, DiffService diffs) {
    this.validation = validation;
    this.generator = generator;
    this.diffs = diffs;
  }

  @POST
  @Path("/validate")
  @Operation(
      summary = "Validate an entry",
      description =
          "Runs every check (schema, huggingface, vllm, fit, weights, args, policy). A check that"
              + " depends on a service that is down warns 'could not check'.")
  @APIResponse(responseCode = "200", description = "The report; valid is false when a check failed")
  public Uni<ValidationReport> validate(@NotNull JsonNode entry) {
    return validation.validate(entry);
  }

  /** A generated draft with its report. */
  public record DraftView(
      JsonNode entry, ValidationReport report, String gpu, String explanation) {}

  @POST
  @Path("/generate")
  @Operation(
      summary = "Generate a draft entry",
      description =
          "Fills an entry from discovery-service (details and the best recommendation) and"
              + " weights-service (a staged snapshot of the commit), and validates it.")
  @APIResponse(
      responseCode = "404",
      description = "No such model",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "502",
      description = "discovery-service is unavailable",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponseSchema(
      value = DraftView.class,
      responseCode = "200",
      responseDescription = "The draft entry")
  public Uni<DraftView> generate(@Valid @NotNull GenerateRequest request) {
    return generator
        .generate(request.hfModelId(), request.revision(), request.gpu(), request.maxModelLen())
        .map(
            d ->
                new DraftView(
                    CatalogJson.tree(d.entry()),
                    d.report(),
                    d.recommendation().gpu(),
                    d.recommendation().explanation()));
  }

  @POST
  @Path("/diff")
  @Operation(
      summary = "Diff an entry against the approved file",
      description =
          "An RFC 6902 JSON Patch and a unified diff of the canonical JSON against"
              + " models/<id>.json at the head of the base branch.")
  public Uni<EntryDiff> diff(@NotNull @EntryDocument JsonNode entry) {
    return diffs.diff(entry);
  }
}
