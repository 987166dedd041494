package dev.modelmanager.gateway.pipeline;

import dev.modelmanager.kit.web.RequestId;
import jakarta.inject.Singleton;
import org.jboss.logging.MDC;

/**
 * Keeps a well-formed incoming {@code X-Request-ID} or replaces it with a new one, so the target (a
 * service, or the kit's filters on the gateway's own endpoints) sees the same id.
 */
@Singleton
public class RequestIdFilter implements ImmediateFilter {
  public static final int ORDER = 0;

  @Override
  public int order() {
    return ORDER;
  }

  @Override
  public FilterResult decide(GatewayRequest request) {
    String id = RequestId.acceptOrCreate(request.header(RequestId.HEADER));
    request.requestId(id);
    request.setHeader(RequestId.HEADER, id);
    MDC.put("requestId", id);
    return FilterResult.proceed();
  }
}
