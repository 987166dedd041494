package dev.modelmanager.gateway.api;

import dev.modelmanager.gateway.security.BrowserSession;
import dev.modelmanager.gateway.security.OidcBearerAuthenticator;
import dev.modelmanager.model.security.Caller;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The web UI's browser session: quarkus-oidc's {@code web} tenant (authorization-code flow with
 * PKCE, client {@code MM_OIDC_WEB_CLIENT_ID}) owns every {@code /auth/*} path. Visiting {@code
 * /auth/login} sends the browser to the IdP; the IdP returns it to {@code /auth/callback}, which
 * sets the encrypted session cookie ({@code q_session_web}) and lands on {@code /}; {@code
 * /auth/session} says who is signed in; {@code /auth/logout} ends the session at the IdP too. These
 * paths are outside {@code /api}: quarkus-oidc authenticates them, not the gateway's filter
 * pipeline. Not part of the public API document.
 */
@Path("/auth")
@Authenticated
public class SessionResource {
  private final SecurityIdentity identity;
  private final OidcBearerAuthenticator claims;

  SessionResource(SecurityIdentity identity, OidcBearerAuthenticator claims) {
    this.identity = identity;
    this.claims = claims;
  }

  /** Starts the sign-in (quarkus-oidc redirects to the IdP); signed in, goes to the UI. */
  @GET
  @Path("login")
  @Operation(hidden = true)
  public Response login(@Context UriInfo uri) {
    return home(uri);
  }

  /** Where the IdP sends the browser back; quarkus-oidc has completed the code exchange. */
  @GET
  @Path("callback")
  @Operation(hidden = true)
  public Response callback(@Context UriInfo uri) {
    return home(uri);
  }

  /** The signed-in caller: subject, name, role, how (session) and when the session ends. */
  @GET
  @Path("session")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(hidden = true)
  public SessionView session() {
    AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
    Caller caller = claims.caller(token.getToken(), Caller.AuthMethod.SESSION);
    return new SessionView(
        caller.subject(), caller.name(), List.of(caller.role().id()), caller.method().id());
  }

  /**
   * quarkus-oidc answers this path itself (RP-initiated logout); reached only without a session.
   */
  @GET
  @Path("logout")
  @Operation(hidden = true)
  public Response logout() {
    return Response.seeOther(URI.create("/")).build();
  }

  /**
   * To the console, with a fresh CSRF token in the {@code mm_csrf} cookie: {@code SameSite=Strict},
   * readable by the console's script (which repeats it in {@code X-CSRF-Token} on every change),
   * never sent by a request another site starts.
   */
  private static Response home(UriInfo uri) {
    NewCookie csrf =
        new NewCookie.Builder(BrowserSession.CSRF_COOKIE)
            .value(BrowserSession.newCsrfToken())
            .path("/")
            .sameSite(NewCookie.SameSite.STRICT)
            .secure("https".equalsIgnoreCase(uri.getBaseUri().getScheme()))
            .httpOnly(false)
            .build();
    return Response.seeOther(URI.create("/")).cookie(csrf).build();
  }

  /** Who the browser session belongs to. */
  public record SessionView(String subject, String name, List<String> roles, String method) {}
}
