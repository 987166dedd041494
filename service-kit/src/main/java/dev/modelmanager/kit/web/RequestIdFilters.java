package dev.modelmanager.kit.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Accepts or assigns {@code X-Request-ID} on every request and returns it on every response. */
public class RequestIdFilters {
  static final String PROPERTY = "mm.requestId";

  @ServerRequestFilter(preMatching = true)
  public void assign(ContainerRequestContext request) {
    String id = RequestId.acceptOrCreate(request.getHeaderString(RequestId.HEADER));
    request.setProperty(PROPERTY, id);
    RequestId.bind(id);
    MDC.put("requestId", id);
  }

  @ServerResponseFilter
  public void echo(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(PROPERTY);
    if (id != null) {
      response.getHeaders().putSingle(RequestId.HEADER, id);
    }
  }
}
