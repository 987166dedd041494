package dev.modelmanager.gateway.api;

import dev.modelmanager.gateway.config.AuthConfig;
import dev.modelmanager.gateway.security.BrowserSession;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** How a person can sign in to the console: public, asked before anyone is signed in. */
@Path("/api/v1/auth/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "security")
public class AuthConfigResource {
  private final BrowserSession session;
  private final String providerName;

  AuthConfigResource(BrowserSession session, AuthConfig auth) {
    this.session = session;
    this.providerName = auth.web().providerName();
  }

  @GET
  @Operation(
      summary = "The sign-in methods the console offers",
      description =
          "Public. oidc is true when the browser session (OIDC authorization-code flow) is"
              + " configured: the console then offers \"Sign in with <providerName>\" (loginPath)"
              + " next to the pasted API token. A session caller's changes need the csrfHeader"
              + " header set to the csrfCookie cookie.")
  public AuthConfigView config() {
    boolean oidc = session.enabled();
    return new AuthConfigView(
        oidc,
        oidc ? providerName : null,
        oidc ? "/auth/login" : null,
        oidc ? "/auth/logout" : null,
        BrowserSession.CSRF_COOKIE,
        BrowserSession.CSRF_HEADER);
  }

  /** The console's sign-in options. */
  public record AuthConfigView(
      @Schema(description = "Whether sign-in through the OIDC provider is offered") boolean oidc,
      @Schema(description = "The provider's name on the sign-in button", examples = "Keycloak")
          String providerName,
      @Schema(description = "Where the browser goes to sign in", examples = "/auth/login")
          String loginPath,
      @Schema(description = "Where the browser goes to end the session", examples = "/auth/logout")
          String logoutPath,
      @Schema(examples = "mm_csrf") String csrfCookie,
      @Schema(examples = "X-CSRF-Token") String csrfHeader) {}
}
