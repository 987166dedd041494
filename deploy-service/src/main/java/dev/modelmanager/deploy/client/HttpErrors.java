package dev.modelmanager.deploy.client;

import jakarta.ws.rs.WebApplicationException;

/** Classifies failures of the REST clients. */
final class HttpErrors {
  private HttpErrors() {}

  /** A 4xx answer: the request was understood and refused, so retrying will not help. */
  static boolean clientError(Throwable t) {
    return t instanceof WebApplicationException w
        && w.getResponse() != null
        && w.getResponse().getStatus() >= 400
        && w.getResponse().getStatus() < 500;
  }

  static boolean notFound(Throwable t) {
    return t instanceof WebApplicationException w
        && w.getResponse() != null
        && w.getResponse().getStatus() == 404;
  }
}
