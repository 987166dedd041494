package dev.modelmanager.catalog.api;

import dev.modelmanager.catalog.service.CatalogBot;
import dev.modelmanager.catalog.service.PullRequestCommand;
import dev.modelmanager.catalog.service.PullRequestService;
import dev.modelmanager.catalog.service.PullRequestSync;
import dev.modelmanager.kit.security.CurrentActor;
import dev.modelmanager.kit.security.GatewayOptional;
import dev.modelmanager.model.api.Page;
import dev.modelmanager.model.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Catalog pull requests, the GitHub webhook, and the catalog bot. */
@Path("/api/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "catalog")
public class PullRequestResource {
  private final PullRequestService pullRequests;
  private final PullRequestSync sync;
  private final CatalogBot bot;
  private final CurrentActor actor;

  PullRequestResource(
      PullRequestService pullRequests, PullRequestSync sync, CatalogBot bot, CurrentActor actor) {
    this.pullRequests = pullRequests;
    this.sync = sync;
    this.bot = bot;
    this.actor = actor;
  }

  @POST
  @Path("/pull-requests")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Propose an entry as a pull request",
      description =
          "Validates, writes models/<id>.json canonically on branch catalog/<id>, pushes, and opens"
              + " a pull request (201). The same entry again updates the branch and answers the"
              + " open pull request (200).")
  @APIResponse(responseCode = "201", description = "Opened")
  @APIResponse(responseCode = "200", description = "Already open; the branch holds this entry")
  @APIResponse(
      responseCode = "422",
      description = "A check failed; the body carries the report. Nothing was written",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "Nothing to propose, or the branch kept moving during the push",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "502",
      description = "The git host refused the token or is unavailable",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<Response> open(@Valid @NotNull PullRequestRequest request) {
    PullRequestCommand cmd =
        new PullRequestCommand(
            request.entry(),
            request.title(),
            request.body(),
            request.labels() == null ? List.of() : request.labels(),
            Boolean.TRUE.equals(request.draft()),
            request.branch(),
            Authors.of(actor),
            "entry",
            false);
    return pullRequests
        .open(cmd)
        .map(
            o ->
                Response.status(o.created() ? 201 : 200)
                    .entity(PullRequestView.of(o.pullRequest(), o.report(), o.diff()))
                    .build());
  }

  @GET
  @Path("/pull-requests")
  @Operation(summary = "Catalog pull requests with their state (open, merged, closed)")
  public Uni<Page<PullRequestView>> list(
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
      @QueryParam("cursor")
          @Pattern(
              regexp = PullRequestSync.CURSOR_REGEX,
              message = "is not a cursor this service issued")
          String cursor,
      @QueryParam("state") @Pattern(regexp = "open|merged|closed") String state) {
    return sync.list(limit, cursor, state)
        .map(
            p ->
                new Page<>(
                    p.items().stream().map(r -> PullRequestView.of(r, null, null)).toList(),
                    p.nextCursor()));
  }

  @POST
  @Path("/webhooks/github")
  @GatewayOptional
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary = "GitHub webhook (pull_request, ping)",
      description =
          "Verifies X-Hub-Signature-256 (HMAC-SHA256 with MM_CATALOG_WEBHOOK_SECRET); a merged"
              + " catalog pull request is marked merged and the catalog reloads.")
  @APIResponse(responseCode = "200", description = "What the delivery did")
  @APIResponse(
      responseCode = "401",
      description = "Missing or wrong signature",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<PullRequestSync.Delivery> webhook(
      @HeaderParam("X-GitHub-Event") String event,
      @HeaderParam("X-Hub-Signature-256") String signature,
      byte[] body) {
    return sync.webhook(event, signature, body == null ? new byte[0] : body);
  }

  @GET
  @Path("/bot/proposals")
  @Operation(
      summary = "The catalog bot's proposed updates, newest first",
      description =
          "Each bot pull request with its state and link and what it proposes: the entry's old and"
              + " new revision and license, and the validation report and diff of the proposed"
              + " entry as they were when it was proposed. The cursor is the last number of the"
              + " previous page.")
  public Uni<Page<BotProposalView>> proposals(
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(200) int limit,
      @QueryParam("cursor")
          @Pattern(
              regexp = PullRequestSync.CURSOR_REGEX,
              message = "is not a cursor this service issued")
          String cursor,
      @QueryParam("state") @Pattern(regexp = "open|merged|closed") String state) {
    return bot.proposals(limit, cursor, state)
        .map(p -> new Page<>(p.items().stream().map(BotProposalView::of).toList(), p.nextCursor()));
  }

  @POST
  @Path("/bot/run")
  @Operation(
      summary = "Run the catalog bot now",
      description =
          "Looks at every entry's Hugging Face repo and proposes a pull request per entry whose"
              + " model has a new commit or license (it also runs every mm.catalog.watch.interval).")
  public Uni<List<CatalogBot.Proposal>> runBot() {
    return bot.runOnce();
  }
}
