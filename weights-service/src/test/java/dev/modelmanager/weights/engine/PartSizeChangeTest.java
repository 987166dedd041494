package dev.modelmanager.weights.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.weights.domain.ByteRange;
import dev.modelmanager.weights.domain.PartPlanner;
import dev.modelmanager.weights.domain.PartPlanner.Part;
import dev.modelmanager.weights.domain.PlannedFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download interrupted under one part size and resumed under another: the persisted byte ranges
 * mark exactly the bytes on disk, so the new parts they cover are kept, a new part they cover in
 * part fetches only its gaps, and the bytes never persisted (garbage here) are fetched again.
 */
class PartSizeChangeTest {
  private static final int SIZE = 10_000;

  @TempDir Path dir;

  @Test
  void aRestartUnderAnotherPartSizeResumesWhatThePersistedRangesCover() throws Exception {
    byte[] data = new byte[SIZE];
    new Random(7).nextBytes(data);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    PlannedFile file = new PlannedFile("model.safetensors", SIZE, sha, true);
    Path incomplete = dir.resolve(sha + ".incomplete");

    // First run: parts of 1,000 bytes; 0-3 and 5 written and persisted, 4 written with garbage
    // and cut off by the crash before it was persisted.
    List<Part> before = new PartPlanner(10, 1000, 1000).split(SIZE);
    List<ByteRange> persisted = new ArrayList<>();
    try (FileChannel out = new IncompleteFiles().open(incomplete)) {
      for (Part p : before) {
        if (p.index() == 4) {
          out.write(ByteBuffer.wrap(new byte[500]), p.offset());
        } else if (p.index() <= 5) {
          out.write(ByteBuffer.wrap(data, (int) p.offset(), (int) p.length()), p.offset());
          persisted.add(new ByteRange(p.offset(), p.end()));
        }
      }
    }

    // Restart with parts of 1,500 bytes: [0,1500) [1500,3000) [3000,4500) [4500,6000) ...
    List<Part> after = new PartPlanner(4, 1500, 1500).split(SIZE);
    FileDownload f = new FileDownload(file, after, incomplete, new IncompleteFiles());
    f.open(persisted);

    assertThat(f.isDone(0)).isTrue();
    assertThat(f.isDone(1)).isTrue();
    assertThat(f.isDone(2)).as("covered up to 4000 only").isFalse();
    assertThat(f.partBytes.get(2)).as("resumes after the persisted 3000-4000").isEqualTo(1000);
    assertThat(f.isDone(3)).as("4500-5000 was never persisted").isFalse();
    assertThat(f.partBytes.get(3)).isZero();
    assertThat(f.bytes()).isEqualTo(4000);

    // What the engine fetches now (JobDownload.fetch): each part's gaps, never a persisted byte.
    List<ByteRange> fetched = new ArrayList<>();
    for (Part p : after) {
      long pos = f.resumeAt(p);
      while (pos < p.end()) {
        long to = f.gapEnd(pos, p.end());
        f.channel().write(ByteBuffer.wrap(data, (int) pos, (int) (to - pos)), pos);
        fetched.add(new ByteRange(pos, to));
        f.partBytes.addAndGet(p.index(), to - pos);
        pos = f.resumeAt(p);
      }
      f.markDone(p.index());
    }
    assertThat(fetched)
        .as("part 3 [4500,6000) fetches up to the persisted 5000-6000 and skips it")
        .containsExactly(
            new ByteRange(4000, 4500),
            new ByteRange(4500, 5000),
            new ByteRange(6000, 7500),
            new ByteRange(7500, 9000),
            new ByteRange(9000, 10_000));
    assertThat(f.bytes()).isEqualTo(SIZE);
    assertThat(f.advance()).as("the resumed file verifies").isEqualTo(sha);
    f.close();
  }

  @Test
  void rangesCountCoveredBytesFromAnOffsetOrInTotal() {
    List<ByteRange> done =
        List.of(new ByteRange(2000, 3000), new ByteRange(0, 1000), new ByteRange(1000, 1500));
    assertThat(ByteRange.coveredFrom(done, 0, 5000)).isEqualTo(1500);
    assertThat(ByteRange.coveredFrom(done, 500, 1200)).isEqualTo(700);
    assertThat(ByteRange.coveredFrom(done, 1500, 2500)).isZero();
    assertThat(ByteRange.coveredFrom(done, 2000, 2500)).isEqualTo(500);
    assertThat(ByteRange.coveredFrom(List.of(), 0, 10)).isZero();
    List<ByteRange> overlapping =
        List.of(new ByteRange(0, 1000), new ByteRange(500, 1500), new ByteRange(3000, 4000));
    assertThat(ByteRange.covered(overlapping, 0, 5000)).isEqualTo(2500);
    assertThat(ByteRange.covered(overlapping, 1000, 3500)).isEqualTo(1000);
    assertThat(ByteRange.covered(List.of(), 0, 10)).isZero();
  }
}
