package dev.modelmanager.weights.api;

import dev.modelmanager.kit.security.CurrentActor;
import dev.modelmanager.model.api.Page;
import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.domain.InstallState;
import dev.modelmanager.weights.domain.JobQuery;
import dev.modelmanager.weights.engine.InstallPreview;
import dev.modelmanager.weights.service.InstallService;
import dev.modelmanager.weights.store.WeightsJson;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Install jobs: queue, watch, list, cancel and retry. */
@Path("/api/v1/weights/installs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "weights")
public class InstallResource {
  private final InstallService installs;
  private final CurrentActor actor;
  private final WeightsJson json;

  private final InstallPreview preview;

  InstallResource(
      InstallService installs, WeightsJson json, CurrentActor actor, InstallPreview preview) {
    this.actor = actor;
    this.installs = installs;
    this.json = json;
    this.preview = preview;
  }

  @POST
  @Path("/plan")
  @Blocking
  @Operation(
      summary = "Dry run of an install: the files it would fetch, skip and find present",
      description =
          "Resolves the revision, lists the tree and plans it with the same code a queued install"
              + " runs: every file with its size and action (download, present, skip-duplicate:"
              + " a weight format vLLM does not load, excluded: left out by the patterns), the"
              + " bytes still to download, the free space, and whether the admission would pass"
              + " (the 507 the install would answer, with its detail). Queues nothing and reserves"
              + " no space; overwrite and pin are ignored.")
  @APIResponse(
      responseCode = "200",
      description = "The plan",
      content = @Content(schema = @Schema(implementation = InstallPlanView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid repo id, revision or pattern",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "Unknown storage location, repository or revision",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public InstallPlanView plan(@Valid @NotNull InstallRequest request) {
    return InstallPlanView.of(preview.preview(request.toOrder()));
  }

  @POST
  @Operation(summary = "Queue an install of a repository snapshot into a storage location")
  @APIResponse(
      responseCode = "202",
      description = "Queued; Location points at the job",
      content = @Content(schema = @Schema(implementation = InstallView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid repo id, revision or pattern",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "Unknown storage location",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "Snapshot already installed (without overwrite) or being installed",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "200",
      description =
          "An open install of the same snapshot (location, repo, commit) exists: this is it",
      content = @Content(schema = @Schema(implementation = InstallView.class)))
  public Uni<Response> create(@Valid @NotNull InstallRequest request) {
    return installs
        .create(request.toOrder(), actor.subject())
        .map(
            queued ->
                (queued.existing() ? Response.ok() : Response.accepted())
                    .entity(InstallView.of(queued.job(), json))
                    .location(URI.create("/api/v1/weights/installs/" + queued.job().id))
                    .build());
  }

  @GET
  @Operation(summary = "List install jobs, newest first")
  public Uni<Page<InstallView>> list(
      @QueryParam("state")
          @Pattern(
              regexp =
                  "(?i)QUEUED|RESOLVING|DOWNLOADING|VERIFYING|FINALIZING|SUCCEEDED|FAILED|CANCELLED",
              message = "unknown state")
          String state,
      @QueryParam("repo") @Size(max = 200) String repo,
      @QueryParam("location") @Size(max = 63) String location,
      @QueryParam("q")
          @Parameter(
              description =
                  "Only jobs whose repo or revision contains this text (any case, matched"
                      + " literally)")
          @Size(max = 200)
          String q,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
      @QueryParam("cursor") @WeightsConstraints.JobCursorValue String cursor) {
    JobQuery query =
        new JobQuery(
            state == null ? null : InstallState.valueOf(state.toUpperCase(Locale.ROOT)),
            repo,
            location,
            JobCursor.parse(cursor),
            q);
    // One more than the page tells whether a next page exists without counting.
    return installs
        .list(query, limit + 1)
        .map(
            jobs -> {
              List<InstallJob> page = jobs.size() > limit ? jobs.subList(0, limit) : jobs;
              String next = jobs.size() > limit ? JobCursor.after(page.get(limit - 1)) : null;
              return new Page<>(page.stream().map(j -> InstallView.of(j, json)).toList(), next);
            });
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "An install job: state, progress (bytes, rate, ETA, per file) and error")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = InstallView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such job",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<InstallView> get(@PathParam("id") UUID id) {
    return installs.get(id).map(j -> InstallView.of(j, json));
  }

  @POST
  @Path("/{id}/cancel")
  @Operation(
      summary = "Stop an install; transfers close within 2 s, partial data stays for a retry")
  @APIResponse(
      responseCode = "202",
      content = @Content(schema = @Schema(implementation = InstallView.class)))
  @APIResponse(
      responseCode = "409",
      description = "The job already ended",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<Response> cancel(@PathParam("id") UUID id) {
    return installs.cancel(id).map(job -> Response.accepted(InstallView.of(job, json)).build());
  }

  @POST
  @Path("/{id}/retry")
  @Operation(
      summary = "Queue a failed or cancelled install again; verified data is not fetched again")
  @APIResponse(
      responseCode = "202",
      content = @Content(schema = @Schema(implementation = InstallView.class)))
  @APIResponse(
      responseCode = "409",
      description = "The job is not FAILED or CANCELLED",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<Response> retry(@PathParam("id") UUID id) {
    return installs
        .retry(id)
        .map(
            job ->
                Response.accepted(InstallView.of(job, json))
                    .location(URI.create("/api/v1/weights/installs/" + job.id))
                    .build());
  }
}
