package dev.modelmanager.testkit.hub;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A file made of a real prefix (e.g. a safetensors header) followed by a sparse body: the body is
 * never stored, every byte is computed from the seed and its offset when it is read.
 */
final class GeneratedHubFile extends HubFile {

  private static final int BLOCK_SIZE = 1 << 16;

  private final byte[] prefix;
  private final long size;
  private final String seed;
  private final byte[] block;

  GeneratedHubFile(byte[] prefix, long size, String seed) {
    if (size < prefix.length) {
      throw new IllegalArgumentException("size " + size + " < prefix length " + prefix.length);
    }
    this.prefix = prefix.clone();
    this.size = size;
    this.seed = seed;
    this.block = patternBlock(seed);
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public InputStream open(long offset) {
    return new PatternStream(Math.min(Math.max(0, offset), size));
  }

  @Override
  public String fingerprint() {
    return "generated:" + seed + ":" + size + ":" + Hashes.hex(Hashes.sha1(prefix));
  }

  private static byte[] patternBlock(String seed) {
    long seedValue = 0;
    for (byte b : Hashes.sha1(seed.getBytes(StandardCharsets.UTF_8))) {
      seedValue = seedValue * 31 + b;
    }
    byte[] bytes = new byte[BLOCK_SIZE];
    new SplittableRandom(seedValue).nextBytes(bytes);
    return bytes;
  }

  /** Fills {@code target} with the content starting at absolute file offset {@code position}. */
  private void fill(long position, byte[] target, int off, int len) {
    int written = 0;
    while (written < len) {
      long at = position + written;
      if (at < prefix.length) {
        int n = (int) Math.min(len - written, prefix.length - at);
        System.arraycopy(prefix, (int) at, target, off + written, n);
        written += n;
        continue;
      }
      long bodyOffset = at - prefix.length;
      int inBlock = (int) (bodyOffset % BLOCK_SIZE);
      // A per-block twist keeps the body from being one short repeating period.
      byte twist = (byte) ((bodyOffset / BLOCK_SIZE) * 0x9E3779B1L >>> 24);
      int n = Math.min(len - written, BLOCK_SIZE - inBlock);
      int base = off + written;
      for (int i = 0; i < n; i++) {
        target[base + i] = (byte) (block[inBlock + i] ^ twist);
      }
      written += n;
    }
  }

  /** Streams the generated content from a start offset. */
  private final class PatternStream extends InputStream {
    private long position;

    PatternStream(long start) {
      this.position = start;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (position >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - position);
      fill(position, target, off, n);
      position += n;
      return n;
    }

    @Override
    public long skip(long n) {
      long skipped = Math.max(0, Math.min(n, size - position));
      position += skipped;
      return skipped;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, size - position);
    }
  }
}
