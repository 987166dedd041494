package dev.modelmanager.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.gateway.security.CurrentCaller;
import dev.modelmanager.gateway.service.EventLogService;
import dev.modelmanager.model.api.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The log of events from every service. */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events")
public class EventsResource {
  private final EventLogService events;
  private final ObjectMapper mapper;

  EventsResource(EventLogService events, ObjectMapper mapper) {
    this.events = events;
    this.mapper = mapper;
  }

  @GET
  @Operation(
      summary = "Events from every service, newest first",
      description =
          "Each CloudEvent seen on the mm.* topics, once; only the events the caller may read:"
              + " an area's events (weights, catalog, deploy, discovery) need its :read scope or"
              + " events:read, any other event events:read. A page can hold fewer than limit"
              + " items (events the caller may not read are skipped): follow nextCursor until it"
              + " is absent.")
  public Uni<Page<EventView>> list(
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
      @QueryParam("cursor")
          @Parameter(description = "nextCursor of the previous page")
          @Pattern(
              regexp = EventLogService.CURSOR_REGEX,
              message = "is not a cursor this service issued")
          String cursor,
      @QueryParam("type") @Parameter(description = "only events of this CloudEvents type")
          String type,
      @Context RoutingContext rc) {
    return events
        .list(CurrentCaller.required(rc), limit, cursor, type)
        .map(
            p ->
                new Page<>(
                    p.items().stream().map(e -> EventView.of(e, mapper)).toList(), p.nextCursor()));
  }
}
