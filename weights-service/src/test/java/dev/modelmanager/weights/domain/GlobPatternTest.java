package dev.modelmanager.weights.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobPatternTest {
  @Test
  void matchesLikeFnmatch() {
    assertThat(GlobPattern.of("*.json").matches("a/b/config.json")).isTrue();
    assertThat(GlobPattern.of("model-*-of-*.safetensors").matches("model-1-of-2.safetensors"))
        .isTrue();
    assertThat(GlobPattern.of("[!a]*").matches("abc")).isFalse();
    assertThat(GlobPattern.of("[!a]*").matches("bbc")).isTrue();
    assertThat(GlobPattern.of("v[0-9].bin").matches("v7.bin")).isTrue();
    assertThat(GlobPattern.of("v[0-9].bin").matches("vx.bin")).isFalse();
    assertThat(GlobPattern.of("[]]").matches("]")).isTrue();
    assertThat(GlobPattern.of("a*").matches("a")).isTrue();
    assertThat(GlobPattern.of("*").matches("")).isTrue();
    assertThat(GlobPattern.of("a?c").matches("abbc")).isFalse();
  }

  @Test
  void aHostilePatternIsMatchedWithoutBacktrackingBlowUp() {
    // A backtracking regex (.*a){20}b needs ~n^20 steps on this input; the scan needs n × m.
    String pattern = "*a".repeat(20) + "b";
    String path = "a".repeat(5000);
    assertThat(GlobPattern.of(pattern).matches(path)).isFalse();
    assertThat(GlobPattern.of(pattern).matches(path + "b")).isTrue();
  }
}
