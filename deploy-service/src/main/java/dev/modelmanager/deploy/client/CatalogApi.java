package dev.modelmanager.deploy.client;

import dev.modelmanager.kit.security.InternalTokenForwarding;
import dev.modelmanager.model.catalog.ApprovedEntry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** catalog-service's entry lookup. */
@RegisterClientHeaders(InternalTokenForwarding.class)
@RegisterRestClient(configKey = "catalog")
@Path("/api/v1/catalog/entries")
@Produces(MediaType.APPLICATION_JSON)
interface CatalogApi {
  @GET
  @Path("/{id}")
  Uni<ApprovedEntry> entry(@PathParam("id") String id);
}
