package dev.modelmanager.gateway.proxy;

import java.util.List;

/**
 * The route template a proxied request is counted under in {@code
 * http_server_requests_seconds{uri}}, so ids never become labels: {@code
 * /api/v1/weights/installs/7f3c…} counts as {@code /api/v1/weights/installs/{id}}. A path that
 * matches no template counts under itself (the services' fixed paths), capped by {@code
 * quarkus.micrometer.binder.http-server.max-uri-tags}.
 *
 * <p>The gateway's own endpoints get theirs from Quarkus REST. Micrometer's {@code match-patterns}
 * would do the same with a regular expression per template tried on every request: a fifth of the
 * gateway's allocations and 2 % of its CPU under load. These templates are matched segment by
 * segment without allocating: a segment {@code {name}} matches any one segment, and {@code
 * {org}/{name}} stands for a repository id, one or more segments (a legacy Hub repo has no org).
 * The first template that matches wins.
 */
public final class RouteTemplates {
  private static final String REPO = "{org}/{name}";

  private static final List<Template> TEMPLATES =
      List.of(
              "/api/v1/weights/installs/{id}/cancel",
              "/api/v1/weights/installs/{id}/retry",
              "/api/v1/weights/installs/{id}",
              "/api/v1/weights/{id}/pin",
              "/api/v1/weights/{id}/unpin",
              "/api/v1/catalog/entries/{id}",
              "/api/v1/catalog/pull-requests/{number}",
              "/api/v1/deployments/{name}/revisions/{number}",
              "/api/v1/deployments/{name}/revisions",
              "/api/v1/deployments/{name}/activate",
              "/api/v1/deployments/{name}/deactivate",
              "/api/v1/deployments/{name}/dry-run",
              "/api/v1/deployments/{name}/manifest",
              "/api/v1/deployments/{name}/rollback",
              "/api/v1/deployments/{name}",
              "/api/v1/models/" + REPO + "/details",
              "/api/v1/models/" + REPO + "/readme",
              "/api/v1/vllm/architectures/{arch}")
          .stream()
          .map(Template::new)
          .toList();

  private RouteTemplates() {}

  /** The template {@code path} matches, or null when none does. */
  public static String of(String path) {
    if (path == null || !path.startsWith("/")) {
      return null;
    }
    for (Template t : TEMPLATES) {
      if (t.matches(path)) {
        return t.text;
      }
    }
    return null;
  }

  /** The templates, in the order they are tried (documentation and tests). */
  public static List<String> all() {
    return TEMPLATES.stream().map(t -> t.text).toList();
  }

  /**
   * One template as its segments: a literal, or null for a parameter (one segment); {@code some} is
   * the index of the repository id (one or more segments), or -1.
   */
  private static final class Template {
    final String text;
    private final String[] segments;
    private final int some;

    Template(String text) {
      this.text = text;
      String[] parts = text.replace(REPO, "{repo}").substring(1).split("/");
      int repoAt = -1;
      for (int i = 0; i < parts.length; i++) {
        if (parts[i].equals("{repo}")) {
          repoAt = i;
        }
        if (parts[i].startsWith("{")) {
          parts[i] = null;
        }
      }
      this.segments = parts;
      this.some = repoAt;
    }

    boolean matches(String path) {
      int end = some < 0 ? segments.length : some;
      // Forward over the segments before the repository id (all of them when there is none).
      int at = 1;
      for (int i = 0; i < end; i++) {
        if (at > path.length()) {
          return false;
        }
        int slash = path.indexOf('/', at);
        int segmentEnd = slash < 0 ? path.length() : slash;
        if (!segmentMatches(segments[i], path, at, segmentEnd)) {
          return false;
        }
        at = segmentEnd + 1;
      }
      if (some < 0) {
        return at == path.length() + 1;
      }
      // Backward over the segments after it; what lies between is the id (one or more segments).
      int back = path.length();
      for (int i = segments.length - 1; i > some; i--) {
        int slash = path.lastIndexOf('/', back - 1);
        if (slash < at) {
          return false;
        }
        if (!segmentMatches(segments[i], path, slash + 1, back)) {
          return false;
        }
        back = slash;
      }
      return back > at && path.charAt(at) != '/' && path.charAt(back - 1) != '/';
    }

    /** {@code literal} (null: any) against the path segment [from, to); never an empty one. */
    private static boolean segmentMatches(String literal, String path, int from, int to) {
      if (to <= from) {
        return false;
      }
      return literal == null
          || (literal.length() == to - from && path.regionMatches(from, literal, 0, to - from));
    }
  }
}
