package dev.modelmanager.testkit.git;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The git server's test knobs over HTTP: {@code POST /_admin/race?branch=b&times=n} arms a race
 * ({@link GitServer#raceNextPushes}), {@code POST /_admin/token?value=t} changes the accepted
 * token, {@code GET /_admin/receives} counts pushes.
 */
public final class GitServerAdmin {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private GitServerAdmin() {}

  /** Arms a race on the server at {@code baseUrl}. */
  public static void raceNextPushes(String baseUrl, String branch, int times) {
    call(
        "POST",
        baseUrl
            + "/_admin/race?branch="
            + URLEncoder.encode(branch, StandardCharsets.UTF_8)
            + "&times="
            + times);
  }

  /** Changes the token the server at {@code baseUrl} accepts. */
  public static void token(String baseUrl, String token) {
    call(
        "POST",
        baseUrl + "/_admin/token?value=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  /** Pushes the server at {@code baseUrl} handled. */
  public static int receives(String baseUrl) {
    return Integer.parseInt(call("GET", baseUrl + "/_admin/receives").trim());
  }

  private static String call(String method, String url) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url))
                  .method(method, HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        throw new IllegalStateException(method + " " + url + " → " + r.statusCode());
      }
      return r.body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static final class Servlet extends HttpServlet {
    private final transient GitServer server;

    Servlet(GitServer server) {
      this.server = server;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      if ("/race".equals(req.getPathInfo())) {
        server.raceNextPushes(
            req.getParameter("branch"), Integer.parseInt(req.getParameter("times")));
        resp.setStatus(204);
      } else if ("/token".equals(req.getPathInfo())) {
        server.token(req.getParameter("value"));
        resp.setStatus(204);
      } else {
        resp.sendError(404);
      }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      if ("/receives".equals(req.getPathInfo())) {
        resp.setContentType("text/plain");
        resp.getWriter().print(server.receives());
      } else {
        resp.sendError(404);
      }
    }
  }
}
