package dev.modelmanager.gateway.api;

import dev.modelmanager.gateway.domain.ChangelogEntry;
import dev.modelmanager.gateway.service.ChangelogService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The release notes of this build. */
@Path("/api/v1/system/changelog")
@Tag(name = "system")
public class ChangelogResource {
  private final ChangelogService changelog;

  ChangelogResource(ChangelogService changelog) {
    this.changelog = changelog;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Release notes",
      description = "The entries of CHANGELOG.md, newest first, with their sections.")
  public List<ChangelogEntry> entries() {
    return changelog.entries();
  }
}
