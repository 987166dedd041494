package dev.modelmanager.gateway.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which component answers a path: a service behind the gateway (by prefix) or the gateway itself.
 */
public final class ServiceRoutes {
  public static final String API_ROOT = "/api/v1";

  /** Prefixes the gateway serves itself; everything else under {@link #API_ROOT} is proxied. */
  public static final List<String> OWN_PREFIXES =
      List.of(
          "/api/v1/system",
          "/api/v1/me",
          "/api/v1/auth",
          "/api/v1/tokens",
          "/api/v1/audit",
          "/api/v1/notifications",
          "/api/v1/events",
          "/api/v1/activity");

  private static final Map<String, String> PREFIX_TO_SERVICE = new LinkedHashMap<>();

  static {
    for (String p :
        List.of("huggingface", "discover", "vllm", "models", "gpus", "recommendations")) {
      PREFIX_TO_SERVICE.put(API_ROOT + "/" + p, "discovery-service");
    }
    PREFIX_TO_SERVICE.put(API_ROOT + "/weights", "weights-service");
    PREFIX_TO_SERVICE.put(API_ROOT + "/catalog", "catalog-service");
    PREFIX_TO_SERVICE.put(API_ROOT + "/deployments", "deploy-service");
  }

  private ServiceRoutes() {}

  /** The service that owns {@code path}, when a proxied prefix matches it. */
  public static Optional<String> serviceFor(String path) {
    for (Map.Entry<String, String> e : PREFIX_TO_SERVICE.entrySet()) {
      if (matches(path, e.getKey())) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** True when the gateway itself serves {@code path}. */
  public static boolean isOwn(String path) {
    for (String prefix : OWN_PREFIXES) {
      if (matches(path, prefix)) {
        return true;
      }
    }
    return false;
  }

  /** True for paths under {@code /api/v1}. */
  public static boolean isApi(String path) {
    return matches(path, API_ROOT);
  }

  // "/api/v1/models" matches "/api/v1/models" and "/api/v1/models/x", never "/api/v1/modelsx".
  // Runs several times on every request: no string is built.
  private static boolean matches(String path, String prefix) {
    return path.startsWith(prefix)
        && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
  }
}
