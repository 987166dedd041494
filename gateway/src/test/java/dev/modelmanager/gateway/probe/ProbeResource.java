package dev.modelmanager.gateway.probe;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A JSON endpoint that exists only in this module's tests, so the kit's error handling for request
 * bodies can be checked without a production endpoint.
 */
@Path("/test-probe/echo")
public class ProbeResource {

  /** A body with constraints. */
  public record ProbeBody(@NotBlank String name, @Positive @Max(10) int count) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public ProbeBody echo(@Valid ProbeBody body) {
    return body;
  }
}
