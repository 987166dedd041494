package dev.modelmanager.gateway.api;

import dev.modelmanager.gateway.security.CurrentCaller;
import dev.modelmanager.model.security.Caller;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who the gateway thinks is calling. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "security")
public class MeResource {

  @GET
  @Operation(
      summary = "The caller: subject, name, roles, scopes and how they authenticated",
      description = "For an API token also its id; its power is the lesser of its role and scopes.")
  public MeView me(@Context RoutingContext rc) {
    Caller caller = CurrentCaller.required(rc);
    return new MeView(
        caller.subject(),
        caller.name(),
        List.of(caller.role().id()),
        caller.scopes().stream().sorted().toList(),
        caller.method().id(),
        caller.tokenId());
  }

  /** The caller as JSON. */
  public record MeView(
      String subject,
      String name,
      List<String> roles,
      List<String> scopes,
      String authMethod,
      String tokenId) {}
}
