package dev.modelmanager.gateway.preferences;

import static dev.modelmanager.gateway.TestAuth.as;
import static dev.modelmanager.gateway.TestAuth.token;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.modelmanager.gateway.notify.NotifyTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/me/preferences}: per person, validated, readable and writable by viewers. */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class PreferencesTest {
  private static final String PATH = "/api/v1/me/preferences";

  @Test
  void aViewerWhoNeverSavedGetsTheDefaultsThenWhatTheySaved() {
    // A viewer token with a scope unrelated to preferences: its own preferences need none.
    String viewer = token(person("vera"), "viewer", List.of("weights:read"));
    as(viewer)
        .get(PATH)
        .then()
        .statusCode(200)
        .body("favorites", empty())
        .body("theme", equalTo("system"))
        .body("defaultGpuPool", nullValue())
        .body("updatedAt", nullValue());

    as(viewer)
        .contentType("application/json")
        .body(
            Map.of(
                "favorites",
                List.of(
                    "Qwen/Qwen2.5-7B-Instruct",
                    "meta-llama/Llama-3.1-8B",
                    "Qwen/Qwen2.5-7B-Instruct"),
                "defaultGpuPool",
                "l4",
                "defaultLocation",
                "fast-nvme",
                "theme",
                "dark"))
        .put(PATH)
        .then()
        .statusCode(200)
        .body("favorites", contains("Qwen/Qwen2.5-7B-Instruct", "meta-llama/Llama-3.1-8B"))
        .body("updatedAt", notNullValue());

    as(viewer)
        .get(PATH)
        .then()
        .statusCode(200)
        .body("favorites", contains("Qwen/Qwen2.5-7B-Instruct", "meta-llama/Llama-3.1-8B"))
        .body("defaultGpuPool", equalTo("l4"))
        .body("defaultLocation", equalTo("fast-nvme"))
        .body("theme", equalTo("dark"));

    // A PUT replaces the whole set: what it leaves out goes back to its default.
    as(viewer)
        .contentType("application/json")
        .body(Map.of("theme", "light"))
        .put(PATH)
        .then()
        .statusCode(200);
    as(viewer)
        .get(PATH)
        .then()
        .body("favorites", empty())
        .body("defaultLocation", nullValue())
        .body("theme", equalTo("light"));
  }

  @Test
  void preferencesBelongToThePersonNotToOneToken() {
    String owner = person("pat");
    String first = token(owner, "viewer", List.of("weights:read"));
    String second = token(owner, "operator", List.of("deploy:write"));
    String someoneElse = token(person("sam"), "viewer", List.of("weights:read"));
    as(first)
        .contentType("application/json")
        .body(Map.of("favorites", List.of("org/model-a"), "theme", "dark"))
        .put(PATH)
        .then()
        .statusCode(200);

    as(second).get(PATH).then().body("favorites", contains("org/model-a"));
    as(someoneElse).get(PATH).then().body("favorites", empty()).body("theme", equalTo("system"));
  }

  @Test
  void theDrawersReadMarkIsKeptForThePersonAcrossTokens() {
    String owner = person("rae");
    String tab = token(owner, "viewer", List.of("weights:read"));
    String otherBrowser = token(owner, "viewer", List.of("events:read"));
    as(tab).get(PATH).then().statusCode(200).body("lastSeenEventAt", nullValue());

    as(tab)
        .contentType("application/json")
        .body(Map.of("theme", "dark", "lastSeenEventAt", "2026-11-30T10:15:30.123Z"))
        .put(PATH)
        .then()
        .statusCode(200)
        .body("lastSeenEventAt", equalTo("2026-11-30T10:15:30.123Z"));
    as(otherBrowser)
        .get(PATH)
        .then()
        .body("lastSeenEventAt", equalTo("2026-11-30T10:15:30.123Z"))
        .body("theme", equalTo("dark"));

    as(tab)
        .contentType("application/json")
        .body(Map.of("lastSeenEventAt", "yesterday"))
        .put(PATH)
        .then()
        .statusCode(400)
        .contentType(containsString("application/problem+json"));
    as(otherBrowser).get(PATH).then().body("lastSeenEventAt", equalTo("2026-11-30T10:15:30.123Z"));
  }

  @Test
  void badInputIsAProblemNamingTheFieldAndNothingIsStored() {
    String viewer = token(person("bo"), "viewer", List.of("weights:read"));
    as(viewer)
        .contentType("application/json")
        .body(Map.of("favorites", List.of("org/ok", "not-a-repo-id"), "theme", "dark"))
        .put(PATH)
        .then()
        .statusCode(400)
        .contentType(containsString("application/problem+json"))
        .body("errors.field", hasItem(containsString("favorites")));
    as(viewer)
        .contentType("application/json")
        .body(Map.of("theme", "neon"))
        .put(PATH)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem(containsString("theme")));
    as(viewer)
        .contentType("application/json")
        .body(Map.of("favorites", List.of("../../etc/passwd")))
        .put(PATH)
        .then()
        .statusCode(400);
    as(viewer)
        .contentType("application/json")
        .body(Map.of("defaultLocation", "a b;drop"))
        .put(PATH)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem(containsString("defaultLocation")));
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i <= PreferencesRequest.MAX_FAVORITES; i++) {
      tooMany.add("org/m" + i);
    }
    Map<String, Object> body = new HashMap<>();
    body.put("favorites", tooMany);
    as(viewer).contentType("application/json").body(body).put(PATH).then().statusCode(400);
    as(viewer).contentType("application/json").body("{not json").put(PATH).then().statusCode(400);
    as(viewer).contentType("application/json").put(PATH).then().statusCode(400);

    as(viewer).get(PATH).then().body("updatedAt", nullValue()).body("theme", equalTo("system"));
  }

  @Test
  void withoutACredentialItIs401() {
    RestAssured.given().get(PATH).then().statusCode(401);
    RestAssured.given()
        .contentType("application/json")
        .body(Map.of("theme", "dark"))
        .put(PATH)
        .then()
        .statusCode(401);
  }

  private static String person(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
