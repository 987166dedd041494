package dev.modelmanager.weights;

import dev.modelmanager.weights.engine.IncompleteFiles;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A disk that fills up: writes into the {@code .incomplete} files of the {@code mm-test/disk-full}
 * repo fail, once {@link #spaceLeft} bytes are used, with the {@code IOException} the JDK throws on
 * ENOSPC. Every other repo writes straight to the real disk, so the alternative is on for the whole
 * test application (one Quarkus start less) and only {@link DiskFullTest} fills it.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FullDiskFiles extends IncompleteFiles {
  static final String REPO_FOLDER = "models--mm-test--disk-full";
  private static final AtomicLong SPACE_LEFT = new AtomicLong(Long.MAX_VALUE);

  /** Sets the bytes that can still be written; {@code Long.MAX_VALUE} frees the disk. */
  static void spaceLeft(long bytes) {
    SPACE_LEFT.set(bytes);
  }

  @Override
  public FileChannel open(Path incomplete) throws IOException {
    FileChannel real = super.open(incomplete);
    return incomplete.toString().contains(REPO_FOLDER) ? new Filling(real) : real;
  }

  /** Delegates everything; positional and sequential writes take from the space left. */
  private static final class Filling extends FileChannel {
    private final FileChannel real;

    Filling(FileChannel real) {
      this.real = real;
    }

    private static void take(int bytes) throws IOException {
      long left = SPACE_LEFT.get();
      while (left != Long.MAX_VALUE) {
        if (left < bytes) {
          throw new IOException("No space left on device");
        }
        if (SPACE_LEFT.compareAndSet(left, left - bytes)) {
          return;
        }
        left = SPACE_LEFT.get();
      }
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      take(src.remaining());
      return real.write(src, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      take(src.remaining());
      return real.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      long n = 0;
      for (int i = offset; i < offset + length; i++) {
        n += write(srcs[i]);
      }
      return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return real.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return real.read(dst, position);
    }

    @Override
    public long position() throws IOException {
      return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      real.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      real.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      real.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      throw new IOException("not used by the download engine");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return real.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      real.close();
    }
  }
}
