package dev.modelmanager.gateway.service;

import dev.modelmanager.gateway.domain.ChangelogEntry;
import dev.modelmanager.gateway.domain.ChangelogParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The repository's CHANGELOG.md, packaged into the jar at build time and parsed once. */
@ApplicationScoped
public class ChangelogService {
  static final String RESOURCE = "META-INF/mm/CHANGELOG.md";

  private volatile List<ChangelogEntry> entries;

  public List<ChangelogEntry> entries() {
    if (entries == null) {
      entries = ChangelogParser.parse(read());
    }
    return entries;
  }

  private static String read() {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the packaged changelog", e);
    }
  }
}
