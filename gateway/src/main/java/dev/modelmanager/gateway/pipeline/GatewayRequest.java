package dev.modelmanager.gateway.pipeline;

import dev.modelmanager.model.security.Caller;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * A request as the filters see it. Header changes are what the target receives: the proxied service
 * or the gateway's own endpoints.
 */
public final class GatewayRequest {
  private final String method;
  private final String path;
  private final String query;
  private final MultiMap headers;
  private final String remoteAddress;
  private final String target;
  private final Map<String, Object> attributes = new HashMap<>();
  private final List<IntConsumer> responseListeners = new ArrayList<>();
  private String requestId;
  private Caller caller;

  /**
   * @param headers the live request headers; changes reach the target
   * @param target the service name, or {@code null} when the gateway answers itself
   */
  public GatewayRequest(
      String method,
      String path,
      String query,
      MultiMap headers,
      String remoteAddress,
      String target) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.headers = headers;
    this.remoteAddress = remoteAddress;
    this.target = target;
  }

  public String method() {
    return method;
  }

  /** The path with dot segments resolved: what routing, and later RBAC, decide on. */
  public String path() {
    return path;
  }

  /** The raw query string, or null. */
  public String query() {
    return query;
  }

  public String header(String name) {
    return headers.get(name);
  }

  /** Sets (or with a null value removes) a header that the target will receive. */
  public void setHeader(String name, String value) {
    if (value == null) {
      headers.remove(name);
    } else {
      headers.set(name, value);
    }
  }

  public String remoteAddress() {
    return remoteAddress;
  }

  /** The service that will answer, or empty when the gateway answers itself. */
  public Optional<String> targetService() {
    return Optional.ofNullable(target);
  }

  /** The request id, once the request-id filter has run. */
  public String requestId() {
    return requestId;
  }

  void requestId(String id) {
    this.requestId = id;
  }

  /** The authenticated caller, once the authentication band has run; empty for anonymous. */
  public Optional<Caller> caller() {
    return Optional.ofNullable(caller);
  }

  /** Set by the authentication filter. */
  public void caller(Caller caller) {
    this.caller = caller;
  }

  /** Values that filters hand to later filters (e.g. the caller's identity). */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /** Calls {@code listener} with the status code once the response headers are written. */
  public void onResponse(IntConsumer listener) {
    responseListeners.add(listener);
  }

  /** Used by the router: reports the final status to the listeners. */
  public void responded(int status) {
    responseListeners.forEach(l -> l.accept(status));
  }
}
