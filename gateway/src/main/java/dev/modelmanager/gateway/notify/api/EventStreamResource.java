package dev.modelmanager.gateway.notify.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.gateway.domain.LoggedEvent;
import dev.modelmanager.gateway.domain.ReadAccess;
import dev.modelmanager.gateway.notify.domain.Subscription;
import dev.modelmanager.gateway.notify.service.EventStreamHub;
import dev.modelmanager.gateway.notify.store.DeliveryStore;
import dev.modelmanager.gateway.security.CurrentCaller;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The live event stream (Server-Sent Events), resumable with {@code Last-Event-ID}. */
@Path("/api/v1/events/stream")
@Tag(name = "events")
public class EventStreamResource {
  private static final int PAGE = 500;

  private final EventStreamHub hub;
  private final DeliveryStore store;
  private final ObjectMapper mapper;
  private final Duration heartbeat;
  private final int maxBuffered;

  EventStreamResource(
      EventStreamHub hub,
      DeliveryStore store,
      ObjectMapper mapper,
      dev.modelmanager.gateway.notify.config.NotifyConfig config) {
    this.hub = hub;
    this.store = store;
    this.mapper = mapper;
    this.heartbeat = config.stream().heartbeat();
    this.maxBuffered = config.stream().maxBuffered();
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      summary = "Live events (Server-Sent Events)",
      description =
          "Each event of the log once, in order: the SSE id is its log position, the SSE event"
              + " name its CloudEvents type, the data the event as GET /api/v1/events shows it."
              + " Reconnect with Last-Event-ID (or ?after=) to get exactly the events missed."
              + " A comment line every 15 s keeps idle connections open. A client that falls"
              + " too far behind gets an 'overflow' event and is disconnected. Only events the"
              + " caller may read: an area's events (weights, catalog, deploy, discovery) need"
              + " its :read scope or events:read; any other event events:read.")
  public Multi<OutboundSseEvent> stream(
      @Context Sse sse,
      @HeaderParam("Last-Event-ID") String lastEventId,
      @QueryParam("after")
          @Parameter(description = "start after this log position (Last-Event-ID wins)")
          String after,
      @QueryParam("type")
          @Parameter(description = "event-type patterns (exact, prefix.* or *); repeatable")
          List<String> types,
      @Context RoutingContext rc) {
    Caller caller = CurrentCaller.required(rc);
    for (String t : types) {
      if (!Subscription.PATTERN.matcher(t).matches()) {
        throw ProblemException.invalidField("type", "must be an event type, prefix.* or *");
      }
    }
    Long start = position(lastEventId != null ? lastEventId : after);
    Multi<OutboundSseEvent> events =
        Multi.createFrom()
            .<LoggedEvent>emitter(em -> open(start, em, types, caller), BackPressureStrategy.BUFFER)
            .onOverflow()
            .buffer(maxBuffered)
            .map(e -> frame(sse, e))
            .onFailure(io.smallrye.mutiny.subscription.BackPressureFailure.class)
            .recoverWithItem(
                () ->
                    sse.newEventBuilder()
                        .name("overflow")
                        .data("the client reads too slowly; reconnect with Last-Event-ID")
                        .build());
    Multi<OutboundSseEvent> beats =
        Multi.createFrom()
            .ticks()
            .every(heartbeat)
            .map(t -> sse.newEventBuilder().comment("heartbeat").build());
    return Multi.createBy().merging().streams(events, beats);
  }

  private void open(
      Long start, MultiEmitter<? super LoggedEvent> em, List<String> types, Caller caller) {
    AtomicLong sent = new AtomicLong(start == null ? Math.max(hub.latest(), 0) : start);
    EventStreamHub.Listener listener =
        batch -> {
          for (LoggedEvent e : batch) {
            // Never twice: only what lies after the last event this client got.
            if (e.seq() > sent.get()) {
              sent.set(e.seq());
              // Only what the caller may read: a weights:read token gets no deploy events.
              if (wanted(e, types) && ReadAccess.mayReadEvent(caller, e.type())) {
                em.emit(e);
              }
            }
          }
        };
    em.onTermination(() -> hub.unregister(listener));
    catchUp(sent, listener, em, types).subscribe().with(x -> {}, em::fail);
  }

  /** Reads the log after the client's position until the hub's buffer reaches back to it. */
  private Uni<Void> catchUp(
      AtomicLong sent,
      EventStreamHub.Listener listener,
      MultiEmitter<? super LoggedEvent> em,
      List<String> types) {
    if (hub.register(sent.get(), listener)) {
      return Uni.createFrom().voidItem();
    }
    return store
        .eventsAfter(sent.get(), PAGE)
        .chain(
            page -> {
              if (page.isEmpty()) {
                if (hub.latest() < 0) {
                  // The hub has not read the log yet: try again shortly.
                  return Uni.createFrom()
                      .voidItem()
                      .onItem()
                      .delayIt()
                      .by(Duration.ofMillis(100))
                      .chain(() -> catchUp(sent, listener, em, types));
                }
                hub.registerFromBufferStart(listener);
                return Uni.createFrom().voidItem();
              }
              listener.accept(page);
              return catchUp(sent, listener, em, types);
            });
  }

  private static boolean wanted(LoggedEvent e, List<String> types) {
    return types.isEmpty() || types.stream().anyMatch(p -> Subscription.typeMatches(p, e.type()));
  }

  private OutboundSseEvent frame(Sse sse, LoggedEvent e) {
    String data;
    try {
      data = mapper.writeValueAsString(dev.modelmanager.gateway.api.EventView.of(e, mapper));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
    return sse.newEventBuilder()
        .id(String.valueOf(e.seq()))
        .name(e.type())
        .mediaType(MediaType.APPLICATION_JSON_TYPE)
        .data(data)
        .reconnectDelay(3000)
        .build();
  }

  private static Long position(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (!text.strip().matches("[0-9]{1,18}")) {
      throw ProblemException.invalidField("Last-Event-ID", "not an event id this stream sent");
    }
    return Long.parseLong(text.strip());
  }
}
