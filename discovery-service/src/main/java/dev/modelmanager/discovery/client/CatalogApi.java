package dev.modelmanager.discovery.client;

import dev.modelmanager.kit.security.InternalTokenForwarding;
import dev.modelmanager.model.catalog.ApprovedEntry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** catalog-service's entry listing, as discovery uses it; wrapped by {@link CatalogClient}. */
@RegisterClientHeaders(InternalTokenForwarding.class)
@RegisterRestClient(configKey = "catalog")
@Path("/api/v1/catalog")
interface CatalogApi {

  /** {@code GET /api/v1/catalog/entries?hfModelId=&limit=}: approved entries of one repo. */
  @GET
  @Path("/entries")
  @Produces(MediaType.APPLICATION_JSON)
  Uni<EntriesPage> entries(
      @QueryParam("hfModelId") String hfModelId, @QueryParam("limit") int limit);

  /** One page of entries, as every list endpoint answers. */
  @RegisterForReflection
  record EntriesPage(List<ApprovedEntry> items, String nextCursor) {}
}
