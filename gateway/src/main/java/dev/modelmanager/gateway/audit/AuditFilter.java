package dev.modelmanager.gateway.audit;

import dev.modelmanager.gateway.pipeline.FilterResult;
import dev.modelmanager.gateway.pipeline.GatewayRequest;
import dev.modelmanager.gateway.pipeline.ImmediateFilter;
import dev.modelmanager.model.security.Caller;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Records every mutating request (POST, PUT, PATCH, DELETE) and every denied one (401, 403, 429 on
 * any method) in the audit trail, once the final status is known.
 *
 * <p>It runs at order {@value #ORDER}, right after the request id and <em>before</em> the
 * authentication (100–199) and authorization (200–299) bands, only to register a response listener:
 * a request those bands reject never reaches the audit band (300–399), yet its denial must be
 * recorded. The listener reads the request when the response ends, by which time the authentication
 * filter has set {@link GatewayRequest#caller()} and the authorization filter the {@value
 * #ROUTE_TEMPLATE} attribute. Writing happens in the background ({@link AuditTrail#record}) and can
 * never change the response.
 */
@Singleton
public class AuditFilter implements ImmediateFilter {
  public static final int ORDER = 1;

  /** The request attribute where the authorization filter puts the matched route template. */
  public static final String ROUTE_TEMPLATE = "routeTemplate";

  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern NUMBER = Pattern.compile("[0-9]+");

  private final Consumer<AuditEntry> sink;

  @Inject
  AuditFilter(AuditTrail trail) {
    this(trail::record);
  }

  /** A filter handing its entries to {@code sink} (tests). */
  public AuditFilter(Consumer<AuditEntry> sink) {
    this.sink = sink;
  }

  @Override
  public int order() {
    return ORDER;
  }

  @Override
  public FilterResult decide(GatewayRequest request) {
    request.onResponse(
        status -> {
          if (recorded(request.method(), status)) {
            sink.accept(entry(request, status, Instant.now()));
          }
        });
    return FilterResult.proceed();
  }

  /** Whether a request with this method and final status belongs in the trail. */
  public static boolean recorded(String method, int status) {
    return switch (method) {
      case "POST", "PUT", "PATCH", "DELETE" -> true;
      default -> status == 401 || status == 403 || status == 429;
    };
  }

  /** The entry for {@code request} answered with {@code status}. */
  public static AuditEntry entry(GatewayRequest request, int status, Instant at) {
    Object template = request.attributes().get(ROUTE_TEMPLATE);
    Action action =
        template instanceof String t && !t.isBlank()
            ? fromTemplate(t, request.path())
            : fromPath(request.path());
    return new AuditEntry(
        at,
        AuditEntry.REQUEST,
        request.caller().map(AuditFilter::actor).orElse(AuditEntry.Actor.ANONYMOUS),
        request.method() + " " + action.route(),
        action.targets(),
        Integer.toString(status),
        request.requestId(),
        request.remoteAddress(),
        null);
  }

  static AuditEntry.Actor actor(Caller c) {
    return new AuditEntry.Actor(c.subject(), c.name(), c.method().id(), c.tokenId());
  }

  record Action(String route, List<String> targets) {}

  /** The template as the action; the path's values at its {@code {…}} segments as the targets. */
  static Action fromTemplate(String template, String path) {
    String[] t = segments(template);
    String[] p = segments(path);
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < t.length && i < p.length; i++) {
      if (t[i].startsWith("{") && t[i].endsWith("}")) {
        targets.add(p[i]);
      }
    }
    return new Action(template, targets);
  }

  /**
   * Without a template: segments that are UUIDs or numbers are the targets, and stand as {@code
   * {id}} in the action, so the same operation on different objects reads the same.
   */
  static Action fromPath(String path) {
    String[] p = segments(path);
    List<String> targets = new ArrayList<>();
    StringBuilder route = new StringBuilder();
    for (String s : p) {
      route.append('/');
      if (UUID.matcher(s).matches() || NUMBER.matcher(s).matches()) {
        targets.add(s);
        route.append("{id}");
      } else {
        route.append(s);
      }
    }
    return new Action(route.length() == 0 ? "/" : route.toString(), targets);
  }

  private static String[] segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }
}
