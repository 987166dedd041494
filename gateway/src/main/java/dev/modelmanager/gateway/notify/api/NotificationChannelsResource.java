package dev.modelmanager.gateway.notify.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.gateway.notify.service.NotificationService;
import dev.modelmanager.gateway.security.CurrentCaller;
import dev.modelmanager.model.api.Page;
import dev.modelmanager.model.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Notification channels: Slack, signed webhooks, email; each with its subscription. */
@Path("/api/v1/notifications/channels")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class NotificationChannelsResource {
  private final NotificationService service;
  private final ObjectMapper mapper;
  private final Validator validator;

  NotificationChannelsResource(
      NotificationService service, ObjectMapper mapper, Validator validator) {
    this.service = service;
    this.mapper = mapper;
    this.validator = validator;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a channel",
      description =
          "A webhook channel's answer carries its signing secret (whsec_…) this once only. Webhook"
              + " and Slack targets must be https and resolve to a public address unless"
              + " allow-listed (MM_NOTIFY_ALLOWED_TARGETS, MM_NOTIFY_ALLOW_HTTP).")
  @APIResponse(responseCode = "201", description = "Created")
  @APIResponse(responseCode = "409", description = "A channel of that name exists")
  @APIResponse(responseCode = "422", description = "The target is refused")
  public Uni<Response> create(
      @Valid @NotNull ChannelRequest request, @Context UriInfo uri, @Context RoutingContext rc) {
    String by = CurrentCaller.of(rc).map(Caller::name).orElse(null);
    return service
        .create(request.input(), by)
        .map(
            c ->
                Response.created(uri.getAbsolutePathBuilder().path(c.id()).build())
                    .entity(ChannelView.of(c, c.secret()))
                    .build());
  }

  @GET
  @Operation(summary = "Every channel (never with secrets)")
  public Uni<Page<ChannelView>> list() {
    return service.list().map(all -> new Page<>(all.stream().map(ChannelView::of).toList(), null));
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One channel (never with its secret)")
  public Uni<ChannelView> get(@PathParam("id") String id) {
    return service.get(id).map(ChannelView::of);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Path("{id}")
  @Operation(summary = "Replace a channel's settings (its type and secret stay)")
  public Uni<ChannelView> update(
      @PathParam("id") String id, @Valid @NotNull ChannelRequest request) {
    return service.update(id, request.input()).map(ChannelView::of);
  }

  @PATCH
  @Consumes({ChannelPatch.MERGE_PATCH, MediaType.APPLICATION_JSON})
  @Path("{id}")
  @Operation(
      summary = "Change some of a channel's settings",
      description =
          "A JSON merge patch (RFC 7396) on the settings of the create/replace body: only the"
              + " fields given change, null removes a field (a filter, the digest); filters merge"
              + " key by key. E.g. {\"enabled\": false} pauses a channel. The type and the secret"
              + " cannot be changed; the result is checked like a replacement.")
  @RequestBody(
      content =
          @Content(
              mediaType = ChannelPatch.MERGE_PATCH,
              schema = @Schema(implementation = ChannelRequest.class)))
  @APIResponse(responseCode = "200", description = "The channel as changed")
  @APIResponse(responseCode = "400", description = "Not a JSON object, or an unknown field")
  @APIResponse(responseCode = "409", description = "A channel of that name exists")
  @APIResponse(responseCode = "422", description = "The target is refused")
  public Uni<ChannelView> patch(@PathParam("id") String id, String patch) {
    return service
        .get(id)
        .map(current -> ChannelPatch.apply(current, patch, mapper, validator))
        .chain(request -> service.update(id, request.input()))
        .map(ChannelView::of);
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Delete a channel and its delivery log")
  @APIResponse(responseCode = "204", description = "Deleted")
  public Uni<Void> delete(@PathParam("id") String id) {
    return service.delete(id);
  }

  @POST
  @Path("{id}/test")
  @Operation(
      summary = "Send a test message now",
      description =
          "Sends a dev.modelmanager.gateway.notification.test event to the channel and reports"
              + " the receiver's answer; nothing is queued or retried.")
  public Uni<TestResultView> test(@PathParam("id") String id) {
    return service
        .test(id)
        .map(a -> new TestResultView(a.delivered(), a.statusCode(), a.error(), a.latencyMs()));
  }
}
