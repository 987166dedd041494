package dev.modelmanager.gateway.security;

import dev.modelmanager.gateway.pipeline.FilterResult;
import dev.modelmanager.gateway.pipeline.GatewayFilter;
import dev.modelmanager.gateway.pipeline.GatewayRequest;
import dev.modelmanager.gateway.service.ApiTokenService;
import dev.modelmanager.model.problem.ProblemType;
import dev.modelmanager.model.security.ApiTokenFormat;
import dev.modelmanager.model.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Resolves who is calling (band 100): an {@code mm_} API token in {@code Authorization: Bearer} or
 * {@code X-API-Key}, an OIDC bearer token from the configured IdP, or, without either, the web
 * console's browser session cookie ({@link BrowserSession}, with its CSRF check). A request without
 * a credential goes on anonymous (the authorization filter decides whether the route allows that);
 * a credential that does not check out is a 401 problem, and too many of those from one address a
 * 429.
 */
@Singleton
public class AuthenticationFilter implements GatewayFilter {
  public static final int ORDER = 100;
  public static final String API_KEY_HEADER = "X-API-Key";
  static final String CHALLENGE = "Bearer realm=\"model-manager\"";
  private static final Logger LOG = Logger.getLogger(AuthenticationFilter.class);

  private final ApiTokenService tokens;
  private final Instance<OidcAuthenticator> oidc;
  private final FailedAuthLimiter limiter;
  private final BrowserSession session;

  AuthenticationFilter(
      ApiTokenService tokens,
      Instance<OidcAuthenticator> oidc,
      FailedAuthLimiter limiter,
      BrowserSession session) {
    this.tokens = tokens;
    this.oidc = oidc;
    this.limiter = limiter;
    this.session = session;
  }

  @Override
  public int order() {
    return ORDER;
  }

  /**
   * The common cases need no waiting: no credential at all, a malformed one, a throttled address,
   * or an API token the cache remembers. A session cookie, a token the store must be asked about
   * and an OIDC token go through {@link #filter}.
   */
  @Override
  public FilterResult decideNow(GatewayRequest request) {
    Optional<String> credential;
    try {
      credential = credentialOf(request);
    } catch (AuthenticationFailedException e) {
      return unauthorized(request, e.getMessage());
    }
    if (credential.isEmpty()) {
      return session.presented(request) ? null : FilterResult.proceed();
    }
    FilterResult throttled = throttled(request);
    if (throttled != null || !ApiTokenFormat.looksLikeToken(credential.get())) {
      return throttled;
    }
    Caller known;
    try {
      known = tokens.remembered(credential.get());
    } catch (AuthenticationFailedException e) {
      return unauthorized(request, e.getMessage());
    }
    if (known == null) {
      return null;
    }
    request.caller(known);
    return FilterResult.proceed();
  }

  @Override
  public Uni<FilterResult> filter(GatewayRequest request) {
    FilterResult now = decideNow(request);
    if (now != null) {
      return Uni.createFrom().item(now);
    }
    // decideNow left only these: a session cookie, or a credential to verify.
    Optional<String> credential = credentialOf(request);
    if (credential.isEmpty()) {
      return fromSession(request);
    }
    return authenticate(credential.get())
        .map(
            caller -> {
              request.caller(caller);
              return FilterResult.proceed();
            })
        .onFailure(AuthenticationFailedException.class)
        .recoverWithItem(e -> unauthorized(request, e.getMessage()));
  }

  /** The 429 for an address with too many refused credentials lately, or null. */
  private FilterResult throttled(GatewayRequest request) {
    Optional<Duration> wait = limiter.blocked(request.remoteAddress());
    if (wait.isEmpty()) {
      return null;
    }
    long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().toMillisPart() > 0 ? 1 : 0));
    return FilterResult.reject(
        ProblemType.TOO_MANY_REQUESTS.problem(
            "Too many refused credentials from this address; try again in " + seconds + " s"),
        Map.of("Retry-After", Long.toString(seconds)));
  }

  /**
   * A request that carries only the browser session's cookie: the session's caller, then the CSRF
   * check for unsafe methods. A cookie is sent by the browser whether or not it still holds a
   * session, so one that has ended makes the request anonymous rather than refused: a public route
   * still answers, any other gets the authorization filter's 401 with the reason ("sign in again").
   * It does not count towards the throttle (an encrypted cookie cannot be guessed).
   */
  private Uni<FilterResult> fromSession(GatewayRequest request) {
    return session
        .authenticate(request)
        .map(
            caller -> {
              request.caller(caller);
              if (!BrowserSession.csrfSatisfied(request)) {
                return FilterResult.reject(
                    ProblemType.FORBIDDEN.problem(
                        "A change made with the browser session needs the "
                            + BrowserSession.CSRF_HEADER
                            + " header set to the value of the "
                            + BrowserSession.CSRF_COOKIE
                            + " cookie"));
              }
              return FilterResult.proceed();
            })
        .onFailure(AuthenticationFailedException.class)
        .recoverWithItem(
            e -> {
              request.attributes().put(BrowserSession.ENDED, e.getMessage());
              return FilterResult.proceed();
            });
  }

  private Uni<Caller> authenticate(String credential) {
    if (ApiTokenFormat.looksLikeToken(credential)) {
      return tokens.authenticate(credential);
    }
    if (oidc.isResolvable() && oidc.get().enabled()) {
      return oidc.get().authenticate(credential);
    }
    return Uni.createFrom()
        .failure(
            new AuthenticationFailedException(
                "The bearer token is not an mm_ API token and no OIDC provider is configured"));
  }

  private FilterResult unauthorized(GatewayRequest request, String reason) {
    limiter.failed(request.remoteAddress());
    LOG.debugf("refused credential from %s: %s", request.remoteAddress(), reason);
    return FilterResult.reject(
        ProblemType.UNAUTHORIZED.problem(reason),
        Map.of("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\""));
  }

  /** The presented credential; fails on an {@code Authorization} scheme other than Bearer. */
  static Optional<String> credentialOf(GatewayRequest request) {
    String authorization = request.header("Authorization");
    if (authorization != null && !authorization.isBlank()) {
      String value = authorization.strip();
      int space = value.indexOf(' ');
      if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
        throw new AuthenticationFailedException("Only 'Authorization: Bearer <token>' is accepted");
      }
      String token = value.substring(space + 1).strip();
      if (token.isEmpty()) {
        throw new AuthenticationFailedException("The bearer token is empty");
      }
      return Optional.of(token);
    }
    String apiKey = request.header(API_KEY_HEADER);
    if (apiKey != null && !apiKey.isBlank()) {
      return Optional.of(apiKey.strip());
    }
    return Optional.empty();
  }
}
