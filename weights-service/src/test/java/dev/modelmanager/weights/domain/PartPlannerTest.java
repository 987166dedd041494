package dev.modelmanager.weights.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartPlannerTest {
  private static final long MIB = 1 << 20;
  private final PartPlanner planner = new PartPlanner(16, 8 * MIB, 512 * MIB);

  @Test
  void largeFilesSplitIntoAboutSixteenParts() {
    List<PartPlanner.Part> parts = planner.split(4096 * MIB + 5);
    assertThat(parts).hasSize(16);
    assertThat(parts.get(0).length()).isEqualTo(256 * MIB + 1);
    assertThat(parts.get(parts.size() - 1).end()).isEqualTo(4096 * MIB + 5);
  }

  @Test
  void partSizesAreClamped() {
    assertThat(planner.split(20 * MIB))
        .hasSize(3)
        .first()
        .extracting(PartPlanner.Part::length)
        .isEqualTo(8 * MIB);
    assertThat(planner.split(64L * 1024 * MIB)).hasSize(128);
    assertThat(planner.split(MIB)).hasSize(1);
    assertThat(planner.split(0)).containsExactly(new PartPlanner.Part(0, 0, 0));
  }

  @Test
  void partsCoverTheFileWithoutGaps() {
    long size = 123_456_789;
    long next = 0;
    for (PartPlanner.Part p : planner.split(size)) {
      assertThat(p.offset()).isEqualTo(next);
      next = p.end();
    }
    assertThat(next).isEqualTo(size);
  }
}
