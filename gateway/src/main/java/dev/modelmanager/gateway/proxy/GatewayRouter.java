package dev.modelmanager.gateway.proxy;

import dev.modelmanager.gateway.config.GatewayConfig;
import dev.modelmanager.gateway.domain.ServiceRoutes;
import dev.modelmanager.gateway.domain.TrustedProxies;
import dev.modelmanager.gateway.pipeline.FilterChain;
import dev.modelmanager.gateway.pipeline.FilterResult;
import dev.modelmanager.gateway.pipeline.GatewayRequest;
import dev.modelmanager.gateway.security.BrowserSession;
import dev.modelmanager.gateway.security.CurrentCaller;
import dev.modelmanager.kit.web.RequestId;
import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.model.problem.ProblemType;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The gateway's front door on Quarkus's Vert.x router: every request goes through the {@link
 * FilterChain} first, then to a service's reverse proxy or on to the gateway's own endpoints.
 *
 * <p>The beans every request goes through (the chain, its filters, the token service and cache, the
 * proxies) are {@code @Singleton}: an {@code @ApplicationScoped} bean is reached through a client
 * proxy that looks the instance up on every call.
 */
@ApplicationScoped
public class GatewayRouter {
  /** Ahead of RESTEasy and the static resources. */
  static final int PIPELINE_ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 10;

  /** After RESTEasy (AFTER_DEFAULT + 500), which hands unmatched requests on to the next route. */
  static final int FALLBACK_ORDER = RouteConstants.ROUTE_ORDER_AFTER_DEFAULT + 10_000;

  private static final Logger LOG = Logger.getLogger(GatewayRouter.class);

  /**
   * The direct path's filter runs first of all Quarkus's filters: above CORS (300), the highest of
   * its security handlers. Only the configured response headers ({@code quarkus.http.header}) come
   * before it, on a route of their own.
   */
  static final int DIRECT_PRIORITY = SecurityHandlerPriorities.CORS + 100;

  /** Where the early filter leaves the target service (or null) for the pipeline. */
  private static final String SERVICE = "mm.gateway.service";

  /** The request-context key of the route template the request is counted under in the metrics. */
  private static final String URL_TEMPLATE = "UrlPathTemplate";

  /** The gateway answers authentication failures itself: Quarkus's handler must not. */
  private static final BiConsumer<RoutingContext, Throwable> NO_AUTH_FAILURE_HANDLER =
      (context, failure) -> {};

  private final FilterChain chain;
  private final ServiceProxies proxies;
  private final ProblemResponses problems;
  private final RequestLimits limits;
  private final TrustedProxies trusted;

  GatewayRouter(
      FilterChain chain,
      ServiceProxies proxies,
      ProblemResponses problems,
      RequestLimits limits,
      GatewayConfig config) {
    this.chain = chain;
    this.proxies = proxies;
    this.problems = problems;
    this.limits = limits;
    this.trusted = TrustedProxies.of(config.trustedProxies().orElse(List.of()));
  }

  /**
   * Two early filters. The first, ahead of Quarkus's CORS and security handlers, runs the pipeline
   * at once for a request that needs none of them (see {@link #direct}). The second, at the
   * priority of Quarkus's authentication handler, so it runs right after it: a request for a
   * service gets the gateway's own (silent) authentication-failure handler at once. Otherwise
   * Quarkus REST, seeing its default one, would match every proxied request against the gateway's
   * own resources (building a request mapper each time) to name a metrics template for an
   * authentication failure it never handles.
   */
  void filters(@Observes Filters filters) {
    filters.register(this::direct, DIRECT_PRIORITY);
    filters.register(
        rc -> {
          if (rc.get(SERVICE) != null) {
            rc.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, NO_AUTH_FAILURE_HANDLER);
          }
          rc.next();
        },
        SecurityHandlerPriorities.AUTHENTICATION);
  }

  /**
   * A request for a service that carries no cookie and no {@code Origin} goes to the pipeline
   * straight away, past Quarkus's CORS, authentication and authorization handlers: CORS answers
   * only requests with an {@code Origin}, and the gateway's filters authenticate and authorize
   * every request themselves, asking Quarkus for an identity only for the browser session, which
   * comes as a cookie. Such requests (API clients, CLIs, the services' own callers) are the bulk of
   * the traffic, and those handlers cost about a tenth of the gateway's CPU per request. Every
   * other request goes the whole way, as before.
   */
  private void direct(RoutingContext rc) {
    String service = serviceOf(rc.normalizedPath());
    rc.put(SERVICE, service);
    HttpServerRequest request = rc.request();
    if (service != null
        && request.getHeader("Cookie") == null
        && request.getHeader("Origin") == null) {
      pipeline(rc);
    } else {
      rc.next();
    }
  }

  void register(@Observes Router router) {
    router.route().order(PIPELINE_ORDER).handler(this::pipeline).failureHandler(this::failure);
    router.route(ServiceRoutes.API_ROOT + "/*").order(FALLBACK_ORDER).handler(this::notFound);
  }

  private void pipeline(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    Optional<Problem> overLimit = limits.check(request);
    if (overLimit.isPresent()) {
      rejectAtTheEdge(rc, overLimit.get());
      return;
    }
    // The filters may finish later; keep the body until the target reads it.
    request.pause();
    String path = rc.normalizedPath();
    // Normally set by the early filter (see filters); computed here when it did not run.
    String service = rc.data().containsKey(SERVICE) ? rc.get(SERVICE) : serviceOf(path);
    GatewayRequest gatewayRequest =
        new GatewayRequest(
            request.method().name(),
            path,
            request.query(),
            request.headers(),
            // The client, not a load balancer in front: audit and throttling are per client.
            trusted.clientOf(
                addressOf(request.remoteAddress()), request.getHeader("X-Forwarded-For")),
            service);
    gatewayRequest.attributes().put(BrowserSession.IDENTITY, sessionIdentity(rc));
    rc.addEndHandler(v -> gatewayRequest.responded(rc.response().getStatusCode()));
    Context context = Vertx.currentContext();
    // When no filter has to wait (the common case) this answers before run returns.
    chain.run(
        gatewayRequest,
        result -> onContext(context, () -> filtered(rc, gatewayRequest, result)),
        failure ->
            onContext(
                context,
                () -> {
                  request.resume();
                  rc.fail(failure);
                }));
  }

  private void filtered(RoutingContext rc, GatewayRequest gatewayRequest, FilterResult result) {
    rc.put(ProblemResponses.REQUEST_ID, gatewayRequest.requestId());
    CurrentCaller.set(rc, gatewayRequest.caller().orElse(null));
    if (result.rejected()) {
      rc.request().resume();
      result.headers().forEach(rc.response()::putHeader);
      problems.send(rc, result.rejection());
    } else {
      dispatch(rc, gatewayRequest);
    }
  }

  /**
   * Answers before any filter or route. A body still on its way is read and dropped first (up to a
   * few times the limit), so the client, still sending, gets the answer instead of a broken pipe;
   * past that the connection is closed after the answer.
   */
  private void rejectAtTheEdge(RoutingContext rc, Problem problem) {
    HttpServerRequest request = rc.request();
    rc.put(
        ProblemResponses.REQUEST_ID, RequestId.acceptOrCreate(request.getHeader(RequestId.HEADER)));
    if (request.isEnded() || "100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      rc.response().putHeader("Connection", "close");
      problems.send(rc, problem);
      return;
    }
    long cap = limits.maxBodyBytes() * 4;
    long[] drained = {0};
    request.handler(
        chunk -> {
          drained[0] += chunk.length();
          if (drained[0] > cap && !rc.response().ended()) {
            rc.response().putHeader("Connection", "close");
            problems.send(rc, problem);
          }
        });
    request.endHandler(
        v -> {
          if (!rc.response().ended()) {
            problems.send(rc, problem);
          }
        });
    request.resume();
  }

  private void dispatch(RoutingContext rc, GatewayRequest request) {
    String path = request.path();
    if (ServiceRoutes.isApi(path) && !path.equals(rc.request().path())) {
      // Filters decide on the normalised path; the target must receive exactly that path.
      rc.request().resume();
      problems.send(
          rc, ProblemType.BAD_REQUEST, "The path must not contain '.' or '..' segments or escapes");
    } else if (request.targetService().isPresent()) {
      String service = request.targetService().get();
      String template = RouteTemplates.of(path);
      if (template != null) {
        // Where Micrometer's HTTP binder (like Quarkus REST for its own routes) finds the template.
        ((HttpServerRequestInternal) rc.request()).context().putLocal(URL_TEMPLATE, template);
      }
      if (!proxies.forward(service, rc.request())) {
        rc.request().resume();
        problems.send(rc, ProblemType.UPSTREAM_UNAVAILABLE, service + " has no configured URL");
      }
    } else if (ServiceRoutes.isApi(path) && !ServiceRoutes.isOwn(path)) {
      rc.request().resume();
      notFound(rc);
    } else {
      // The gateway's own endpoints; the other answers set the request id header themselves.
      rc.addHeadersEndHandler(v -> echoRequestId(rc, request));
      rc.request().resume();
      rc.next();
    }
  }

  private void notFound(RoutingContext rc) {
    problems.send(rc, ProblemType.NOT_FOUND, "No resource at " + rc.request().path());
  }

  private void failure(RoutingContext rc) {
    if (!ServiceRoutes.isApi(rc.request().path()) && !"/openapi.json".equals(rc.request().path())) {
      rc.next();
      return;
    }
    int status = rc.statusCode() > 0 ? rc.statusCode() : 500;
    if (status >= 500) {
      LOG.errorf(rc.failure(), "request %s failed", (Object) rc.get(ProblemResponses.REQUEST_ID));
    }
    ProblemType type = ProblemType.forStatus(status);
    problems.send(
        rc, new Problem(type.uri(), type.title(), status, type.title(), null, null, null));
  }

  /**
   * Quarkus's lazily authenticated identity (authentication is not proactive): subscribing runs the
   * OIDC {@code web} tenant on the session cookie. Only the authentication filter asks for it.
   */
  private static Supplier<Uni<SecurityIdentity>> sessionIdentity(RoutingContext rc) {
    return () -> {
      // The gateway answers a session that has ended itself (401 problem): Quarkus's own failure
      // handler (a redirect to the provider) must not write the response meanwhile.
      rc.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, NO_AUTH_FAILURE_HANDLER);
      Uni<SecurityIdentity> deferred = rc.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
      return deferred != null
          ? deferred
          : Uni.createFrom()
              .failure(new IllegalStateException("no deferred identity on this route"));
    };
  }

  private static void echoRequestId(RoutingContext rc, GatewayRequest request) {
    if (request.requestId() != null) {
      rc.response().headers().set(RequestId.HEADER, request.requestId());
    }
  }

  /** The service that answers {@code path}, or null when the gateway does. */
  private static String serviceOf(String path) {
    return ServiceRoutes.isOwn(path) ? null : ServiceRoutes.serviceFor(path).orElse(null);
  }

  private static void onContext(Context context, Runnable action) {
    if (context == null || Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  private static String addressOf(SocketAddress address) {
    return address == null ? null : address.hostAddress();
  }
}
