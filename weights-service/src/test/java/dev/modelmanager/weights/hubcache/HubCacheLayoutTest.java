package dev.modelmanager.weights.hubcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.weights.domain.PlannedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubCacheLayoutTest {
  private static final RepoId REPO = RepoId.parse("org/model");
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path root;

  @Test
  void publishesASnapshotOfRelativeLinksIntoBlobs() throws Exception {
    HubCacheLayout layout = new HubCacheLayout(root);
    String a = "a".repeat(64);
    String b = "b".repeat(40);
    Files.createDirectories(layout.blob(REPO, a).getParent());
    Files.writeString(layout.incomplete(REPO, a), "weights");
    layout.promote(REPO, a);
    Files.writeString(layout.blob(REPO, b), "{}");
    layout.publishSnapshot(
        REPO,
        COMMIT,
        List.of(
            new PlannedFile("model.safetensors", 7, a, true),
            new PlannedFile("sub/dir/config.json", 2, b, false)));
    layout.writeRef(REPO, "main", COMMIT);

    Path repo = root.resolve("models--org--model");
    Path link = repo.resolve("snapshots").resolve(COMMIT).resolve("sub/dir/config.json");
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("../../../../blobs/" + b));
    assertThat(Files.readString(link)).isEqualTo("{}");
    assertThat(
            Files.readString(
                repo.resolve("snapshots").resolve(COMMIT).resolve("model.safetensors")))
        .isEqualTo("weights");
    assertThat(Files.readString(repo.resolve("refs/main"))).isEqualTo(COMMIT);
    assertThat(repo.resolve(".mm-staging")).doesNotExist();

    var scan = layout.scan();
    assertThat(scan).hasSize(1);
    assertThat(scan.get(0).snapshots().get(0).complete()).isTrue();

    layout.deleteSnapshot(REPO, COMMIT);
    assertThat(repo.resolve("refs/main")).doesNotExist();
  }

  @Test
  void overwritingASnapshotSwapsItAtomicallyUnderAReader() throws Exception {
    HubCacheLayout layout = new HubCacheLayout(root);
    String a = "a".repeat(64);
    String b = "b".repeat(40);
    Files.createDirectories(layout.blob(REPO, a).getParent());
    Files.writeString(layout.blob(REPO, a), "weights");
    Files.writeString(layout.blob(REPO, b), "{}");
    List<PlannedFile> v1 = List.of(new PlannedFile("model.safetensors", 7, a, true));
    List<PlannedFile> v2 =
        List.of(
            new PlannedFile("model.safetensors", 7, a, true),
            new PlannedFile("sub/config.json", 2, b, false));
    layout.publishSnapshot(REPO, COMMIT, v1);
    Path snapshot = layout.snapshot(REPO, COMMIT);

    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    CompletableFuture<String> reader =
        CompletableFuture.supplyAsync(
            () -> {
              while (!stop.get()) {
                try {
                  if (!Files.readString(snapshot.resolve("model.safetensors")).equals("weights")) {
                    return "wrong content";
                  }
                  var scan = layout.scan().get(0).snapshots().get(0);
                  if (!scan.complete() || scan.files().size() < 1) {
                    return "incomplete snapshot " + scan;
                  }
                  reads.incrementAndGet();
                } catch (Exception e) {
                  return "reader saw " + e;
                }
              }
              return null;
            });
    for (int i = 0; i < 200; i++) {
      layout.publishSnapshot(REPO, COMMIT, i % 2 == 0 ? v2 : v1);
    }
    stop.set(true);
    assertThat(reader.get(30, TimeUnit.SECONDS)).isNull();
    assertThat(reads.get()).isPositive();

    Path repo = root.resolve("models--org--model");
    assertThat(Files.isSymbolicLink(snapshot)).isTrue();
    assertThat(Files.readString(snapshot.resolve("model.safetensors"))).isEqualTo("weights");
    assertThat(repo.resolve(".mm-staging")).doesNotExist();
    // Replaced trees stay for readers still listing them, and go once they are old.
    Path live = snapshot.getParent().resolve(Files.readSymbolicLink(snapshot)).normalize();
    try (var trees = Files.list(repo.resolve(".mm-trees"))) {
      for (Path tree : trees.toList()) {
        if (!tree.equals(live)) {
          Files.setLastModifiedTime(tree, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        }
      }
    }
    assertThat(layout.cleanAfterCrash()).isEqualTo(200);
    try (var trees = Files.list(repo.resolve(".mm-trees"))) {
      assertThat(trees.toList()).containsExactly(live);
    }

    layout.deleteSnapshot(REPO, COMMIT);
    assertThat(snapshot).doesNotExist();
    assertThat(live).as("the tree goes with its snapshot").doesNotExist();
  }

  @Test
  void aSnapshotFolderOfAnEarlierVersionIsReplacedAndOrphanTreesAreCleaned() throws Exception {
    HubCacheLayout layout = new HubCacheLayout(root);
    String a = "a".repeat(64);
    Files.createDirectories(layout.blob(REPO, a).getParent());
    Files.writeString(layout.blob(REPO, a), "weights");
    Path snapshot = layout.snapshot(REPO, COMMIT);
    Files.createDirectories(snapshot);
    Files.createSymbolicLink(snapshot.resolve("model.safetensors"), Path.of("../../blobs/" + a));
    assertThat(layout.scan().get(0).snapshots().get(0).complete()).isTrue();

    layout.publishSnapshot(REPO, COMMIT, List.of(new PlannedFile("model.safetensors", 7, a, true)));
    assertThat(Files.isSymbolicLink(snapshot)).isTrue();
    assertThat(Files.readString(snapshot.resolve("model.safetensors"))).isEqualTo("weights");

    Path repo = root.resolve("models--org--model");
    Path orphan = repo.resolve(".mm-trees").resolve(COMMIT + ".crashed");
    Files.createDirectories(orphan);
    Path fresh = repo.resolve(".mm-trees").resolve(COMMIT + ".being-published");
    Files.createDirectories(fresh);
    Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    layout.cleanAfterCrash();
    assertThat(orphan).as("an old tree no snapshot points to").doesNotExist();
    assertThat(fresh).as("maybe another replica's, about to be swapped in").exists();
    assertThat(Files.readString(snapshot.resolve("model.safetensors"))).isEqualTo("weights");
  }

  @Test
  void refusesNamesThatLeaveTheFolder() {
    HubCacheLayout layout = new HubCacheLayout(root);
    assertThatThrownBy(() -> layout.blob(REPO, "../../x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layout.snapshot(REPO, "../x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HubCacheLayout.inside(root, "../x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layout.writeRef(REPO, "../../evil", COMMIT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void startUpRemovesWhatACrashLeftHalfDoneButKeepsPartialBlobs() throws Exception {
    HubCacheLayout layout = new HubCacheLayout(root);
    Path repo = root.resolve("models--org--model");
    Path staging = repo.resolve(".mm-staging").resolve("interrupted");
    Files.createDirectories(staging.resolve("sub"));
    Files.createSymbolicLink(staging.resolve("sub/config.json"), Path.of("../../../blobs/x"));
    Files.createDirectories(repo.resolve("refs"));
    Files.writeString(repo.resolve("refs/.main.1234.tmp"), COMMIT);
    String partial = "c".repeat(64);
    Files.createDirectories(layout.blob(REPO, partial).getParent());
    Files.writeString(layout.incomplete(REPO, partial), "part");
    layout.writeRef(REPO, "main", COMMIT);

    assertThat(layout.cleanAfterCrash()).isEqualTo(2);

    assertThat(repo.resolve(".mm-staging")).doesNotExist();
    assertThat(repo.resolve("refs/.main.1234.tmp")).doesNotExist();
    assertThat(repo.resolve("refs/main")).hasContent(COMMIT);
    assertThat(layout.incomplete(REPO, partial)).as("resumable").exists();
  }
}
