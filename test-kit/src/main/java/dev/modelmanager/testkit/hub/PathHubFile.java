package dev.modelmanager.testkit.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A file on disk, read on every request. */
final class PathHubFile extends HubFile {

  /** Above this size the fingerprint avoids hashing the content. */
  private static final long HASHED_FINGERPRINT_LIMIT = 64L << 20;

  private final Path path;
  private final long size;

  PathHubFile(Path path) {
    this.path = path.toAbsolutePath();
    try {
      this.size = Files.size(this.path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public InputStream open(long offset) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    channel.position(Math.max(0, offset));
    return Channels.newInputStream(channel);
  }

  @Override
  public String fingerprint() {
    if (size <= HASHED_FINGERPRINT_LIMIT) {
      return "git:" + gitSha1();
    }
    try {
      return "path:" + path + ":" + size + ":" + Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
