package dev.modelmanager.deploy.client;

import dev.modelmanager.kit.security.InternalTokenForwarding;
import dev.modelmanager.model.api.Page;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** weights-service's inventory. */
@RegisterClientHeaders(InternalTokenForwarding.class)
@RegisterRestClient(configKey = "weights")
@Path("/api/v1/weights")
@Produces(MediaType.APPLICATION_JSON)
interface WeightsApi {
  @GET
  Uni<Page<StagedSnapshot>> inventory(
      @QueryParam("location") String location,
      @QueryParam("q") String query,
      @QueryParam("limit") int limit);
}
