package dev.modelmanager.kit.security;

import dev.modelmanager.kit.web.Problems;
import dev.modelmanager.model.problem.ProblemType;
import dev.modelmanager.model.security.InternalToken;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Services trust only the gateway: every {@code /api/*} request must carry the gateway's internal
 * token ({@code Authorization: Bearer <jwt>}, verified with the gateway's public key, issuer and
 * audience from {@code mp.jwt.verify.*}); otherwise it is answered 401 problem. The verified token
 * becomes the request's {@link CurrentActor}. Management paths ({@code /q/health}, {@code
 * /q/metrics}, {@code /q/openapi}) are not JAX-RS resources and stay open.
 *
 * <p>{@code mm.internal-token.required=false} (the services' test profiles only) lets requests
 * without a token through as the {@link CurrentActor#LOCAL} actor; a token that is present is still
 * verified. {@code mm.internal-token.verify=false} turns the filter off for the gateway, which
 * mints these tokens and guards its own endpoints with its pipeline.
 */
@ApplicationScoped
public class InternalTokenFilter {
  private static final Logger LOG = Logger.getLogger(InternalTokenFilter.class);
  private static final String BEARER = "Bearer ";

  /** Tokens remembered at most; past it the memory starts over (each is just verified again). */
  private static final int MAX_VERIFIED = 10_000;

  /**
   * Tokens already verified, until they expire: the gateway reuses a caller's token for half its
   * lifetime, and checking an ES256 signature costs about a millisecond of CPU.
   */
  private final Map<String, JsonWebToken> verified = new ConcurrentHashMap<>();

  @Inject JWTParser parser;
  @Inject CurrentActor actor;

  @Inject InternalTokenConfig config;

  void checkKey(@Observes StartupEvent started) {
    if (config.verify()
        && config.required()
        && config.publicKey().filter(k -> !k.isBlank()).isEmpty()) {
      throw new IllegalStateException(
          "mm.internal-token.public-key (MM_INTERNAL_TOKEN_PUBLIC_KEY) is not set: a service"
              + " verifies every /api request with the gateway's public key");
    }
  }

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
  public Response verify(ContainerRequestContext request, ResourceInfo resource) {
    String path = request.getUriInfo().getPath();
    if (!config.verify() || !(path.startsWith("/api/") || path.equals("/api"))) {
      return null;
    }
    String header = request.getHeaderString(InternalToken.HEADER);
    if (header == null || header.isBlank()) {
      if (!config.required() || optional(resource)) {
        return null;
      }
      return unauthorized("This service accepts requests from the gateway only.", path);
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return unauthorized("The internal token must be sent as a bearer token.", path);
    }
    try {
      actor.verified(verifiedToken(header.substring(BEARER.length()).trim()));
      return null;
    } catch (ParseException | RuntimeException e) {
      // The reason (expired, bad signature, wrong issuer) is for the log, never for the client;
      // the token itself is never logged.
      LOG.debugf("internal token rejected on %s: %s", path, rootMessage(e));
      return unauthorized(
          "The internal token is missing, expired or not signed by the gateway.", path);
    }
  }

  private JsonWebToken verifiedToken(String raw) throws ParseException {
    JsonWebToken known = verified.get(raw);
    if (known != null && Instant.now().getEpochSecond() < known.getExpirationTime()) {
      return known;
    }
    // Unknown, or expired: the parser decides (and refuses what is too old).
    verified.remove(raw);
    JsonWebToken token = parser.parse(raw);
    if (verified.size() >= MAX_VERIFIED) {
      verified.clear();
    }
    verified.put(raw, token);
    return token;
  }

  private static boolean optional(ResourceInfo resource) {
    return resource.getResourceMethod() != null
        && (resource.getResourceMethod().isAnnotationPresent(GatewayOptional.class)
            || resource.getResourceClass().isAnnotationPresent(GatewayOptional.class));
  }

  private static Response unauthorized(String detail, String path) {
    Response r = Problems.response(ProblemType.UNAUTHORIZED.problem(detail), path);
    return Response.fromResponse(r).header("WWW-Authenticate", "Bearer").build();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName();
  }
}
