package dev.modelmanager.testkit.node;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class NodeRequirementTest {
  private static final Path NOT_INSTALLED = Path.of("target/no-such-node-module");

  @Test
  void inCiAMissingClientFailsTheTest() {
    assertThatThrownBy(() -> NodeRequirement.require(NOT_INSTALLED, true))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("CI=true");
  }

  @Test
  void elsewhereAMissingClientSkipsTheTestSayingWhy() {
    assertThatThrownBy(() -> NodeRequirement.require(NOT_INSTALLED, false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("skipped outside CI");
  }
}
