package dev.modelmanager.gateway.security;

import dev.modelmanager.gateway.domain.ServiceRoutes;
import dev.modelmanager.gateway.pipeline.GatewayRequest;
import dev.modelmanager.model.security.Caller;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The web console's browser session on {@code /api}: a request without a bearer credential that
 * carries quarkus-oidc's session cookie ({@code q_session_web}) is authenticated by the {@code web}
 * tenant (whose paths include {@code /api/*}; it decrypts the cookie and refreshes expired tokens),
 * and becomes a {@code session} caller with the role its access token maps to.
 *
 * <p>Cross-site request forgery: a browser sends the cookie on any request to the gateway, also one
 * another site starts. So a cookie-authenticated request with an unsafe method (anything but GET,
 * HEAD, OPTIONS) must repeat the value of the {@value #CSRF_COOKIE} cookie in the {@value
 * #CSRF_HEADER} header (double submit): the gateway sets that cookie ({@code SameSite=Strict},
 * readable by the console's script) when the sign-in lands; another site can neither read it nor
 * set the custom header without a CORS preflight the gateway refuses. Bearer and API-key requests
 * need no such header: a browser never adds those by itself.
 */
@Singleton
public class BrowserSession {
  /** quarkus-oidc's session cookie of tenant {@code web} (possibly chunked: {@code …_chunk_1}). */
  public static final String SESSION_COOKIE = "q_session_web";

  public static final String CSRF_COOKIE = "mm_csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";

  /** The request attribute that says why a presented session cookie gave no caller. */
  public static final String ENDED = "mm.session.ended";

  /** The request attribute the router puts quarkus's deferred identity supplier under. */
  public static final String IDENTITY = "mm.session.identity";

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger LOG = Logger.getLogger(BrowserSession.class);

  private final boolean enabled;
  private final OidcBearerAuthenticator claims;

  @Inject
  BrowserSession(
      @ConfigProperty(name = "quarkus.oidc.web.tenant-enabled", defaultValue = "false")
          boolean webEnabled,
      @ConfigProperty(name = "quarkus.oidc.web.auth-server-url") Optional<String> authServerUrl,
      OidcBearerAuthenticator claims) {
    this.enabled = webEnabled && authServerUrl.filter(u -> !u.isBlank()).isPresent();
    this.claims = claims;
  }

  /** Whether sign-in through the browser session is configured. */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Whether the request is an API call carrying a session cookie the gateway should look at. Only
   * {@code /api}: on {@code /auth/*} quarkus-oidc runs the session itself (asking for the identity
   * there would, e.g., perform the logout ahead of it), and the console's files need no caller.
   */
  public boolean presented(GatewayRequest request) {
    return enabled
        && ServiceRoutes.isApi(request.path())
        && cookie(request.header("Cookie"), SESSION_COOKIE, true).isPresent();
  }

  /**
   * The session's caller; fails with {@link AuthenticationFailedException} when the session has
   * ended (expired and not refreshable, or a cookie this gateway cannot read).
   */
  @SuppressWarnings("unchecked")
  public Uni<Caller> authenticate(GatewayRequest request) {
    Object supplier = request.attributes().get(IDENTITY);
    if (!(supplier instanceof Supplier<?> identity)) {
      return Uni.createFrom()
          .failure(new AuthenticationFailedException("the browser session cannot be read here"));
    }
    return ((Supplier<Uni<SecurityIdentity>>) identity)
        .get()
        .onFailure()
        .transform(
            e -> {
              LOG.debugf("browser session refused: %s", e.toString());
              return new AuthenticationFailedException(
                  "the browser session has ended; sign in again");
            })
        .map(
            id -> {
              AccessTokenCredential token =
                  id == null || id.isAnonymous()
                      ? null
                      : id.getCredential(AccessTokenCredential.class);
              if (token == null) {
                throw new AuthenticationFailedException(
                    "the browser session has ended; sign in again");
              }
              return claims.caller(token.getToken(), Caller.AuthMethod.SESSION);
            });
  }

  /**
   * Whether a session request may go on: a safe method, or the {@value #CSRF_HEADER} header equal
   * to the {@value #CSRF_COOKIE} cookie.
   */
  public static boolean csrfSatisfied(GatewayRequest request) {
    if (SAFE.contains(request.method().toUpperCase(Locale.ROOT))) {
      return true;
    }
    String header = request.header(CSRF_HEADER);
    Optional<String> cookie = cookie(request.header("Cookie"), CSRF_COOKIE, false);
    return header != null
        && !header.isBlank()
        && cookie.isPresent()
        && MessageDigest.isEqual(
            header.strip().getBytes(StandardCharsets.UTF_8),
            cookie.get().getBytes(StandardCharsets.UTF_8));
  }

  /** A fresh CSRF token: 32 random bytes, base64url. */
  public static String newCsrfToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The value of cookie {@code name} in a {@code Cookie} header; with {@code prefix} also of a
   * cookie whose name starts with it (quarkus-oidc splits a large session into chunks).
   */
  static Optional<String> cookie(String header, String name, boolean prefix) {
    if (header == null) {
      return Optional.empty();
    }
    for (String pair : header.split(";")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = pair.substring(0, eq).strip();
      String value = pair.substring(eq + 1).strip();
      if (!value.isEmpty() && (key.equals(name) || (prefix && key.startsWith(name + "_chunk")))) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
