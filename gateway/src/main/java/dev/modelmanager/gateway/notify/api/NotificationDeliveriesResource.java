package dev.modelmanager.gateway.notify.api;

import dev.modelmanager.gateway.notify.domain.DeliveryFilter;
import dev.modelmanager.gateway.notify.domain.DeliveryStatus;
import dev.modelmanager.gateway.notify.service.NotificationService;
import dev.modelmanager.model.api.Page;
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
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The delivery log of notifications, and manual redelivery. */
@Path("/api/v1/notifications/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class NotificationDeliveriesResource {
  private final NotificationService service;

  NotificationDeliveriesResource(NotificationService service) {
    this.service = service;
  }

  @GET
  @Operation(summary = "Deliveries, newest first")
  public Uni<Page<DeliveryView>> list(
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
      @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page")
          String cursor,
      @QueryParam("channelId") String channelId,
      @QueryParam("status")
          @Pattern(
              regexp = "(?i)pending|delivered|dead_letter",
              message = "must be pending, delivered or dead_letter")
          String status,
      @QueryParam("eventId") String eventId,
      @QueryParam("eventType") String eventType) {
    DeliveryFilter filter =
        new DeliveryFilter(
            blankToNull(channelId),
            status == null ? null : DeliveryStatus.parse(status),
            blankToNull(eventId),
            blankToNull(eventType));
    return service
        .deliveries(filter, limit, cursor)
        .map(p -> new Page<>(p.items().stream().map(DeliveryView::of).toList(), p.nextCursor()));
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One delivery")
  public Uni<DeliveryView> get(@PathParam("id") String id) {
    return service.delivery(id).map(DeliveryView::of);
  }

  @POST
  @Path("{id}/redeliver")
  @Operation(
      summary = "Send a delivery again",
      description = "Queues it as pending, due now, with its attempts counted afresh.")
  public Uni<Response> redeliver(@PathParam("id") String id) {
    return service.redeliver(id).map(d -> Response.accepted(DeliveryView.of(d)).build());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
