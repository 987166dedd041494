package dev.modelmanager.kit.info;

import dev.modelmanager.model.system.SystemInfo;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/system/info")
@Tag(name = "system")
public class SystemInfoResource {
  private final SystemInfoService service;

  SystemInfoResource(SystemInfoService service) {
    this.service = service;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Identity, uptime and effective configuration of this component",
      description = "Every tunable with its effective value; secrets are redacted.")
  public Uni<SystemInfo> info() {
    return service.info();
  }
}
