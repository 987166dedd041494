package dev.modelmanager.gateway.security;

import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.problem.ProblemType;
import dev.modelmanager.model.security.Caller;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Hands the caller that the pipeline authenticated to the gateway's own endpoints: the router
 * stores it on the routing context, a resource reads it with {@link #of(RoutingContext)}.
 */
public final class CurrentCaller {
  static final String KEY = "mm.caller";

  private CurrentCaller() {}

  public static void set(RoutingContext rc, Caller caller) {
    if (caller != null) {
      rc.put(KEY, caller);
    }
  }

  public static Optional<Caller> of(RoutingContext rc) {
    return Optional.ofNullable(rc.get(KEY));
  }

  /** The caller, or a 401 problem (a route the access table lets through without one). */
  public static Caller required(RoutingContext rc) {
    return of(rc)
        .orElseThrow(
            () -> new ProblemException(ProblemType.UNAUTHORIZED, "Authentication required"));
  }
}
