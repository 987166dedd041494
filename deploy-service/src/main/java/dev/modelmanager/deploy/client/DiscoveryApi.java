package dev.modelmanager.deploy.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.kit.security.InternalTokenForwarding;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** discovery-service's fit engine. */
@RegisterClientHeaders(InternalTokenForwarding.class)
@RegisterRestClient(configKey = "discovery")
@Path("/api/v1/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface DiscoveryApi {
  @POST
  Uni<JsonNode> recommend(FitQuestion question);
}
