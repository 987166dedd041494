package dev.modelmanager.testkit.service;

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
 * A JSON endpoint that exists only in tests (test-kit is test-scoped), so every service's error
 * handling for bodies can be checked the same way.
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
