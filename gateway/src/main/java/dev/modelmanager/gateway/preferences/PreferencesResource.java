package dev.modelmanager.gateway.preferences;

import dev.modelmanager.gateway.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own UI preferences, kept per person (their subject) on the server. */
@Path("/api/v1/me/preferences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "security")
public class PreferencesResource {
  private final PreferencesStore store;

  PreferencesResource(PreferencesStore store) {
    this.store = store;
  }

  @GET
  @Operation(
      summary = "The caller's preferences",
      description =
          "Favorites, default GPU pool and location, theme, the notification drawer's read mark"
              + " (lastSeenEventAt); the defaults (no favorites, theme"
              + " system, updatedAt null) until the caller saves some. Shared by every credential"
              + " of one person: keyed by the subject (OIDC sub, or an API token's owner).")
  public Uni<UserPreferences> get(@Context RoutingContext rc) {
    return store.find(subject(rc)).map(found -> found.orElse(UserPreferences.DEFAULTS));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Replace the caller's preferences",
      description =
          "The whole set: an absent field goes back to its default. Answers what was stored.")
  public Uni<UserPreferences> put(
      @Valid @NotNull PreferencesRequest request, @Context RoutingContext rc) {
    UserPreferences saved =
        new UserPreferences(
            request.favorites(),
            request.defaultGpuPool(),
            request.defaultLocation(),
            request.theme(),
            request.lastSeenEventAt(),
            Instant.now().truncatedTo(ChronoUnit.MILLIS));
    return store.save(subject(rc), saved).replaceWith(saved);
  }

  private static String subject(RoutingContext rc) {
    return CurrentCaller.required(rc).subject();
  }
}
