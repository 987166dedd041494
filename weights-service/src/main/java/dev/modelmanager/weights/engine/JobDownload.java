package dev.modelmanager.weights.engine;

import dev.modelmanager.kit.hf.HubRangeReader;
import dev.modelmanager.kit.hf.TransferCancelledException;
import dev.modelmanager.kit.store.Blocking;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.model.problem.ProblemType;
import dev.modelmanager.weights.domain.ByteRange;
import dev.modelmanager.weights.domain.PartPlanner.Part;
import dev.modelmanager.weights.domain.PlannedFile;
import dev.modelmanager.weights.hubcache.HubCacheLayout;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The transfers of one install: every missing file split into ranged parts, fetched by a few
 * workers under the replica's connection budget, written at their offsets into {@code .incomplete},
 * persisted part by part, hashed in order and promoted to {@code blobs/} once verified. A file that
 * fails its checksum is fetched once more, then the install fails.
 */
final class JobDownload {
  private static final Logger LOG = Logger.getLogger(JobDownload.class);

  private final DownloadEngine engine;
  private final RepoId repo;
  private final String commit;
  private final String location;
  private final HubCacheLayout layout;
  private final List<FileDownload> files = new ArrayList<>();
  private final LinkedBlockingDeque<Runnable> tasks = new LinkedBlockingDeque<>();
  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final AtomicInteger verified = new AtomicInteger();
  private final AtomicInteger workersRunning = new AtomicInteger();
  private final long alreadyPresent;

  /** Orders recording a range against discarding the partials: no range outlives its file. */
  private final Object ranges = new Object();

  private volatile boolean stop;

  JobDownload(
      DownloadEngine engine,
      RepoId repo,
      String commit,
      String location,
      HubCacheLayout layout,
      List<PlannedFile> missing,
      long alreadyPresent) {
    this.engine = engine;
    this.repo = repo;
    this.commit = commit;
    this.location = location;
    this.layout = layout;
    this.alreadyPresent = alreadyPresent;
    for (PlannedFile f : missing) {
      files.add(
          new FileDownload(
              f,
              engine.planner.split(f.size()),
              layout.incomplete(repo, f.blob()),
              engine.incompleteFiles));
    }
  }

  /** Opens the files, queues what is not on disk yet and starts the workers. */
  JobDownload start() throws IOException {
    for (FileDownload f : files) {
      List<ByteRange> onDisk = Blocking.await(() -> engine.parts.done(location, f.file.blob()));
      if (!onDisk.isEmpty() && !Files.exists(f.incomplete)) {
        Blocking.await(() -> engine.parts.clear(location, f.file.blob()));
        onDisk = List.of();
      }
      f.open(onDisk);
      tasks.add(() -> hash(f));
      enqueueMissing(f);
    }
    if (files.isEmpty()) {
      done.complete(null);
      return this;
    }
    int workers = Math.max(1, Math.min(engine.config.concurrency(), countParts()));
    for (int i = 0; i < workers; i++) {
      workersRunning.incrementAndGet();
      engine.submit(this::work);
    }
    return this;
  }

  private int countParts() {
    return files.stream().mapToInt(f -> f.parts.size()).sum();
  }

  private void enqueueMissing(FileDownload f) {
    for (Part p : f.parts) {
      if (!f.isDone(p.index())) {
        tasks.add(() -> fetch(f, p));
      }
    }
  }

  /** Completes when every file is verified; fails with the first fatal problem or a cancel. */
  CompletableFuture<Void> completion() {
    return done;
  }

  /** Bytes on disk for this install, including files that were already present. */
  long bytesDone() {
    return alreadyPresent + files.stream().mapToLong(FileDownload::bytes).sum();
  }

  /** Whether every byte is received (hashing may still run). */
  boolean allBytesReceived() {
    return files.stream().allMatch(f -> f.bytes() >= f.file.size());
  }

  /** Per-file bytes on disk, by path. */
  java.util.Map<String, Long> fileBytes() {
    java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
    files.forEach(f -> out.put(f.file.path(), f.verified ? f.file.size() : f.bytes()));
    return out;
  }

  java.util.Set<String> verifiedPaths() {
    java.util.Set<String> out = new java.util.HashSet<>();
    files.stream().filter(f -> f.verified).forEach(f -> out.add(f.file.path()));
    return out;
  }

  /** Stops every transfer now by closing its connection; does not wait (safe on any thread). */
  void abort(Throwable reason) {
    stop = true;
    open.forEach(JobDownload::closeQuietly);
    done.completeExceptionally(reason);
  }

  /** Waits up to {@code wait} for the workers to leave, then closes the files. */
  void awaitWorkers(Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    while (workersRunning.get() > 0 && System.nanoTime() < until) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    files.forEach(FileDownload::close);
  }

  private void work() {
    try {
      while (!stop && !done.isDone()) {
        Runnable task = tasks.poll(100, TimeUnit.MILLISECONDS);
        if (task != null) {
          task.run();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TransferCancelledException e) {
      // stopping
    } catch (ProblemException e) {
      fail(e);
    } catch (RuntimeException e) {
      LOG.errorf(e, "transfer of %s failed", repo);
      fail(
          new ProblemException(
              ProblemType.INTERNAL, "The transfer failed: " + e.getClass().getSimpleName()));
    } finally {
      workersRunning.decrementAndGet();
    }
  }

  private void fail(ProblemException problem) {
    synchronized (ranges) {
      if (!stop) {
        stop = true;
        open.forEach(JobDownload::closeQuietly);
        if (DiskFull.is(problem)) {
          discardPartials();
        }
        done.completeExceptionally(problem);
      }
    }
  }

  /** A full disk: the unverified partials of this install go, so the space comes back. */
  private void discardPartials() {
    for (FileDownload f : files) {
      if (!f.verified) {
        f.close();
        try {
          Files.deleteIfExists(f.incomplete);
        } catch (IOException e) {
          LOG.warnf("cannot delete %s: %s", f.incomplete, e);
        }
        Blocking.await(() -> engine.parts.clear(location, f.file.blob()));
      }
    }
  }

  /**
   * Fetches what {@code part} lacks, gap by gap: bytes persisted before a restart (perhaps under
   * another part size) are never requested again.
   */
  private void fetch(FileDownload f, Part part) {
    int attempts = 0;
    long pos = f.resumeAt(part);
    while (pos < part.end() || part.length() == 0) {
      if (stop) {
        throw new TransferCancelledException();
      }
      try {
        acquire();
        try {
          transfer(f, part, pos, f.gapEnd(pos, part.end()));
        } finally {
          engine.connections.release();
        }
        if (part.length() == 0) {
          break;
        }
      } catch (IOException e) {
        if (stop) {
          throw new TransferCancelledException();
        }
        attempts++;
        if (attempts >= engine.config.maxAttempts()) {
          throw new ProblemException(
              ProblemType.UPSTREAM_UNAVAILABLE,
              "Downloading " + f.file.path() + " failed " + attempts + " times: " + e.getMessage());
        }
        LOG.debugf("part %d of %s: %s; resuming", part.index(), f.file.path(), e);
        HubRangeReader.sleep(
            Duration.ofMillis(Math.min(5000, 200L << Math.min(attempts, 5))), () -> stop);
      }
      pos = f.resumeAt(part);
    }
    try {
      if (engine.config.syncParts()) {
        f.channel().force(false);
      }
    } catch (IOException e) {
      throw new ProblemException(
          ProblemType.INTERNAL, "Cannot sync " + f.incomplete + ": " + e.getMessage());
    }
    synchronized (ranges) {
      if (stop) {
        throw new TransferCancelledException();
      }
      Blocking.await(
          () ->
              engine.parts.markDone(
                  location, f.file.blob(), new ByteRange(part.offset(), part.end())));
    }
    f.markDone(part.index());
    hash(f);
  }

  private void acquire() throws IOException {
    try {
      while (!engine.connections.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        if (stop) {
          throw new TransferCancelledException();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransferCancelledException();
    }
  }

  /** Fetches bytes {@code [from, to)} of {@code part}. */
  private void transfer(FileDownload f, Part part, long from, long to) throws IOException {
    if (from >= to && part.length() > 0) {
      return;
    }
    List<Closeable> mine = new ArrayList<>();
    try (HubRangeReader.RangeStream t =
        engine.reader.open(
            repo,
            commit,
            f.file.path(),
            from,
            to,
            engine.config.stallTimeout(),
            () -> stop,
            c -> {
              mine.add(c);
              open.add(c);
            })) {
      f.checkEtag(t.etag());
      write(f, part, from, to, t.body());
    } finally {
      mine.forEach(open::remove);
    }
  }

  private void write(FileDownload f, Part part, long from, long to, InputStream body)
      throws IOException {
    byte[] buffer = new byte[engine.config.bufferBytes()];
    long pos = from;
    while (pos < to) {
      if (stop) {
        // A connection opened as the job stopped may have escaped the abort: stop at this buffer.
        throw new TransferCancelledException();
      }
      int want = (int) Math.min(buffer.length, to - pos);
      int filled = 0;
      IOException failure = null;
      while (filled < want) {
        int n;
        try {
          n = body.read(buffer, filled, want - filled);
        } catch (IOException e) {
          // Keep what arrived before a stall or a reset: the retry continues after it.
          failure = e;
          break;
        }
        if (n < 0) {
          break;
        }
        filled += n;
      }
      if (filled == 0) {
        throw failure != null
            ? failure
            : new IOException("connection closed at byte " + pos + " of " + to);
      }
      DiskFull.write(f.channel(), ByteBuffer.wrap(buffer, 0, filled), pos, f.incomplete);
      pos += filled;
      f.partBytes.addAndGet(part.index(), filled);
      engine.downloadedBytes.increment(filled);
      if (failure != null) {
        throw failure;
      }
    }
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // Aborting a transfer that is already broken.
    }
  }

  private void hash(FileDownload f) {
    String digest;
    try {
      digest = f.advance();
    } catch (IOException e) {
      throw new ProblemException(
          ProblemType.INTERNAL, "Cannot read " + f.incomplete + ": " + e.getMessage());
    }
    if (digest == null || f.verified || stop) {
      return;
    }
    if (digest.equals(f.file.blob())) {
      try {
        f.channel().force(true);
      } catch (IOException e) {
        throw new ProblemException(
            ProblemType.INTERNAL, "Cannot sync " + f.incomplete + ": " + e.getMessage());
      }
      f.close();
      try {
        layout.promote(repo, f.file.blob());
      } catch (IOException e) {
        throw new ProblemException(
            ProblemType.INTERNAL, "Cannot promote " + f.incomplete + ": " + e.getMessage());
      }
      Blocking.await(() -> engine.parts.clear(location, f.file.blob()));
      f.verified = true;
      if (verified.incrementAndGet() == files.size()) {
        done.complete(null);
      }
      return;
    }
    mismatch(f, digest);
  }

  private void mismatch(FileDownload f, String digest) {
    engine.checksumFailures.increment();
    f.mismatches++;
    f.close();
    try {
      Files.deleteIfExists(f.incomplete);
    } catch (IOException e) {
      LOG.warnf("cannot delete %s: %s", f.incomplete, e);
    }
    Blocking.await(() -> engine.parts.clear(location, f.file.blob()));
    String what = (f.file.lfs() ? "sha256" : "git blob sha1") + " of " + f.file.path();
    if (f.mismatches >= 2) {
      throw new ProblemException(
          ProblemType.CHECKSUM_MISMATCH,
          what + " is " + digest + ", expected " + f.file.blob() + " (fetched twice)");
    }
    LOG.warnf("%s is %s, expected %s; fetching it again", what, digest, f.file.blob());
    try {
      f.open(List.of());
    } catch (IOException e) {
      throw new ProblemException(
          ProblemType.INTERNAL, "Cannot reopen " + f.incomplete + ": " + e.getMessage());
    }
    enqueueMissing(f);
  }
}
