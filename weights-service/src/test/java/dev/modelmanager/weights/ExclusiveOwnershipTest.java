package dev.modelmanager.weights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.engine.JobRunner;
import dev.modelmanager.weights.store.InstallJobStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One writer per job and per blob set, whatever replicas and requests race. */
@QuarkusTest
@TestProfile(WeightsTestProfile.class)
class ExclusiveOwnershipTest {
  private static final Duration MINUTE = Duration.ofSeconds(60);

  @Inject JobRunner runner;
  @Inject InstallJobStore jobs;

  @AfterEach
  void resume() {
    runner.pauseForTest(false);
    HubAdmin.clearFaults();
  }

  @Test
  void concurrentRequestsForABranchAndItsCommitShareOneJob() throws Exception {
    slowDown("shared");
    String sha = HubAdmin.commitOf("mm-test/shared");
    CompletableFuture<Response> byBranch =
        CompletableFuture.supplyAsync(() -> post("{\"repo\": \"mm-test/shared\"}"));
    CompletableFuture<Response> byCommit =
        CompletableFuture.supplyAsync(
            () -> post("{\"repo\": \"mm-test/shared\", \"revision\": \"" + sha + "\"}"));

    List<Response> both = List.of(byBranch.get(), byCommit.get());

    assertThat(both).extracting(Response::statusCode).containsExactlyInAnyOrder(200, 202);
    assertThat(both).extracting(r -> r.jsonPath().getString("id")).containsOnly(id(both));
    assertThat(both)
        .allSatisfy(r -> assertThat(r.header("Location")).endsWith("/installs/" + id(both)));
    HubAdmin.clearFaults();
    assertThat(Installs.awaitState(id(both), MINUTE, "SUCCEEDED", "FAILED").getString("state"))
        .isEqualTo("SUCCEEDED");
  }

  @Test
  void aReplicaCutOffFromItsDatabaseStopsBeforeItsLeaseEndsAndCannotWriteAfterATakeOver() {
    slowDown("fenced");
    String id = Installs.start("{\"repo\": \"mm-test/fenced\"}");
    UUID job = UUID.fromString(id);
    Installs.awaitState(id, MINUTE, "DOWNLOADING");
    await().atMost(MINUTE).until(() -> runner.runsHere(job));
    long epoch = find(job).leaseEpoch;

    runner.pauseForTest(true); // no heartbeat, no claim: as if the database were unreachable
    // The last renewal is in: the deadline this replica keeps is before the database's lease end.
    await().pollDelay(Duration.ofSeconds(1)).atMost(MINUTE).until(() -> true);
    Instant givesUp = runner.givesUpAt(job).orElseThrow();
    assertThat(givesUp)
        .as("the worker gives the job up while its lease still holds")
        .isBefore(find(job).leaseUntil);
    await().atMost(MINUTE).until(() -> !runner.actsFor(job));

    await().atMost(MINUTE).until(() -> !runner.runsHere(job));
    InstallJob takenOver =
        await()
            .atMost(MINUTE)
            .until(
                () -> sync(() -> jobs.claim("replica-b", Duration.ofMinutes(1))),
                Optional::isPresent)
            .orElseThrow();
    assertThat(takenOver.id).isEqualTo(job);
    assertThat(takenOver.leaseEpoch).isEqualTo(epoch + 1);
    InstallJob atTakeOver = find(job);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> find(job).updatedAt.equals(atTakeOver.updatedAt));

    // replica-b hands the job back; this replica resumes it under a new epoch and finishes.
    sync(() -> jobs.release(job, "replica-b", takenOver.leaseEpoch));
    HubAdmin.clearFaults();
    runner.pauseForTest(false);
    assertThat(Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED").getString("state"))
        .isEqualTo("SUCCEEDED");
    assertThat(find(job).leaseEpoch).isGreaterThan(takenOver.leaseEpoch);
  }

  @Test
  void aJobThatKeepsCrashingItsReplicaFailsWithThatReason() {
    slowDown("poison");
    String id = Installs.start("{\"repo\": \"mm-test/poison\"}");
    UUID job = UUID.fromString(id);
    for (int crash = 1; crash <= 3; crash++) {
      int before = crash - 1;
      await().atMost(MINUTE).until(() -> runner.runsHere(job) && find(job).crashes == before);
      runner.abandonAllForCrashTest(); // the replica dies without a word; its lease runs out
      await().atMost(MINUTE).until(() -> !runner.runsHere(job));
      int expected = crash;
      await().atMost(MINUTE).until(() -> find(job).crashes >= expected);
    }
    var failed = Installs.awaitState(id, MINUTE, "FAILED");
    assertThat(failed.getString("error.detail")).contains("interrupted 3 times");
  }

  private InstallJob find(UUID id) {
    return sync(() -> jobs.find(id)).orElseThrow();
  }

  private static String id(List<Response> responses) {
    return responses.get(0).jsonPath().getString("id");
  }

  private static Response post(String body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/weights/installs")
        .then()
        .extract()
        .response();
  }

  /** Every transfer of the repo stalls after 1 MiB until the faults are cleared. */
  private static void slowDown(String repo) {
    HubAdmin.faults(
        "{\"type\": \"stall\", \"afterBytes\": 1048576, \"ms\": 30000, \"path\":"
            + " \"/cdn/**/mm-test/"
            + repo
            + "/**\"}");
  }

  private static <T> T sync(Supplier<io.smallrye.mutiny.Uni<T>> work) {
    try {
      return VertxContextSupport.subscribeAndAwait(work);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
