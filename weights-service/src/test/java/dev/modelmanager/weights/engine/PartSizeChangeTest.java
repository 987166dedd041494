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
 * part resumes after them, and the bytes never persisted (garbage here) are fetched again.
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

    // What the engine fetches now: every part from where it resumes.
    long fetched = 0;
    for (Part p : after) {
      if (f.isDone(p.index())) {
        continue;
      }
      long from = p.offset() + f.partBytes.get(p.index());
      f.channel().write(ByteBuffer.wrap(data, (int) from, (int) (p.end() - from)), from);
      fetched += p.end() - from;
      f.partBytes.set(p.index(), p.length());
      f.markDone(p.index());
    }
    assertThat(fetched).isEqualTo(SIZE - 4000);
    assertThat(f.advance()).as("the resumed file verifies").isEqualTo(sha);
    f.close();
  }

  @Test
  void rangesCountOnlyBytesCoveredWithoutAGap() {
    List<ByteRange> done =
        List.of(new ByteRange(2000, 3000), new ByteRange(0, 1000), new ByteRange(1000, 1500));
    assertThat(ByteRange.coveredFrom(done, 0, 5000)).isEqualTo(1500);
    assertThat(ByteRange.coveredFrom(done, 500, 1200)).isEqualTo(700);
    assertThat(ByteRange.coveredFrom(done, 1500, 2500)).isZero();
    assertThat(ByteRange.coveredFrom(done, 2000, 2500)).isEqualTo(500);
    assertThat(ByteRange.coveredFrom(List.of(), 0, 10)).isZero();
  }
}
