package dev.modelmanager.weights.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HubPathTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "..",
        "../x",
        "a/../../b",
        "a/..",
        "/etc/passwd",
        "C:/x",
        "a//b",
        "a/./b",
        "a\\b",
        "a\u0000b",
        "a\nb",
        "",
        "a/"
      })
  void rejectsPathsThatCouldLeaveTheRepoFolder(String path) {
    assertThatThrownBy(() -> HubPath.validate(path))
        .isInstanceOf(HubPath.UnsafePathException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "config.json",
        "original/params.json",
        "a/b/c.safetensors",
        "..hidden",
        "a..b",
        ".gitattributes"
      })
  void acceptsOrdinaryRepoPaths(String path) {
    assertThat(HubPath.validate(path)).isEqualTo(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../main", "/main", "main/", "a//b", "a b", ".hidden", "refs/../x"})
  void rejectsUnsafeRevisions(String revision) {
    assertThatThrownBy(() -> HubPath.validateRevision(revision))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"main", "v1.0", "refs/pr/1", "0123456789abcdef0123456789abcdef01234567"})
  void acceptsBranchesTagsAndCommits(String revision) {
    assertThat(HubPath.validateRevision(revision)).isEqualTo(revision);
  }
}
