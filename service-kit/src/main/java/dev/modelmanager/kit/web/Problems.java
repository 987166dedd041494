package dev.modelmanager.kit.web;

import dev.modelmanager.model.problem.Problem;
import jakarta.ws.rs.core.Response;

/** Builds problem responses stamped with the request's path and id. */
public final class Problems {
  private Problems() {}

  public static Response response(Problem problem, String path) {
    Problem stamped = problem.withRequest(path, RequestId.current());
    Response.ResponseBuilder builder =
        Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(stamped);
    if (stamped.requestId() != null) {
      builder.header(RequestId.HEADER, stamped.requestId());
    }
    return builder.build();
  }
}
