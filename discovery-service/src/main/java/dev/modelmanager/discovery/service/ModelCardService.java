package dev.modelmanager.discovery.service;

import dev.modelmanager.kit.hf.HubClient;
import dev.modelmanager.model.hf.RepoId;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * A model's card: {@code README.md} at a revision, read through the Hub client (the Hub serves it
 * at {@code /{repo}/resolve/{rev}/README.md}), at most {@link #MAX_BYTES} of it, with its YAML
 * front matter split off. Cached per repo and revision like the details.
 */
@ApplicationScoped
public class ModelCardService {
  /** The most of a README read and returned; a longer one is cut there and marked truncated. */
  public static final int MAX_BYTES = 512 * 1024;

  static final String README = "README.md";

  /**
   * The card.
   *
   * @param commit the commit the Hub resolved the revision to, when it said
   * @param frontMatter the YAML between the leading {@code ---} lines, or null
   * @param markdown the rest
   * @param sizeBytes the bytes read (at most {@link #MAX_BYTES})
   * @param truncated whether the README was longer and was cut
   */
  public record Card(
      RepoId repo,
      String revision,
      String commit,
      String frontMatter,
      String markdown,
      long sizeBytes,
      boolean truncated) {}

  private final HubClient hub;
  private final Cache cards;

  ModelCardService(HubClient hub, @CacheName("model-card") Cache cards) {
    this.hub = hub;
    this.cards = cards;
  }

  public Uni<Card> card(RepoId repo, String revision) {
    return cards.getAsync(repo + "@" + revision, k -> read(repo, revision));
  }

  /**
   * HEAD first (size and commit, 404 when there is no README, 403 when gated), then at most one
   * byte past the cap with a Range request the client refuses to read past, at that commit.
   */
  private Uni<Card> read(RepoId repo, String revision) {
    return hub.fileMetadata(repo, revision, README)
        .chain(
            meta -> {
              String at = meta.commit() != null ? meta.commit() : revision;
              if (meta.size() == 0) {
                return Uni.createFrom().item(card(repo, revision, meta.commit(), new byte[0]));
              }
              long want = meta.size() < 0 ? MAX_BYTES + 1L : Math.min(meta.size(), MAX_BYTES + 1L);
              return hub.range(repo, at, README, 0, want - 1)
                  .map(b -> card(repo, revision, meta.commit(), b.getBytes()));
            });
  }

  private static Card card(RepoId repo, String revision, String commit, byte[] bytes) {
    boolean truncated = bytes.length > MAX_BYTES;
    int length = truncated ? utf8Boundary(bytes, MAX_BYTES) : bytes.length;
    Split split = split(new String(bytes, 0, length, StandardCharsets.UTF_8));
    return new Card(
        repo, revision, commit, split.frontMatter(), split.markdown(), length, truncated);
  }

  /** The largest length ≤ {@code max} that does not cut a UTF-8 sequence in two. */
  static int utf8Boundary(byte[] bytes, int max) {
    int end = max;
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--;
    }
    return end;
  }

  /** Front matter and markdown of a card. */
  record Split(String frontMatter, String markdown) {}

  /**
   * Splits off YAML front matter: a first line {@code ---}, then everything up to the next line
   * that is {@code ---} or {@code ...}. Without a closing line there is no front matter.
   */
  static Split split(String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (!(t.startsWith("---\n") || t.startsWith("---\r\n"))) {
      return new Split(null, t);
    }
    int start = t.indexOf('\n') + 1;
    int line = start;
    while (line < t.length()) {
      int next = t.indexOf('\n', line);
      int end = next < 0 ? t.length() : next;
      String content = t.substring(line, end).stripTrailing();
      if (content.equals("---") || content.equals("...")) {
        String yaml = t.substring(start, line);
        String rest = next < 0 ? "" : t.substring(next + 1);
        return new Split(yaml.isBlank() ? null : yaml, rest.stripLeading());
      }
      if (next < 0) {
        break;
      }
      line = next + 1;
    }
    return new Split(null, t);
  }
}
