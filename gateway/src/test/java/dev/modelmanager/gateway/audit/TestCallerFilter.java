package dev.modelmanager.gateway.audit;

import dev.modelmanager.gateway.pipeline.FilterResult;
import dev.modelmanager.gateway.pipeline.GatewayFilter;
import dev.modelmanager.gateway.pipeline.GatewayRequest;
import dev.modelmanager.model.problem.ProblemType;
import dev.modelmanager.model.security.Caller;
import dev.modelmanager.model.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Test stand-in for the authentication and authorization bands: acts only on requests carrying its
 * headers. {@code X-Test-Subject} sets the caller (an API-token operator), {@code X-Test-Route} the
 * route template, {@code X-Test-Deny} rejects with that status.
 */
@ApplicationScoped
public class TestCallerFilter implements GatewayFilter {
  static final String SUBJECT = "X-Test-Subject";
  static final String ROUTE = "X-Test-Route";
  static final String DENY = "X-Test-Deny";

  @Override
  public int order() {
    return 150;
  }

  @Override
  public Uni<FilterResult> filter(GatewayRequest request) {
    String subject = request.header(SUBJECT);
    if (subject != null) {
      request.caller(
          new Caller(
              subject,
              "Name of " + subject,
              Role.OPERATOR,
              Set.of("weights:write", "weights:read"),
              Caller.AuthMethod.API_TOKEN,
              "token-of-" + subject));
    }
    String route = request.header(ROUTE);
    if (route != null) {
      request.attributes().put(AuditFilter.ROUTE_TEMPLATE, route);
    }
    String deny = request.header(DENY);
    FilterResult result =
        deny == null
            ? FilterResult.proceed()
            : FilterResult.reject(ProblemType.forStatus(Integer.parseInt(deny)), "denied in test");
    return Uni.createFrom().item(result);
  }
}
