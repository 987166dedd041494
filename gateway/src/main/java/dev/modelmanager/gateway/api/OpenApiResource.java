package dev.modelmanager.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.gateway.service.OpenApiAggregator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The whole public API as one OpenAPI document; Swagger UI at {@code /docs} reads it. */
@Path("/openapi.json")
@Tag(name = "system")
public class OpenApiResource {
  private final OpenApiAggregator aggregator;

  OpenApiResource(OpenApiAggregator aggregator) {
    this.aggregator = aggregator;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The merged OpenAPI document of the gateway and every service",
      description = "Services that do not answer are listed in x-unavailable.")
  public Uni<ObjectNode> merged(@Context HttpServerRequest request) {
    // The gateway reads its own spec over HTTP, from the address this request came in on.
    SocketAddress local = request.localAddress();
    String host = local.hostAddress();
    String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + local.port();
    return aggregator.merged(request.scheme() + "://" + authority);
  }
}
