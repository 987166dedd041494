package dev.modelmanager.discovery.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelCardSplitTest {

  @Test
  void frontMatterIsSplitOffAtTheClosingLine() {
    ModelCardService.Split s =
        ModelCardService.split("---\r\nlicense: mit\r\n---\r\n\r\n# Title\nbody ---\n");
    assertThat(s.frontMatter()).isEqualTo("license: mit\r\n");
    assertThat(s.markdown()).isEqualTo("# Title\nbody ---\n");
  }

  @Test
  void withoutAClosingLineOrAnOpeningOneThereIsNoFrontMatter() {
    assertThat(ModelCardService.split("---\nlicense: mit\n# no end").frontMatter()).isNull();
    assertThat(ModelCardService.split("---\nlicense: mit\n# no end").markdown())
        .startsWith("---\nlicense");
    assertThat(ModelCardService.split("# Title\n---\nx\n---\n").frontMatter()).isNull();
  }

  @Test
  void aByteOrderMarkIsDroppedAndDotsCloseTheFrontMatter() {
    ModelCardService.Split s = ModelCardService.split("\uFEFF---\nlicense: mit\n...\n# T");
    assertThat(s.frontMatter()).isEqualTo("license: mit\n");
    assertThat(s.markdown()).isEqualTo("# T");
  }

  @Test
  void theCutNeverSplitsAUtf8Sequence() {
    byte[] bytes = "ab€cd".getBytes(StandardCharsets.UTF_8); // € is 3 bytes at 2..4
    assertThat(ModelCardService.utf8Boundary(bytes, 3)).isEqualTo(2);
    assertThat(ModelCardService.utf8Boundary(bytes, 4)).isEqualTo(2);
    assertThat(ModelCardService.utf8Boundary(bytes, 5)).isEqualTo(5);
  }
}
