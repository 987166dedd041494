package dev.modelmanager.weights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.weights.store.PartStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ENOSPC in the middle of a download ({@link FullDiskFiles} throws the JDK's own "No space left on
 * device"): the job fails as STORAGE_FULL without retrying it as a transfer failure, its partial
 * files and persisted ranges are gone, nothing is published, and a retry once space is freed
 * installs a verified snapshot.
 */
@QuarkusTest
@TestProfile(WeightsTestProfile.class)
class DiskFullTest {
  private static final Duration MINUTE = Duration.ofSeconds(60);
  private static final long MIB = 1 << 20;

  @Inject PartStore parts;

  @AfterEach
  void freeTheDisk() {
    FullDiskFiles.spaceLeft(Long.MAX_VALUE);
  }

  @Test
  void aFullDiskFailsAsStorageFullCleansUpAndTheRetryInstallsOnceSpaceIsFreed() throws Throwable {
    FullDiskFiles.spaceLeft(MIB + 12345);
    String id = Installs.start("{\"repo\": \"mm-test/disk-full\"}");

    JsonPath failed = Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED");
    assertThat(failed.getString("state")).as(failed.prettify()).isEqualTo("FAILED");
    assertThat(failed.getString("error.type")).as(failed.prettify()).endsWith("/storage-full");
    assertThat(failed.getString("error.detail")).contains("ran out of space");
    assertThat(failed.getInt("error.status")).isEqualTo(507);
    String blob = failed.getString("progress.files.find { it.path == 'model.safetensors' }.blob");
    assertThat(blob).isNotNull();

    Path repo = WeightsHubResource.root().resolve("main").resolve(FullDiskFiles.REPO_FOLDER);
    assertThat(repo.resolve("snapshots")).as("nothing published").doesNotExist();
    assertThat(blobFiles(repo))
        .as("the partial file is deleted")
        .noneMatch(n -> n.startsWith(blob));
    assertThat(VertxContextSupport.subscribeAndAwait(() -> parts.done("main", blob)))
        .as("no persisted range points into a deleted file")
        .isEmpty();
    assertThat(
            HubAdmin.requests("/mm-test/disk-full/model.safetensors").stream()
                .filter(r -> r.path("path").asText().startsWith("/cdn/"))
                .filter(r -> r.path("range").asText("").startsWith("bytes=")))
        .as("a full disk is not retried like a broken transfer: each part asked for once at most")
        .hasSizeLessThanOrEqualTo(4);

    FullDiskFiles.spaceLeft(Long.MAX_VALUE);
    given().post("/api/v1/weights/installs/" + id + "/retry").then().statusCode(202);
    JsonPath done = Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED");
    assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
    Path model =
        repo.resolve("snapshots").resolve(done.getString("commit")).resolve("model.safetensors");
    assertThat(Files.size(model)).isEqualTo(4 * MIB);
    assertThat(blobFiles(repo)).contains(blob).noneMatch(n -> n.endsWith(".incomplete"));
  }

  private static List<String> blobFiles(Path repo) throws Exception {
    if (!Files.isDirectory(repo.resolve("blobs"))) {
      return List.of();
    }
    try (var files = Files.list(repo.resolve("blobs"))) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
