package dev.modelmanager.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.kit.web.RequestId;
import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.model.problem.ProblemType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * Problem bodies for answers the gateway writes below JAX-RS (proxy failures, unknown routes), in
 * the same shape as the kit's mappers.
 */
@Singleton
public class ProblemResponses {
  /** Where the router keeps the request id on the routing context. */
  public static final String REQUEST_ID = "mm.gateway.request-id";

  private final ObjectMapper mapper;

  ProblemResponses(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The problem as JSON, stamped with the request's path and id. */
  public Buffer body(Problem problem, String path, String requestId) {
    try {
      return Buffer.buffer(mapper.writeValueAsBytes(problem.withRequest(path, requestId)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem cannot be serialised", e);
    }
  }

  public void send(RoutingContext rc, ProblemType type, String detail) {
    send(rc, type.problem(detail));
  }

  public void send(RoutingContext rc, Problem problem) {
    HttpServerResponse response = rc.response();
    if (response.headWritten()) {
      // Part of an answer already left; all that is left to do is to cut it short.
      response.reset();
      return;
    }
    send(response, problem, rc.request().path(), rc.get(REQUEST_ID));
  }

  /** Writes {@code problem} as the whole answer to a request for {@code path}. */
  public void send(HttpServerResponse response, Problem problem, String path, String requestId) {
    response
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
    if (requestId != null) {
      response.putHeader(RequestId.HEADER, requestId);
    }
    response.end(body(problem, path, requestId));
  }
}
