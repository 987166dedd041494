package dev.modelmanager.catalog.client;

import jakarta.ws.rs.WebApplicationException;

/** How a failed call to another service reads to a person. */
final class Failures {
  private Failures() {}

  static boolean isNotFound(Throwable t) {
    return t instanceof WebApplicationException w && w.getResponse().getStatus() == 404;
  }

  static String describe(String service, Throwable t) {
    if (t instanceof WebApplicationException w) {
      return service + " answered " + w.getResponse().getStatus();
    }
    if (t instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
      return service + " did not answer in time";
    }
    if (t
        instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException) {
      return service + " is failing; calls are paused for a while";
    }
    return service + " is unreachable (" + t.getClass().getSimpleName() + ")";
  }
}
