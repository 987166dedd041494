package dev.modelmanager.catalog.client;

import dev.modelmanager.kit.security.InternalTokenForwarding;
import dev.modelmanager.model.discovery.GpuInventory;
import dev.modelmanager.model.discovery.ModelSummary;
import dev.modelmanager.model.discovery.Recommendation;
import dev.modelmanager.model.discovery.RecommendationQuery;
import dev.modelmanager.model.discovery.VllmArchitecture;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** discovery-service's API as this service calls it; wrapped by {@link DiscoveryClient}. */
@RegisterClientHeaders(InternalTokenForwarding.class)
@RegisterRestClient(configKey = "discovery")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface DiscoveryApi {
  @GET
  @Path("/api/v1/models/{org}/{name}/details")
  Uni<ModelSummary> details(
      @PathParam("org") String org,
      @PathParam("name") String name,
      @QueryParam("revision") String revision);

  @POST
  @Path("/api/v1/recommendations")
  Uni<Recommendation> recommend(RecommendationQuery query);

  @GET
  @Path("/api/v1/gpus")
  Uni<GpuInventory> gpus();

  @GET
  @Path("/api/v1/vllm/architectures/{arch}")
  Uni<VllmArchitecture> architecture(@PathParam("arch") String arch);
}
