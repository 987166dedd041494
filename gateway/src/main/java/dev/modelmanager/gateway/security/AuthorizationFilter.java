package dev.modelmanager.gateway.security;

import dev.modelmanager.gateway.domain.AccessRules;
import dev.modelmanager.gateway.domain.ServiceRoutes;
import dev.modelmanager.gateway.pipeline.FilterResult;
import dev.modelmanager.gateway.pipeline.GatewayRequest;
import dev.modelmanager.gateway.pipeline.ImmediateFilter;
import dev.modelmanager.model.problem.ProblemType;
import dev.modelmanager.model.security.Caller;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every API request against the access table (band 200), deny by default: no rule → 403 (401
 * for an anonymous caller); a rule the caller's role or token scopes do not meet → 403. Paths
 * outside {@code /api/} (the web UI, API docs, health and metrics) are public.
 */
@Singleton
public class AuthorizationFilter implements ImmediateFilter {
  public static final int ORDER = 200;

  /** The attribute holding the matched route template (for the audit trail). */
  public static final String ROUTE_TEMPLATE = "routeTemplate";

  private final AccessRules rules;

  @Inject
  AuthorizationFilter() {
    this(AccessRules.load());
  }

  AuthorizationFilter(AccessRules rules) {
    this.rules = rules;
  }

  @Override
  public int order() {
    return ORDER;
  }

  @Override
  public FilterResult decide(GatewayRequest request) {
    String path = request.path();
    if (!ServiceRoutes.isApi(path)) {
      return FilterResult.proceed();
    }
    Optional<Caller> caller = request.caller();
    Optional<AccessRules.Rule> found = rules.find(request.method(), path);
    if (found.isEmpty()) {
      if (request.targetService().isEmpty() && !ServiceRoutes.isOwn(path)) {
        return FilterResult.proceed(); // nothing answers there: the router's 404
      }
      if (caller.isEmpty()) {
        return unauthenticated(request);
      }
      List<String> allowed = rules.methodsFor(path);
      if (!allowed.isEmpty()) {
        return FilterResult.reject(
            ProblemType.METHOD_NOT_ALLOWED.problem(
                request.method()
                    + " is not allowed on "
                    + path
                    + "; allowed: "
                    + String.join(", ", allowed)),
            Map.of("Allow", String.join(", ", allowed)));
      }
      return FilterResult.reject(
          ProblemType.FORBIDDEN,
          "No access rule allows " + request.method() + " " + path + " (denied by default)");
    }
    AccessRules.Rule rule = found.get();
    request.attributes().put(ROUTE_TEMPLATE, rule.template());
    if (rule.isPublic()) {
      return FilterResult.proceed();
    }
    if (caller.isEmpty()) {
      return unauthenticated(request);
    }
    Caller c = caller.get();
    if (!c.may(rule.role(), rule.scope())) {
      return FilterResult.reject(
          ProblemType.FORBIDDEN,
          request.method()
              + " "
              + rule.template()
              + " needs role "
              + rule.role().id()
              + (rule.scope() == null ? "" : " and scope " + rule.scope())
              + "; the caller has role "
              + c.role().id()
              + (c.method() == Caller.AuthMethod.API_TOKEN
                  ? " and scopes " + String.join(" ", c.scopes().stream().sorted().toList())
                  : ""));
    }
    return FilterResult.proceed();
  }

  /** The 401, with the reason a browser session cookie gave no caller when there was one. */
  private static FilterResult unauthenticated(GatewayRequest request) {
    if (request.attributes().get(BrowserSession.ENDED) instanceof String ended) {
      return FilterResult.reject(
          ProblemType.UNAUTHORIZED.problem(
              "The browser session cookie gives no caller (" + ended + ")"),
          Map.of("WWW-Authenticate", AuthenticationFilter.CHALLENGE));
    }
    return FilterResult.reject(
        ProblemType.UNAUTHORIZED.problem(
            "Authentication required: send 'Authorization: Bearer <token>' (an mm_ API token or"
                + " an OIDC access token) or 'X-API-Key: <token>'"),
        Map.of("WWW-Authenticate", AuthenticationFilter.CHALLENGE));
  }
}
