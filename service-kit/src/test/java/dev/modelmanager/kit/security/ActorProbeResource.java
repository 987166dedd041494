package dev.modelmanager.kit.security;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;

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

  /** Asks this same service, as another service would be asked, who the caller is. */
  @GET
  @Path("/relayed")
  public Uni<Map<String, Object>> relayed(@Context HttpServerRequest request) {
    ActorApi downstream =
        QuarkusRestClientBuilder.newBuilder()
            .baseUri(URI.create("http://127.0.0.1:" + request.localAddress().port()))
            .build(ActorApi.class);
    return downstream.actor();
  }

  /** This resource as a service-to-service client sees it. */
  @RegisterClientHeaders(InternalTokenForwarding.class)
  @Path("/api/v1/test/actor")
  @Produces(MediaType.APPLICATION_JSON)
  public interface ActorApi {
    @GET
    Uni<Map<String, Object>> actor();
  }
}
