package dev.modelmanager.discovery.gpus;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of a node agent report, at the edge it allows and one step past it. */
@QuarkusTest
@TestProfile(LocalGpuProfile.class)
class GpuReportValidationTest {

  static Stream<Arguments> rules() {
    return Stream.of(
        rule(
            "node is a DNS-1123 subdomain",
            body("gpu-node-1.zone-a", gpu()),
            body("GPU_Node", gpu()),
            "node"),
        rule(
            "node is at most 253 characters",
            body("a".repeat(253), gpu()),
            body("a".repeat(254), gpu()),
            "node"),
        rule("node is required", body("n1", gpu()), "{\"gpus\": [" + gpu() + "]}", "node"),
        rule(
            "product is not blank",
            body("n2", gpu("NVIDIA L4")),
            body("n2", gpu("  ")),
            "gpus[0].product"),
        rule(
            "product is at most 128 characters",
            body("n3", gpu("p".repeat(128))),
            body("n3", gpu("p".repeat(129))),
            "gpus[0].product"),
        rule(
            "count is at most 64",
            body("n4", entry("\"memoryMiB\": 23034, \"count\": 64")),
            body("n4", entry("\"memoryMiB\": 23034, \"count\": 65")),
            "gpus[0].count"),
        rule(
            "count is at least 1",
            body("n5", entry("\"memoryMiB\": 23034, \"count\": 1")),
            body("n5", entry("\"memoryMiB\": 23034, \"count\": 0")),
            "gpus[0].count"),
        rule(
            "memory in bytes alone will do",
            body("n6", entry("\"memoryBytes\": 24152899584, \"count\": 1")),
            body("n6", entry("\"count\": 1")),
            "gpus[0].memoryMiB"),
        rule(
            "memory is positive",
            body("n7", entry("\"memoryMiB\": 1, \"count\": 1")),
            body("n7", entry("\"memoryMiB\": 0, \"count\": 1")),
            "gpus[0].memoryMiB"),
        rule(
            "memoryMiB and memoryBytes agree",
            body("n8", entry("\"memoryMiB\": 23034, \"memoryBytes\": 24152899584, \"count\": 1")),
            body("n8", entry("\"memoryMiB\": 23034, \"memoryBytes\": 24000000000, \"count\": 1")),
            "gpus[0].memoryBytes"),
        rule(
            "used is at most count",
            body("n9", entry("\"memoryMiB\": 23034, \"count\": 2, \"used\": 2")),
            body("n9", entry("\"memoryMiB\": 23034, \"count\": 2, \"used\": 3")),
            "gpus[0].used"),
        rule("at most 16 kinds of GPU", body("n10", kinds(16)), body("n10", kinds(17)), "gpus"),
        rule("at least one GPU", body("n11", gpu()), body("n11", ""), "gpus"),
        rule(
            "a kind of GPU is listed once",
            body("n12", gpu("NVIDIA L4") + "," + gpu("NVIDIA A10")),
            body("n12", gpu("NVIDIA L4") + "," + gpu("NVIDIA L4")),
            "gpus[1]"),
        rule(
            "label values are at most 63 characters",
            labelled("v".repeat(63)),
            labelled("v".repeat(64)),
            "labels.team"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void aReportAtTheEdgeIsAcceptedAndOneStepPastItIsAProblemNamingTheField(
      String rule, String good, String bad, String field) {
    GpuReportsTest.post(good).statusCode(200);
    GpuReportsTest.post(bad)
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors", hasSize(1))
        .body("errors[0].field", equalTo(field));
  }

  private static Arguments rule(String rule, String good, String bad, String field) {
    return Arguments.of(rule, good, bad, field);
  }

  private static String body(String node, String gpus) {
    return "{\"node\": \"" + node + "\", \"gpus\": [" + gpus + "]}";
  }

  private static String labelled(String value) {
    return "{\"node\": \"n13\", \"gpus\": ["
        + gpu()
        + "], \"labels\": {\"team\": \""
        + value
        + "\"}}";
  }

  private static String gpu() {
    return gpu("NVIDIA L4");
  }

  private static String gpu(String product) {
    return "{\"product\": \"" + product + "\", \"memoryMiB\": 23034, \"count\": 1}";
  }

  private static String entry(String fields) {
    return "{\"product\": \"NVIDIA L4\", " + fields + "}";
  }

  private static String kinds(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> gpu("GPU model " + i))
        .collect(Collectors.joining(","));
  }
}
