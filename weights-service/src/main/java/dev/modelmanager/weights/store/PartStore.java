package dev.modelmanager.weights.store;

import dev.modelmanager.weights.domain.ByteRange;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Byte ranges of a blob's {@code .incomplete} file that are written and synced. Ranges, not part
 * numbers: a restart under another part size resumes whatever they cover.
 */
public interface PartStore {
  Uni<List<ByteRange>> done(String location, String blob);

  /** Records {@code range} as on disk (idempotent). */
  Uni<Void> markDone(String location, String blob, ByteRange range);

  /** Forgets every range of a blob (verified, or discarded after a mismatch). */
  Uni<Void> clear(String location, String blob);

  static String id(String location, String blob, ByteRange range) {
    return location + "/" + blob + "/" + range.start() + "-" + range.end();
  }
}
