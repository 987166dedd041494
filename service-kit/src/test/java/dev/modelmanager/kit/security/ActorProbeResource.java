package dev.modelmanager.kit.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Echoes the request's actor, for {@link InternalTokenTest}. */
@Path("/api/v1/test/actor")
@Produces(MediaType.APPLICATION_JSON)
public class ActorProbeResource {
  @Inject CurrentActor actor;

  @GET
  public Map<String, Object> actor() {
    return Map.of(
        "subject", actor.subject(), "name", actor.name(), "authenticated", actor.authenticated());
  }

  @GET
  @Path("/hook")
  @GatewayOptional
  public Map<String, Object> hook() {
    return actor();
  }
}
