package dev.modelmanager.deploy.client;

import jakarta.ws.rs.WebApplicationException;

/** Classifies failures of the REST clients. */
final class HttpErrors {
  private HttpErrors() {}

  static boolean notFound(Throwable t) {
    return t instanceof WebApplicationException w
        && w.getResponse() != null
        && w.getResponse().getStatus() == 404;
  }
}
