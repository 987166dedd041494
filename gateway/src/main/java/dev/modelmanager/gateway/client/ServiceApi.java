package dev.modelmanager.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.model.system.SystemInfo;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * What the gateway itself asks every service. Built per service by {@link ServiceClient} with
 * {@code QuarkusRestClientBuilder} (the base URL comes from {@code mm.gateway.services}), with the
 * default error mapper off: statuses are answers here, read by {@link ServiceClient}.
 */
@Produces(MediaType.APPLICATION_JSON)
interface ServiceApi {

  @GET
  @Path("/api/v1/system/info")
  Uni<RestResponse<SystemInfo>> systemInfo();

  /** Quarkus health: 200 when UP, 503 with the same body shape when DOWN. */
  @GET
  @Path("/q/health")
  Uni<RestResponse<ServiceHealth>> health();

  @GET
  @Path("/q/openapi")
  Uni<RestResponse<JsonNode>> openApi(@QueryParam("format") String format);
}
