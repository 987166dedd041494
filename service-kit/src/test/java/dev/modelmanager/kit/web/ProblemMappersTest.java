package dev.modelmanager.kit.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** Every failure a resource can meet answers an RFC 9457 problem with the request id. */
@QuarkusTest
@TestProfile(KitTestProfile.class)
class ProblemMappersTest {
  private static final String PROBLEMS = "https://modelmanager.dev/problems/";

  @Test
  void beanValidationListsEveryBadFieldSortedWithItsPath() {
    given()
        .header("X-Request-ID", "val-1")
        .contentType("application/json")
        .body("{\"repo\":\" \",\"count\":0,\"items\":[{\"name\":\"a\"},{\"name\":\"\"}]}")
        .post("/test/probe")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .header("X-Request-ID", "val-1")
        .body("type", equalTo(PROBLEMS + "validation"))
        .body("detail", equalTo("3 fields are invalid"))
        .body("errors.field", contains("count", "items[1].name", "repo"))
        .body("errors.message", not(contains((Object) null)))
        .body("instance", equalTo("/test/probe"))
        .body("requestId", equalTo("val-1"));
  }

  @Test
  void aSingleBadQueryParameterIsNamedInTheDetail() {
    given()
        .queryParam("limit", 11)
        .get("/test/probe/3")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("limit"))
        .body("detail", containsString("limit: "));
  }

  @Test
  void aMissingBodyIsAValidationProblem() {
    given()
        .contentType("application/json")
        .post("/test/probe")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "validation"));
  }

  @Test
  void malformedJsonSaysWhereItBroke() {
    given()
        .contentType("application/json")
        .body("{\"repo\": \"a\",\n \"count\": }")
        .post("/test/probe")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "malformed-json"))
        .body("detail", containsString("line 2"));
  }

  @Test
  void aValueOfTheWrongTypeNamesTheFieldAndTheExpectedType() {
    given()
        .contentType("application/json")
        .body("{\"repo\":\"a\",\"count\":\"many\"}")
        .post("/test/probe")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "validation"))
        .body("errors[0].field", equalTo("count"))
        .body("errors[0].message", equalTo("expected Integer"));
  }

  @Test
  void aWrongTypeInsideAListNamesTheElement() {
    given()
        .contentType("application/json")
        .body("{\"repo\":\"a\",\"count\":1,\"items\":[{\"name\":\"x\"},\"nope\"]}")
        .post("/test/probe")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("items[1]"));
  }

  @Test
  void anUnsupportedMediaTypeIs415() {
    given()
        .contentType("text/plain")
        .body("repo=a")
        .post("/test/probe")
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "unsupported-media-type"));
  }

  @Test
  void aWrongMethodIs405NamingTheRefusedMethodWithoutAnEmptyAllowHeader() {
    given()
        .delete("/test/probe/1")
        .then()
        .statusCode(405)
        .contentType("application/problem+json")
        .header("Allow", nullValue())
        .body("type", equalTo(PROBLEMS + "method-not-allowed"))
        .body("detail", equalTo("DELETE is not allowed on /test/probe/1"));
  }

  @Test
  void anUnknownPathIs404() {
    given()
        .header("X-Request-ID", "nf-9")
        .get("/api/v1/nothing")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "not-found"))
        .body("instance", equalTo("/api/v1/nothing"))
        .body("requestId", equalTo("nf-9"));
  }

  @Test
  void aPathParameterThatIsNotANumberIs404NotA500() {
    given().get("/test/probe/abc").then().statusCode(404).contentType("application/problem+json");
  }

  @Test
  void anUnacceptableAcceptHeaderIs406() {
    given()
        .accept("application/xml")
        .get("/test/probe/1")
        .then()
        .statusCode(406)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "not-acceptable"));
  }

  @Test
  void aProblemExceptionKeepsItsTypeAndDetail() {
    given()
        .get("/test/probe/conflict")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "conflict"))
        .body("detail", equalTo("org/model is already being installed"));
  }

  @Test
  void anUnexpectedFailureIs500WithTheRequestIdAndNoInternalDetail() {
    given()
        .header("X-Request-ID", "crash-1")
        .get("/test/probe/crash")
        .then()
        .statusCode(500)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "internal"))
        .body("detail", containsString("crash-1"))
        .body(not(containsString("internal-detail-42")))
        .body(not(containsString("IllegalStateException")));
  }

  @Test
  void everyResponseCarriesARequestId() {
    given().get("/test/probe/1").then().statusCode(200).header("X-Request-ID", notNullValue());
    given()
        .header("X-Request-ID", "ok-1")
        .get("/test/probe/1")
        .then()
        .header("X-Request-ID", "ok-1");
  }

  @Test
  void aMalformedRequestIdIsReplacedNotEchoed() {
    given()
        .header("X-Request-ID", "bad id <script>")
        .get("/test/probe/1")
        .then()
        .header("X-Request-ID", not(containsString("script")));
  }
}
