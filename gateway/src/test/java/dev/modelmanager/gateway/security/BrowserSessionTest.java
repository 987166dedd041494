package dev.modelmanager.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.keycloak.KeycloakResource;
import dev.modelmanager.testkit.keycloak.KeycloakServer;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The browser session through a real Keycloak: {@code /auth/login} starts the authorization-code
 * flow with PKCE, Keycloak's login form signs the user in, {@code /auth/callback} sets the session,
 * {@code /auth/session} names the caller, {@code /auth/logout} ends it.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
class BrowserSessionTest {
  private static final Pattern FORM_ACTION =
      Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

  @TestHTTPResource("/auth/login")
  URI login;

  @TestHTTPResource("/auth/session")
  URI session;

  @TestHTTPResource("/auth/logout")
  URI logout;

  @TestHTTPResource("/api/v1/me")
  URI me;

  @TestHTTPResource("/api/v1/huggingface/search?q=llama")
  URI search;

  @TestHTTPResource("/api/v1/models")
  URI models;

  @TestHTTPResource("/api/v1/me/preferences")
  URI preferences;

  @TestHTTPResource("/api/v1/auth/config")
  URI authConfig;

  private final CookieJar jar = new CookieJar();

  private final HttpClient browser =
      HttpClient.newBuilder()
          .cookieHandler(jar)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @Test
  void signInWithCodeFlowAndPkceGivesASessionCaller() throws Exception {
    HttpResponse<String> start = get(login);
    assertThat(start.statusCode()).isEqualTo(302);
    String authorize = location(start);
    assertThat(authorize)
        .startsWith(KeycloakServer.shared().issuer() + "/protocol/openid-connect/auth")
        .contains("client_id=" + KeycloakServer.UI_CLIENT)
        .contains("code_challenge_method=S256")
        .contains("code_challenge=");

    HttpResponse<String> form = get(URI.create(authorize));
    assertThat(form.statusCode()).isEqualTo(200);
    Matcher action = FORM_ACTION.matcher(form.body());
    assertThat(action.find()).as("Keycloak's login form").isTrue();
    HttpResponse<String> signedIn =
        post(
            URI.create(action.group(1).replace("&amp;", "&")),
            "username=operator&password=" + URLEncoder.encode("operator-password", "UTF-8"));
    assertThat(signedIn.statusCode()).isEqualTo(302);
    String callback = location(signedIn);
    assertThat(URLDecoder.decode(callback, StandardCharsets.UTF_8))
        .startsWith(login.resolve("/auth/callback").toString())
        .contains("code=");

    // The callback exchanges the code (with the PKCE verifier) and lands on the UI.
    URI next = URI.create(callback);
    HttpResponse<String> landed = get(next);
    for (int hops = 0; hops < 3 && landed.statusCode() == 302; hops++) {
      next = next.resolve(location(landed));
      landed = get(next);
    }
    assertThat(landed.statusCode()).isEqualTo(303);
    assertThat(URI.create(location(landed)).getPath()).isEqualTo("/");

    HttpResponse<String> who = get(session);
    assertThat(who.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(who.body());
    assertThat(body.getString("name")).isEqualTo("operator");
    assertThat(body.getJsonArray("roles").getList()).containsExactly("operator");
    assertThat(body.getString("method")).isEqualTo("session");

    HttpResponse<String> out = get(logout);
    assertThat(out.statusCode()).isEqualTo(302);
    assertThat(location(out))
        .startsWith(KeycloakServer.shared().issuer() + "/protocol/openid-connect/logout");
    assertThat(get(session).statusCode()).isIn(302, 401);
  }

  @Test
  void theConsoleWorksOnTheSessionAndChangesNeedTheCsrfHeader() throws Exception {
    HttpResponse<String> config = get(authConfig);
    assertThat(config.statusCode()).isEqualTo(200);
    JsonObject offered = new JsonObject(config.body());
    assertThat(offered.getBoolean("oidc")).isTrue();
    assertThat(offered.getString("loginPath")).isEqualTo("/auth/login");
    assertThat(offered.getString("csrfHeader")).isEqualTo(BrowserSession.CSRF_HEADER);

    // Not signed in: the API has no caller.
    assertThat(get(me).statusCode()).isEqualTo(401);

    HttpResponse<String> landed = signIn("admin");
    String setCookies = String.join("\n", landed.headers().allValues("Set-Cookie"));
    assertThat(setCookies).containsIgnoringCase("SameSite=Strict").contains("mm_csrf=");
    String csrf = jar.value(login.getHost(), BrowserSession.CSRF_COOKIE);
    assertThat(csrf).hasSizeGreaterThan(30);

    // The session cookie alone authenticates /api: no bearer token.
    HttpResponse<String> who = get(me);
    assertThat(who.statusCode()).isEqualTo(200);
    JsonObject caller = new JsonObject(who.body());
    assertThat(caller.getString("name")).isEqualTo("admin");
    assertThat(caller.getString("authMethod")).isEqualTo("session");
    assertThat(caller.getJsonArray("roles").getList()).containsExactly("admin");

    // A change without the CSRF header, or with a wrong one, is refused and changes nothing.
    // The realm's users keep their subject across runs: change the theme to what it is not.
    String before = new JsonObject(get(preferences).body()).getString("theme");
    String wanted = "dark".equals(before) ? "light" : "dark";
    String body = "{\"theme\":\"" + wanted + "\"}";
    HttpResponse<String> forged = put(preferences, body, Map.of());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.headers().firstValue("Content-Type").orElse(""))
        .contains("application/problem+json");
    assertThat(forged.body()).contains(BrowserSession.CSRF_HEADER);
    assertThat(put(preferences, body, Map.of(BrowserSession.CSRF_HEADER, "guess")).statusCode())
        .isEqualTo(403);
    assertThat(new JsonObject(get(preferences).body()).getString("theme")).isEqualTo(before);

    HttpResponse<String> saved = put(preferences, body, Map.of(BrowserSession.CSRF_HEADER, csrf));
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(get(preferences).body()).getString("theme")).isEqualTo(wanted);

    // Signing out ends the session at the provider; the API no longer knows the browser.
    HttpResponse<String> out = get(logout);
    assertThat(out.statusCode()).isEqualTo(302);
    assertThat(location(out))
        .startsWith(KeycloakServer.shared().issuer() + "/protocol/openid-connect/logout");
    assertThat(get(me).statusCode()).isEqualTo(401);
  }

  @Test
  void aForgedOrStaleSessionCookieIsA401() throws Exception {
    // The gateway's own route, and a service's routes with an access rule and without one: a
    // request with a cookie goes through Quarkus's session handling (only requests without one
    // take the router's direct path to the pipeline).
    for (URI route : List.of(me, search, models)) {
      HttpResponse<String> forged = withForgedCookie(route);
      assertThat(forged.statusCode()).as(route.getPath()).isEqualTo(401);
      assertThat(forged.body()).as(route.getPath()).contains("sign in again");
    }
    // A stale cookie does not lock the browser out of public routes (the sign-in page asks one).
    assertThat(withForgedCookie(authConfig).statusCode()).isEqualTo(200);
  }

  private static HttpResponse<String> withForgedCookie(URI uri) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(uri)
                .header("Cookie", BrowserSession.SESSION_COOKIE + "=not-an-encrypted-session")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void sessionWithoutSignInIsNotGiven() throws Exception {
    HttpResponse<String> anonymous =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .build()
            .send(
                HttpRequest.newBuilder(session).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    // A browser is sent to sign in; it never sees a session it did not start.
    assertThat(anonymous.statusCode()).isIn(302, 401);
    assertThat(anonymous.body()).doesNotContain("subject");
  }

  /** Signs {@code user} in through Keycloak's login form; the answer that lands on the UI. */
  private HttpResponse<String> signIn(String user) throws IOException, InterruptedException {
    HttpResponse<String> form = get(URI.create(location(get(login))));
    Matcher action = FORM_ACTION.matcher(form.body());
    assertThat(action.find()).as("Keycloak's login form").isTrue();
    HttpResponse<String> signedIn =
        post(
            URI.create(action.group(1).replace("&amp;", "&")),
            "username=" + user + "&password=" + URLEncoder.encode(user + "-password", "UTF-8"));
    URI next = URI.create(location(signedIn));
    HttpResponse<String> landed = get(next);
    for (int hops = 0; hops < 3 && landed.statusCode() == 302; hops++) {
      next = next.resolve(location(landed));
      landed = get(next);
    }
    assertThat(landed.statusCode()).isEqualTo(303);
    return landed;
  }

  private HttpResponse<String> put(URI uri, String json, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(request::header);
    return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return browser.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(URI uri, String form) throws IOException, InterruptedException {
    return browser.send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String location(HttpResponse<?> response) {
    return response.headers().firstValue("Location").orElseThrow();
  }

  /**
   * Cookies per host, like a browser on localhost: Keycloak marks its cookies {@code Secure}, which
   * browsers honour on http://localhost but {@link java.net.CookieManager} does not.
   */
  private static final class CookieJar extends CookieHandler {
    private final Map<String, Map<String, String>> byHost = new ConcurrentHashMap<>();

    String value(String host, String cookie) {
      return byHost.getOrDefault(host, Map.of()).get(cookie);
    }

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
      Map<String, String> cookies = byHost.getOrDefault(uri.getHost(), Map.of());
      if (cookies.isEmpty()) {
        return Map.of();
      }
      StringBuilder header = new StringBuilder();
      cookies.forEach(
          (name, value) ->
              header
                  .append(header.length() == 0 ? "" : "; ")
                  .append(name)
                  .append('=')
                  .append(value));
      return Map.of("Cookie", List.of(header.toString()));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
      Map<String, String> cookies =
          byHost.computeIfAbsent(uri.getHost(), h -> new ConcurrentHashMap<>());
      responseHeaders.forEach(
          (name, values) -> {
            if (name == null || !name.equalsIgnoreCase("Set-Cookie")) {
              return;
            }
            for (String value : values) {
              String pair = value.split(";", 2)[0];
              int eq = pair.indexOf('=');
              if (eq <= 0) {
                continue;
              }
              String cookie = pair.substring(0, eq).trim();
              String content = pair.substring(eq + 1).trim();
              String lower = value.toLowerCase(Locale.ROOT);
              if (content.isEmpty()
                  || lower.contains("max-age=0")
                  || lower.contains("expires=thu, 01 jan 1970")) {
                cookies.remove(cookie);
              } else {
                cookies.put(cookie, content);
              }
            }
          });
    }
  }
}
