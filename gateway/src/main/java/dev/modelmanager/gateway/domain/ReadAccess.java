package dev.modelmanager.gateway.domain;

import dev.modelmanager.model.security.Caller;
import dev.modelmanager.model.security.Role;
import dev.modelmanager.model.security.Scopes;
import java.util.Map;
import java.util.Optional;

/**
 * Which events and activity entries a caller may read: the live stream and the activity feed hold
 * only those. An event of an area (weights, catalog, deploy, discovery) needs that area's read
 * scope, as its API does, or {@code events:read}, which reads every event; any other event needs
 * {@code events:read}. A request record needs what reading its area needs; requests to the
 * gateway's own settings (tokens, audit) need an admin. A caller's own preferences are nobody's
 * activity.
 */
public final class ReadAccess {
  private static final String TYPE_PREFIX = "dev.modelmanager.";

  private static final Map<String, String> AREA_SCOPES =
      Map.of(
          "weights", Scopes.WEIGHTS_READ,
          "catalog", Scopes.CATALOG_READ,
          "deploy", Scopes.DEPLOY_READ,
          "discovery", Scopes.DISCOVERY_READ);

  private static final Map<String, String> SERVICE_AREAS =
      Map.of(
          "weights-service", "weights",
          "catalog-service", "catalog",
          "deploy-service", "deploy",
          "discovery-service", "discovery");

  private ReadAccess() {}

  /** The area of a CloudEvents type ({@code dev.modelmanager.<area>.…}), or empty. */
  public static Optional<String> areaOfType(String type) {
    if (type == null || !type.startsWith(TYPE_PREFIX)) {
      return Optional.empty();
    }
    String rest = type.substring(TYPE_PREFIX.length());
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }

  /** The area of an API path: the service behind it, {@code notifications}, or {@code gateway}. */
  public static String areaOfPath(String path) {
    return ServiceRoutes.serviceFor(path)
        .map(SERVICE_AREAS::get)
        .orElse(path.startsWith("/api/v1/notifications") ? "notifications" : "gateway");
  }

  /** Whether {@code caller} may see an event of {@code type}. */
  public static boolean mayReadEvent(Caller caller, String type) {
    String scope = areaOfType(type).map(AREA_SCOPES::get).orElse(null);
    return readsEverything(caller) || (scope != null && caller.may(Role.VIEWER, scope));
  }

  /** Whether {@code caller} may see the record of a request to {@code path}. */
  public static boolean mayReadRequest(Caller caller, String path) {
    String area = areaOfPath(path);
    String scope = AREA_SCOPES.get(area);
    if (scope != null) {
      return readsEverything(caller) || caller.may(Role.VIEWER, scope);
    }
    if ("notifications".equals(area)) {
      return readsEverything(caller); // channels are readable by viewers with events:read
    }
    return caller.may(Role.ADMIN, Scopes.ADMIN);
  }

  private static boolean readsEverything(Caller caller) {
    return caller.may(Role.VIEWER, Scopes.EVENTS_READ);
  }
}
