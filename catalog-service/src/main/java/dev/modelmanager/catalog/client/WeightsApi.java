package dev.modelmanager.catalog.client;

import dev.modelmanager.kit.security.InternalTokenForwarding;
import dev.modelmanager.model.weights.SnapshotPage;
import dev.modelmanager.model.weights.StorageLocation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** weights-service's API as this service calls it; wrapped by {@link WeightsClient}. */
@RegisterClientHeaders(InternalTokenForwarding.class)
@RegisterRestClient(configKey = "weights")
@Produces(MediaType.APPLICATION_JSON)
interface WeightsApi {
  @GET
  @Path("/api/v1/weights")
  Uni<SnapshotPage> inventory(
      @QueryParam("q") String q,
      @QueryParam("location") String location,
      @QueryParam("limit") int limit);

  @GET
  @Path("/api/v1/weights/locations")
  Uni<List<StorageLocation>> locations();
}
