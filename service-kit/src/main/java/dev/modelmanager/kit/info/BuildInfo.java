package dev.modelmanager.kit.info;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Properties;

/** Version and git commit stamped at build time, and the moment this process started. */
@ApplicationScoped
public class BuildInfo {
  private final String version;
  private final String commit;
  // The JVM's start, not this bean's: the bean is created lazily on the first request.
  private final Instant startedAt =
      Instant.ofEpochMilli(
          java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());

  public BuildInfo() {
    Properties git = new Properties();
    try (InputStream in =
        Thread.currentThread()
            .getContextClassLoader()
            .getResourceAsStream("META-INF/mm-git.properties")) {
      if (in != null) {
        git.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.version = git.getProperty("git.build.version", "unknown");
    String full = git.getProperty("git.commit.id.full", "unknown");
    boolean dirty = Boolean.parseBoolean(git.getProperty("git.dirty", "false"));
    this.commit = dirty ? full + "-dirty" : full;
  }

  public String version() {
    return version;
  }

  public String commit() {
    return commit;
  }

  public Instant startedAt() {
    return startedAt;
  }
}
