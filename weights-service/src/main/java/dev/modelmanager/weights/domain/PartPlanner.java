package dev.modelmanager.weights.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a file into ranged parts, the Ollama way: about {@code size / parts} each, clamped to
 * [{@code minPart}, {@code maxPart}]. Deterministic, so persisted part numbers stay valid after a
 * restart.
 */
public record PartPlanner(int parts, long minPart, long maxPart) {

  /** One byte range {@code [offset, offset + length)} of a file. */
  public record Part(int index, long offset, long length) {
    public long end() {
      return offset + length;
    }
  }

  public PartPlanner {
    if (parts < 1 || minPart < 1 || maxPart < minPart) {
      throw new IllegalArgumentException("bad part sizes");
    }
  }

  public List<Part> split(long size) {
    List<Part> out = new ArrayList<>();
    if (size <= 0) {
      out.add(new Part(0, 0, 0));
      return out;
    }
    long partSize = Math.max(minPart, Math.min(maxPart, (size + parts - 1) / parts));
    int index = 0;
    for (long offset = 0; offset < size; offset += partSize) {
      out.add(new Part(index++, offset, Math.min(partSize, size - offset)));
    }
    return out;
  }
}
