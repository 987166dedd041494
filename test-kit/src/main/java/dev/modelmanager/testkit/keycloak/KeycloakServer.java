package dev.modelmanager.testkit.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak for tests: the {@code org.keycloak:keycloak-quarkus-dist} zip (resolved by
 * test-kit's build into the local Maven repository) run with {@code kc.sh start-dev} on the Temurin
 * 25 JDK, with two imported realms:
 *
 * <ul>
 *   <li>{@value #REALM}: {@code deploy/keycloak/realm.json} plus {@code keycloak/test-overlay.json}
 *       — users {@code viewer}, {@code operator}, {@code admin} (realm roles), {@code grouped}
 *       (group {@code ml-operators}, no role), {@code nobody} (no role), all with password {@code
 *       <user>-password}; confidential clients {@code model-manager-ci} (client credentials and
 *       password grant, service account role operator, audience {@code model-manager-gateway}),
 *       {@code model-manager-short} (tokens live 1 s) and {@code other-app} (no gateway audience);
 *       the public PKCE client {@code model-manager-ui};
 *   <li>{@value #OTHER_REALM}: the "wrong issuer", with the same client id and audience.
 * </ul>
 *
 * <p>One server per test JVM ({@link #shared()}), stopped by a shutdown hook. The unpacked and
 * augmented distribution is cached under {@code ~/.cache/model-manager/keycloak} (first start
 * augments it, later starts skip that); each server gets its own home with its own {@code data/}
 * and an in-memory database.
 *
 * <p>Instead of starting one, the suite can use an existing Keycloak: {@code
 * MM_TEST_KEYCLOAK_URL=http://host:port} (or {@code -Dmm.test.keycloak.url}); with {@code
 * MM_TEST_KEYCLOAK_ADMIN_PASSWORD} (user {@code MM_TEST_KEYCLOAK_ADMIN_USER}, default {@code
 * admin}) the two realms are imported there when missing, else they must already exist.
 */
public final class KeycloakServer {
  public static final String REALM = "model-manager";
  public static final String OTHER_REALM = "other-issuer";

  /** The audience the gateway expects, added by the realm's audience mappers. */
  public static final String AUDIENCE = "model-manager-gateway";

  /** The confidential client for client credentials and the password grant. */
  public static final String CI_CLIENT = "model-manager-ci";

  public static final String CI_SECRET = "ci-secret";

  /** A client whose access tokens live one second. */
  public static final String SHORT_CLIENT = "model-manager-short";

  public static final String SHORT_SECRET = "short-secret";

  /** A client whose tokens do not carry the gateway's audience. */
  public static final String OTHER_APP_CLIENT = "other-app";

  public static final String OTHER_APP_SECRET = "other-secret";

  /** The public browser client (authorization code with PKCE). */
  public static final String UI_CLIENT = "model-manager-ui";

  private static final String SHARED = "modelmanager.test.keycloak.";
  private static final String DEFAULT_JAVA_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private KeycloakServer(String url) {
    this.url = url;
  }

  /**
   * The server shared by the whole JVM, started on first use. Its coordinates live in system
   * properties, because Quarkus loads test resources and test classes with different class loaders.
   */
  public static synchronized KeycloakServer shared() {
    String known = System.getProperty(SHARED + "url");
    if (known != null) {
      return new KeycloakServer(known);
    }
    String existing = setting("mm.test.keycloak.url", "MM_TEST_KEYCLOAK_URL");
    KeycloakServer server;
    if (existing != null && !existing.isBlank()) {
      server = new KeycloakServer(stripSlash(existing));
      server.importRealmsIntoExisting();
    } else {
      server = startEmbedded();
    }
    System.setProperty(SHARED + "url", server.url);
    return server;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return url;
  }

  /** The issuer (and {@code quarkus.oidc.auth-server-url}) of {@code realm}. */
  public String issuer(String realm) {
    return url + "/realms/" + realm;
  }

  /** The issuer of {@value #REALM}. */
  public String issuer() {
    return issuer(REALM);
  }

  /** How long the last {@link #shared()} start took in this JVM, if it started one. */
  public static Optional<Duration> startTime() {
    String ms = System.getProperty(SHARED + "start-ms");
    return ms == null ? Optional.empty() : Optional.of(Duration.ofMillis(Long.parseLong(ms)));
  }

  /**
   * An access token for {@code user} (password {@code <user>-password}) via {@value #CI_CLIENT}.
   */
  public String passwordToken(String user) {
    return passwordToken(REALM, CI_CLIENT, CI_SECRET, user, user + "-password");
  }

  /** An access token from the resource-owner password grant. */
  public String passwordToken(
      String realm, String clientId, String secret, String user, String password) {
    return token(
        realm,
        Map.of(
            "grant_type", "password",
            "client_id", clientId,
            "client_secret", secret,
            "username", user,
            "password", password,
            "scope", "openid"));
  }

  /** An access token from the client-credentials grant. */
  public String clientCredentialsToken(String realm, String clientId, String secret) {
    return token(
        realm,
        Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
  }

  private String token(String realm, Map<String, String> form) {
    JsonNode body =
        postForm(issuer(realm) + "/protocol/openid-connect/token", form, null, 200, "token");
    return body.path("access_token").asText();
  }

  private JsonNode postForm(
      String target, Map<String, String> form, String bearer, int expected, String what) {
    String encoded =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encoded));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<String> response = send(request.build());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          what + " request to " + target + " answered " + response.statusCode());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---- realms ----

  /** The test realm: the deploy realm with the test overlay merged in. */
  public static String testRealmJson() {
    try {
      ObjectNode realm = (ObjectNode) JSON.readTree(resource("META-INF/mm-keycloak/realm.json"));
      JsonNode overlay = JSON.readTree(resource("keycloak/test-overlay.json"));
      for (Map.Entry<String, JsonNode> e : overlay.properties()) {
        String key = e.getKey();
        if (key.startsWith("_") || key.equals("clientPatches")) {
          continue;
        }
        if (e.getValue().isArray() && realm.path(key).isArray()) {
          ((ArrayNode) realm.get(key)).addAll((ArrayNode) e.getValue());
        } else {
          realm.set(key, e.getValue());
        }
      }
      JsonNode patches = overlay.path("clientPatches");
      for (JsonNode client : realm.path("clients")) {
        JsonNode patch = patches.path(client.path("clientId").asText());
        for (Map.Entry<String, JsonNode> p : patch.properties()) {
          if (p.getValue().isObject() && client.path(p.getKey()).isObject()) {
            ((ObjectNode) client.get(p.getKey())).setAll((ObjectNode) p.getValue());
          } else {
            ((ObjectNode) client).set(p.getKey(), p.getValue());
          }
        }
      }
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(realm);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The "wrong issuer" realm. */
  public static String otherRealmJson() {
    return resource("keycloak/other-issuer-realm.json");
  }

  private static String resource(String name) {
    try (InputStream in = KeycloakServer.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing: build test-kit with Maven");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void importRealmsIntoExisting() {
    String password = setting("mm.test.keycloak.admin-password", "MM_TEST_KEYCLOAK_ADMIN_PASSWORD");
    if (password == null) {
      return; // the realms must be there already
    }
    String user =
        Optional.ofNullable(setting("mm.test.keycloak.admin-user", "MM_TEST_KEYCLOAK_ADMIN_USER"))
            .orElse("admin");
    String admin =
        postForm(
                issuer("master") + "/protocol/openid-connect/token",
                Map.of(
                    "grant_type",
                    "password",
                    "client_id",
                    "admin-cli",
                    "username",
                    user,
                    "password",
                    password),
                null,
                200,
                "admin token")
            .path("access_token")
            .asText();
    for (String realm : List.of(testRealmJson(), otherRealmJson())) {
      String name = readTree(realm).path("realm").asText();
      HttpResponse<String> found =
          send(
              HttpRequest.newBuilder(URI.create(url + "/admin/realms/" + name))
                  .header("Authorization", "Bearer " + admin)
                  .GET()
                  .build());
      if (found.statusCode() == 200) {
        continue;
      }
      HttpResponse<String> created =
          send(
              HttpRequest.newBuilder(URI.create(url + "/admin/realms"))
                  .header("Authorization", "Bearer " + admin)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(realm))
                  .build());
      if (created.statusCode() != 201) {
        throw new IllegalStateException(
            "importing realm " + name + " answered " + created.statusCode());
      }
    }
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- the embedded server ----

  private static KeycloakServer startEmbedded() {
    long started = System.nanoTime();
    try {
      Path distribution = preparedDistribution();
      Path home = Files.createTempDirectory("mm-keycloak-");
      linkHome(distribution, home);
      copyTree(distribution.resolve("data/h2"), home.resolve("data/h2"));
      int port = freePort();
      Process process = launch(home, port, freePort(), false);
      KeycloakServer server = new KeycloakServer("http://127.0.0.1:" + port);
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> stop(process, home), "mm-keycloak-stop"));
      server.awaitReady(process, home.resolve("keycloak.log"));
      System.setProperty(
          SHARED + "start-ms", Long.toString((System.nanoTime() - started) / 1_000_000));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Keycloak", e);
    }
  }

  /**
   * The options every start uses. Keycloak re-augments its distribution when the build options
   * change, so they are part of the cache folder's name.
   */
  private static List<String> startOptions(int port, int managementPort) {
    if (port == 0) {
      return List.of("start-dev", "--db=dev-file", "--cache=local"); // the build options
    }
    return List.of(
        "start-dev",
        "--http-port=" + port,
        "--http-host=127.0.0.1",
        "--http-management-port=" + managementPort,
        "--db=dev-file",
        "--cache=local");
  }

  private static Process launch(Path home, int port, int managementPort, boolean importRealms)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(home.resolve("bin/kc.sh").toString());
    cmd.addAll(startOptions(port, managementPort));
    if (importRealms) {
      cmd.add("--import-realm");
    }
    ProcessBuilder builder =
        new ProcessBuilder(cmd)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("keycloak.log").toFile());
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", javaHome());
    env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
    env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", UUID.randomUUID().toString());
    env.remove("KC_DB");
    return builder.start();
  }

  private void awaitReady(Process process, Path log) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Keycloak exited with " + process.exitValue() + "; " + tail(log));
      }
      if (realmAnswers(REALM) && realmAnswers(OTHER_REALM)) {
        return;
      }
      sleep(250);
    }
    throw new IllegalStateException("Keycloak not ready after " + START_TIMEOUT + "; " + tail(log));
  }

  /** The end of a log, for a failure message. */
  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return log
          + " ends with:\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "see " + log;
    }
  }

  private boolean realmAnswers(String realm) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(issuer(realm) + "/.well-known/openid-configuration"))
                  .timeout(Duration.ofSeconds(5))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void stop(Process process, Path home) {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
    deleteQuietly(home);
  }

  /**
   * The unpacked distribution, augmented for {@link #startOptions} and with both realms imported
   * into its development database ({@code data/h2}), prepared once per version, options and realm
   * content: the first start runs {@code start-dev --import-realm} in the shared folder itself
   * (under a file lock), later servers copy its database and skip schema creation and import.
   */
  private static Path preparedDistribution() throws IOException {
    Path zip = distributionZip();
    String version = zip.getFileName().toString().replaceAll("^keycloak-quarkus-dist-|\\.zip$", "");
    String key =
        Integer.toHexString(
            (String.join(" ", startOptions(0, 0)) + testRealmJson() + otherRealmJson()).hashCode());
    Path cache = cacheDir();
    Files.createDirectories(cache);
    Path dist = cache.resolve("keycloak-" + version + "-" + key);
    Path ready = dist.resolve(".mm-prepared");
    if (Files.exists(ready)) {
      return dist;
    }
    try (FileChannel channel =
            FileChannel.open(
                cache.resolve(dist.getFileName() + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      if (Files.exists(ready)) {
        return dist;
      }
      deleteQuietly(dist);
      Path unpacking = cache.resolve(dist.getFileName() + ".tmp-" + UUID.randomUUID());
      unzip(zip, unpacking);
      Path imports = Files.createDirectories(unpacking.resolve("data/import"));
      Files.writeString(imports.resolve(REALM + ".json"), testRealmJson());
      Files.writeString(imports.resolve(OTHER_REALM + ".json"), otherRealmJson());
      Files.move(unpacking, dist, StandardCopyOption.ATOMIC_MOVE);
      prepare(dist);
      Files.writeString(ready, version);
      return dist;
    }
  }

  /**
   * Runs {@code start-dev --import-realm} once in the distribution itself: it augments the
   * distribution for these options, creates the database and imports the realms; once both realms
   * answer it is stopped (cleanly, so the database file is complete) and only the database stays.
   */
  private static void prepare(Path dist) throws IOException {
    int port = freePort();
    Process process = launch(dist, port, freePort(), true);
    KeycloakServer probe = new KeycloakServer("http://127.0.0.1:" + port);
    try {
      probe.awaitReady(process, dist.resolve("keycloak.log"));
    } finally {
      List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
      all.add(process.toHandle());
      all.forEach(ProcessHandle::destroy);
      all.forEach(p -> p.onExit().join());
    }
    try (Stream<Path> data = Files.list(dist.resolve("data"))) {
      for (Path p : data.toList()) {
        if (!p.getFileName().toString().equals("h2")) {
          deleteQuietly(p);
        }
      }
    }
    if (!Files.isDirectory(dist.resolve("data/h2"))) {
      throw new IllegalStateException("Keycloak left no database in " + dist.resolve("data"));
    }
  }

  /**
   * A home of its own: {@code bin} and {@code conf} copied (kc.sh finds its home from its own
   * path), the rest linked to the prepared distribution, {@code data} empty.
   */
  private static void linkHome(Path dist, Path home) throws IOException {
    try (Stream<Path> entries = Files.list(dist)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (name.equals("data") || name.startsWith(".") || name.equals("keycloak.log")) {
          continue;
        }
        if (name.equals("bin") || name.equals("conf")) {
          copyTree(entry, home.resolve(name));
        } else {
          Files.createSymbolicLink(home.resolve(name), entry);
        }
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void unzip(Path zip, Path into) throws IOException {
    Files.createDirectories(into);
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        String name = entry.getName();
        int slash = name.indexOf('/');
        String inner = slash < 0 ? "" : name.substring(slash + 1); // strip keycloak-<v>/
        if (inner.isEmpty()) {
          continue;
        }
        Path target = into.resolve(inner).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("zip entry outside the target: " + name);
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          if (inner.startsWith("bin/") && inner.endsWith(".sh")) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
          }
        }
      }
    }
  }

  private static Path distributionZip() {
    String override = setting("mm.test.keycloak.dist", "MM_TEST_KEYCLOAK_DIST");
    Path zip =
        Path.of(override != null ? override : resource("META-INF/mm-keycloak/dist.path").trim());
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException("the Keycloak distribution is missing: " + zip);
    }
    return zip;
  }

  private static Path cacheDir() {
    String dir = setting("mm.test.keycloak.cache", "MM_TEST_KEYCLOAK_CACHE");
    return dir != null
        ? Path.of(dir)
        : Path.of(System.getProperty("user.home"), ".cache", "model-manager", "keycloak");
  }

  private static String javaHome() {
    String home = setting("mm.test.keycloak.java-home", "MM_TEST_KEYCLOAK_JAVA_HOME");
    if (home != null) {
      return home;
    }
    if (Files.isDirectory(Path.of(DEFAULT_JAVA_HOME))) {
      return DEFAULT_JAVA_HOME;
    }
    if (Runtime.version().feature() >= 21) {
      return System.getProperty("java.home");
    }
    throw new IllegalStateException(
        "Keycloak needs Java 21 or later: install Temurin 25 at "
            + DEFAULT_JAVA_HOME
            + " or set MM_TEST_KEYCLOAK_JAVA_HOME");
  }

  private static String setting(String property, String env) {
    String value = System.getProperty(property);
    return value != null ? value : System.getenv(env);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      // Files.walk does not follow links: a linked home never reaches into the distribution.
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // best effort
                }
              });
    } catch (IOException ignored) {
      // best effort
    }
  }

  private static void sleep(long ms) {
    try {
      // The launcher's pause between probes of the Keycloak process (not a test's wait).
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Claims of a token's payload, without verifying it (for tests that craft tokens). */
  public static Map<String, Object> unverifiedClaims(String jwt) {
    String[] parts = jwt.split("\\.");
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> claims =
          JSON.readValue(java.util.Base64.getUrlDecoder().decode(parts[1]), LinkedHashMap.class);
      return claims;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
