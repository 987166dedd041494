package dev.modelmanager.deploy.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.deploy.domain.ManifestText;
import dev.modelmanager.deploy.domain.RolloutStrategy;
import dev.modelmanager.deploy.service.DeploymentQueries;
import dev.modelmanager.deploy.service.DeploymentService;
import dev.modelmanager.deploy.service.DryRunService;
import dev.modelmanager.kit.security.CurrentActor;
import dev.modelmanager.model.api.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/**
 * Deployments: one KServe InferenceService each, with its revision history. The actor of a change
 * is the subject of the gateway's verified internal token ({@link CurrentActor}).
 */
@Path("/api/v1/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeploymentResource {
  static final String YAML = "application/yaml";

  private final DeploymentQueries queries;
  private final DeploymentService deployments;
  private final DryRunService dryRuns;
  private final CurrentActor actor;

  DeploymentResource(
      DeploymentQueries queries,
      DeploymentService deployments,
      DryRunService dryRuns,
      CurrentActor actor) {
    this.queries = queries;
    this.deployments = deployments;
    this.dryRuns = dryRuns;
    this.actor = actor;
  }

  @GET
  @Operation(summary = "Deployments with their desired and active revisions")
  public Page<DeploymentView> list(
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
      @QueryParam("cursor") @Pattern(regexp = DeploymentNames.DNS_LABEL) String cursor) {
    Page<dev.modelmanager.deploy.domain.DeploymentStatus> page = queries.list(cursor, limit);
    return new Page<>(page.items().stream().map(DeploymentView::of).toList(), page.nextCursor());
  }

  @GET
  @Path("/{name}")
  @Operation(summary = "A deployment: desired revision, active revision, live state and health")
  @APIResponse(responseCode = "404", description = "No such deployment")
  @APIResponseSchema(
      value = DeploymentView.class,
      responseCode = "200",
      responseDescription = "The deployment")
  public DeploymentView get(
      @PathParam("name") @Pattern(regexp = DeploymentNames.DNS_LABEL) String name) {
    return DeploymentView.of(queries.get(name));
  }

  @GET
  @Path("/{name}/manifest")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Preview the manifest an activation of a catalog entry would apply (JSON)")
  public JsonNode manifestJson(
      @PathParam("name") @Pattern(regexp = DeploymentNames.DNS_LABEL) String name,
      @QueryParam("entry") @NotBlank @Pattern(regexp = DeploymentNames.ENTRY_ID) String entry,
      @QueryParam("strategy") RolloutStrategy strategy) {
    return queries.preview(name, entry, strategy);
  }

  @GET
  @Path("/{name}/manifest")
  @Produces({YAML, "text/yaml"})
  @Operation(summary = "Preview the manifest an activation of a catalog entry would apply (YAML)")
  public String manifestYaml(
      @PathParam("name") @Pattern(regexp = DeploymentNames.DNS_LABEL) String name,
      @QueryParam("entry") @NotBlank @Pattern(regexp = DeploymentNames.ENTRY_ID) String entry,
      @QueryParam("strategy") RolloutStrategy strategy) {
    return ManifestText.yaml(queries.preview(name, entry, strategy));
  }

  @POST
  @Path("/{name}/dry-run")
  @Operation(summary = "Server-side dry-run, diff against the live object, and pre-flight checks")
  @APIResponse(responseCode = "503", description = "Kubernetes is not configured or unreachable")
  @APIResponseSchema(
      value = DryRunView.class,
      responseCode = "200",
      responseDescription = "What activating would change")
  public DryRunView dryRun(
      @PathParam("name") @Pattern(regexp = DeploymentNames.DNS_LABEL) String name,
      @Valid @NotNull DryRunRequest request) {
    return DryRunView.of(dryRuns.dryRun(name, request.entry(), request.strategy()));
  }

  @POST
  @Path("/{name}/activate")
  @Operation(summary = "Activate a catalog entry as the deployment's next revision")
  @APIResponse(responseCode = "202", description = "Revision recorded and applied; watch it")
  @APIResponse(responseCode = "409", description = "Another change is in flight")
  @APIResponse(responseCode = "503", description = "Kubernetes is not configured or unreachable")
  public Response activate(
      @PathParam("name") @Pattern(regexp = DeploymentNames.DNS_LABEL) String name,
      @Valid @NotNull ActivateRequest request) {
    return accepted(
        deployments.activate(
            name,
            request.entry(),
            request.strategy(),
            request.reason(),
            Boolean.TRUE.equals(request.autoRollback()),
            actor.subject()));
  }

  @POST
  @Path("/{name}/rollback")
  @Operation(summary = "Re-apply an earlier revision (default: the previous READY one)")
  @APIResponse(
      responseCode = "202",
      description = "Rollback revision recorded and applied; diff included")
  public Response rollback(
      @PathParam("name") @Pattern(regexp = DeploymentNames.DNS_LABEL) String name,
      @Valid RollbackRequest request) {
    RollbackRequest r = request == null ? new RollbackRequest(null, null) : request;
    return accepted(deployments.rollback(name, r.toRevision(), r.reason(), actor.subject()));
  }

  @POST
  @Path("/{name}/deactivate")
  @Operation(summary = "Scale the deployment to zero or delete it (recorded as a revision)")
  public Response deactivate(
      @PathParam("name") @Pattern(regexp = DeploymentNames.DNS_LABEL) String name,
      @Valid @NotNull DeactivateRequest request) {
    return accepted(
        deployments.deactivate(name, request.mode(), request.reason(), actor.subject()));
  }

  @GET
  @Path("/{name}/revisions")
  @Operation(summary = "The deployment's revisions, newest first")
  public Page<RevisionView> revisions(
      @PathParam("name") @Pattern(regexp = DeploymentNames.DNS_LABEL) String name,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
      @QueryParam("cursor") @Pattern(regexp = "[1-9][0-9]{0,8}") String cursor) {
    var page = queries.revisions(name, cursor == null ? null : Integer.valueOf(cursor), limit);
    return new Page<>(
        page.items().stream().map(r -> RevisionView.of(r, false)).toList(), page.nextCursor());
  }

  @GET
  @Path("/{name}/revisions/{number}")
  @Operation(summary = "One revision with its manifest, states, actor, reason and diff")
  public RevisionView revision(
      @PathParam("name") @Pattern(regexp = DeploymentNames.DNS_LABEL) String name,
      @PathParam("number") @Min(1) int number) {
    return RevisionView.of(queries.revision(name, number), true);
  }

  private static Response accepted(DeploymentService.Change change) {
    var r = change.revision();
    return Response.accepted(
            new ChangeView(
                RevisionView.of(r, false),
                new DiffView(change.diff().patch(), change.diff().unified())))
        .location(URI.create("/api/v1/deployments/" + r.deployment() + "/revisions/" + r.number()))
        .build();
  }
}
