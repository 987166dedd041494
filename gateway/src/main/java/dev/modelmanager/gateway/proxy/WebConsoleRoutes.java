package dev.modelmanager.gateway.proxy;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Deep links into the web console ({@code /jobs?state=FAILED}, {@code /models/org/name}) are
 * answered with the console's index.html. Quinoa's own SPA routing resumes on RESTEasy's 404, which
 * service-kit's problem mapper answers first (quarkus-quinoa issue 666); so the gateway reroutes
 * such paths to {@code /} itself, after its filter pipeline and before RESTEasy.
 */
@ApplicationScoped
public class WebConsoleRoutes {
  static final int ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 5;

  /** Paths that are never the console's: the API, health and metrics, API docs, OIDC session. */
  static final List<String> NOT_THE_CONSOLE =
      List.of("/api", "/q", "/docs", "/openapi", "/auth", "/assets");

  void register(@Observes Router router) {
    router.route().order(ORDER).handler(this::route);
  }

  private void route(RoutingContext rc) {
    HttpMethod method = rc.request().method();
    if ((method == HttpMethod.GET || method == HttpMethod.HEAD)
        && isConsolePage(rc.normalizedPath())) {
      rc.reroute("/");
    } else {
      rc.next();
    }
  }

  /**
   * A console page: not "/" itself, outside the reserved paths and the built assets, and not a file
   * at the root ({@code /favicon.ico}); deeper segments may hold dots (model names: Qwen2.5-0.5B).
   */
  static boolean isConsolePage(String path) {
    if (path == null || path.equals("/") || !path.startsWith("/")) {
      return false;
    }
    for (String prefix : NOT_THE_CONSOLE) {
      if (path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith(prefix + ".")) {
        return false;
      }
    }
    return path.lastIndexOf('/') > 0 || !path.contains(".");
  }
}
