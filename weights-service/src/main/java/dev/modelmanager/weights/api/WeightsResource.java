package dev.modelmanager.weights.api;

import dev.modelmanager.model.api.Page;
import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.weights.domain.InstalledSnapshot;
import dev.modelmanager.weights.domain.SnapshotQuery;
import dev.modelmanager.weights.domain.StorageThresholds;
import dev.modelmanager.weights.hubcache.StorageLocations;
import dev.modelmanager.weights.service.InventoryService;
import dev.modelmanager.weights.service.Reconciler;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The inventory of installed snapshots, storage locations, purge and reconciliation. */
@Path("/api/v1/weights")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "weights")
@Blocking
public class WeightsResource {
  private final InventoryService inventory;
  private final Reconciler reconciler;
  private final StorageLocations locations;

  WeightsResource(InventoryService inventory, Reconciler reconciler, StorageLocations locations) {
    this.inventory = inventory;
    this.reconciler = reconciler;
    this.locations = locations;
  }

  @GET
  @Operation(summary = "Installed snapshots, by repo then installation time, paged by keyset")
  @APIResponse(
      responseCode = "400",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponseSchema(
      value = SnapshotViewPage.class,
      responseCode = "200",
      responseDescription = "One page of the inventory")
  public Page<SnapshotView> list(
      @QueryParam("status")
          @Pattern(
              regexp = "(?i)READY|ORPHANED|MISSING",
              message = "one of READY, ORPHANED, MISSING")
          String status,
      @QueryParam("pinned") Boolean pinned,
      @QueryParam("orphaned") Boolean orphaned,
      @QueryParam("location") @Size(max = 63) String location,
      @QueryParam("q") @Size(max = 200) String q,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
      @QueryParam("cursor") @WeightsConstraints.SnapshotCursorValue String cursor) {
    SnapshotQuery query =
        new SnapshotQuery(
            SnapshotQuery.statuses(status, orphaned),
            pinned,
            location,
            q,
            SnapshotCursor.parse(cursor));
    // One more than the page tells whether a next page exists without counting.
    List<InstalledSnapshot> found = inventory.list(query, limit + 1);
    List<InstalledSnapshot> page = found.size() > limit ? found.subList(0, limit) : found;
    String next =
        found.size() > limit ? SnapshotCursor.after(page.get(limit - 1).snapshot()) : null;
    return new Page<>(SnapshotView.of(page), next);
  }

  @GET
  @Path("/locations")
  @Operation(summary = "Storage locations with capacity, used and free bytes")
  public List<LocationView> locations() {
    return locations.all().stream()
        .map(
            l -> {
              StorageLocations.Usage u = locations.usage(l);
              return new LocationView(
                  l.name(),
                  l.path().toString(),
                  l.pvcName().orElse(null),
                  u.capacityBytes(),
                  u.usedBytes(),
                  u.freeBytes(),
                  l.warnPercent(),
                  l.criticalPercent(),
                  StorageThresholds.level(
                          u.usedBytes(), u.capacityBytes(), l.warnPercent(), l.criticalPercent())
                      .name());
            })
        .toList();
  }

  @POST
  @Path("/purge")
  @Operation(
      summary =
          "Plan (dryRun, the default) or run a purge by lru or age; never pinned or in-use snapshots")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = PurgeResult.class)))
  @APIResponse(
      responseCode = "400",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public PurgeResult purge(@Valid @NotNull PurgeRequest request) {
    return PurgeResult.of(inventory.purge(request.toOrder()));
  }

  @POST
  @Path("/reconcile")
  @Operation(
      summary =
          "Compare disk and inventory now: adopt orphans, mark missing, report unreferenced blobs")
  public ReconcileReport reconcile() {
    return ReconcileReport.of(reconciler.reconcile());
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One installed snapshot")
  @APIResponse(
      responseCode = "404",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponseSchema(
      value = SnapshotView.class,
      responseCode = "200",
      responseDescription = "The snapshot")
  public SnapshotView get(@PathParam("id") UUID id) {
    return SnapshotView.of(inventory.get(id));
  }

  @POST
  @Path("/{id}/pin")
  @Operation(summary = "Pin a snapshot: purge and delete leave it alone")
  public SnapshotView pin(@PathParam("id") UUID id) {
    return SnapshotView.of(inventory.pin(id, true));
  }

  @POST
  @Path("/{id}/unpin")
  @Operation(summary = "Unpin a snapshot")
  public SnapshotView unpin(@PathParam("id") UUID id) {
    return SnapshotView.of(inventory.pin(id, false));
  }

  @DELETE
  @Path("/{id}")
  @Operation(
      summary = "Delete a snapshot and the blobs no other snapshot uses; 409 when pinned or in use")
  @APIResponse(
      responseCode = "409",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponseSchema(
      value = SnapshotView.class,
      responseCode = "200",
      responseDescription = "The deleted snapshot")
  public SnapshotView delete(@PathParam("id") UUID id) {
    return SnapshotView.of(inventory.delete(id));
  }

  /** The schema of {@code Page<SnapshotView>} (an annotation cannot name a generic type). */
  @Schema(name = "SnapshotViewPage")
  record SnapshotViewPage(List<SnapshotView> items, String nextCursor) {}
}
