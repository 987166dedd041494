package dev.modelmanager.weights.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DownloadPlannerTest {
  private static final String SHA1 = "a".repeat(40);

  private static TreeEntry lfs(String path, char hash) {
    return new TreeEntry("file", path, 100, SHA1, String.valueOf(hash).repeat(64));
  }

  private static TreeEntry small(String path) {
    return new TreeEntry("file", path, 10, SHA1, null);
  }

  private static final List<TreeEntry> TREE =
      List.of(
          small("config.json"),
          new TreeEntry("directory", "original", 0, SHA1, null),
          lfs("model-00001-of-00002.safetensors", 'b'),
          lfs("model-00002-of-00002.safetensors", 'c'),
          lfs("pytorch_model.bin", 'd'),
          lfs("original/consolidated.00.pth", 'e'),
          lfs("consolidated.safetensors", 'f'),
          small("tokenizer.json"));

  @Test
  void withSafetensorsPresentDuplicateFormatsAreSkipped() {
    DownloadPlanner.Plan plan = DownloadPlanner.plan(TREE, List.of(), List.of());
    assertThat(plan.files())
        .extracting(PlannedFile::path)
        .containsExactly(
            "config.json",
            "model-00001-of-00002.safetensors",
            "model-00002-of-00002.safetensors",
            "tokenizer.json");
    assertThat(plan.skipped()).hasSize(3);
    assertThat(plan.files().get(1).blob()).isEqualTo("b".repeat(64));
    assertThat(plan.files().get(0).blob()).isEqualTo(SHA1);
    assertThat(plan.totalBytes()).isEqualTo(220);
  }

  @Test
  void theRestOfASubFolderCheckpointCopyAndTrainingLeftoversAreSkippedLikeVllmSkipsThem() {
    DownloadPlanner.Plan plan =
        DownloadPlanner.plan(
            List.of(
                small("config.json"),
                lfs("model.safetensors", 'b'),
                lfs("original/consolidated.00.pth", 'e'),
                small("original/params.json"),
                lfs("training_args.bin", 'd')),
            List.of(),
            List.of());
    assertThat(plan.files())
        .extracting(PlannedFile::path)
        .containsExactly("config.json", "model.safetensors");
    assertThat(plan.skipped()).hasSize(3).allMatch(s -> s.contains("not loaded by vLLM"));
  }

  @Test
  void withoutSafetensorsBinFilesAreKept() {
    DownloadPlanner.Plan plan =
        DownloadPlanner.plan(
            List.of(small("config.json"), lfs("pytorch_model.bin", 'd')), List.of(), List.of());
    assertThat(plan.files()).extracting(PlannedFile::path).contains("pytorch_model.bin");
  }

  @Test
  void includeAndExcludeGlobsFilterAndAnExplicitIncludeWinsOverDeduplication() {
    DownloadPlanner.Plan plan =
        DownloadPlanner.plan(TREE, List.of("*.json", "*.bin"), List.of("tokenizer*"));
    assertThat(plan.files())
        .extracting(PlannedFile::path)
        .containsExactly("config.json", "pytorch_model.bin");
  }

  @Test
  void oneHostileNameRejectsTheWholeTree() {
    List<TreeEntry> hostile = List.of(small("config.json"), small("../../etc/cron.d/x"));
    assertThatThrownBy(() -> DownloadPlanner.plan(hostile, List.of(), List.of()))
        .isInstanceOf(HubPath.UnsafePathException.class);
    List<TreeEntry> badHash = List.of(new TreeEntry("file", "x.safetensors", 1, SHA1, "../../x"));
    assertThatThrownBy(() -> DownloadPlanner.plan(badHash, List.of(), List.of()))
        .isInstanceOf(HubPath.UnsafePathException.class);
  }

  @Test
  void globsFollowHuggingFaceHubSemantics() {
    assertThat(GlobPattern.of("*.safetensors").matches("sub/dir/model.safetensors")).isTrue();
    assertThat(GlobPattern.of("original/").matches("original/params.json")).isTrue();
    assertThat(GlobPattern.of("model-0000[12]-*").matches("model-00002-of-00002.safetensors"))
        .isTrue();
    assertThat(GlobPattern.of("?.json").matches("ab.json")).isFalse();
    assertThatThrownBy(() -> GlobPattern.of("[abc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GlobPattern.of(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
