package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A model repository served by the {@link FakeHub}: metadata, revisions and access rules. */
public final class HubRepo {

  /** The branch {@code HEAD} and an unversioned request resolve to. */
  public static final String DEFAULT_BRANCH = "main";

  final String id;
  final String objectId;
  final String author;
  final boolean privateRepo;
  final Gated gated;
  final boolean disabled;
  final Set<String> tokens;
  final List<String> renamedFrom;
  final List<String> tags;
  final JsonNode cardData;
  final String pipelineTag;
  final String libraryName;
  final long downloads;
  final long likes;
  final double trendingScore;
  final Instant createdAt;
  final Instant lastModified;
  final List<String> spaces;
  private final Map<String, RepoRevision> revisions;

  HubRepo(HubRepoBuilder builder, Map<String, RepoRevision> revisions) {
    this.id = builder.id;
    this.objectId =
        builder.objectId != null
            ? builder.objectId
            : Hashes.sha1Hex("model:" + id).substring(0, 24);
    this.author =
        builder.author != null ? builder.author : id.substring(0, Math.max(0, id.indexOf('/')));
    this.privateRepo = builder.privateRepo;
    this.gated = builder.gated;
    this.disabled = builder.disabled;
    this.tokens = Set.copyOf(builder.tokens);
    this.renamedFrom = List.copyOf(builder.renamedFrom);
    this.tags = List.copyOf(builder.tags);
    this.cardData = builder.cardData;
    this.pipelineTag = builder.pipelineTag;
    this.libraryName = builder.libraryName;
    this.downloads = builder.downloads;
    this.likes = builder.likes;
    this.trendingScore = builder.trendingScore;
    this.createdAt = builder.createdAt;
    this.lastModified = builder.lastModified != null ? builder.lastModified : builder.createdAt;
    this.spaces = List.copyOf(builder.spaces);
    this.revisions = new LinkedHashMap<>(revisions);
  }

  /** Starts a repository {@code org/name}. */
  public static HubRepoBuilder builder(String id) {
    return new HubRepoBuilder(id);
  }

  /** The repo id, {@code org/name}. */
  public String id() {
    return id;
  }

  /** The Hub's 24-hex {@code _id}. */
  public String objectId() {
    return objectId;
  }

  /** Old ids that answer 307 to this one. */
  public List<String> renamedFrom() {
    return renamedFrom;
  }

  /** Whether only holders of a configured token can see the repository. */
  public boolean isPrivate() {
    return privateRepo;
  }

  /** The gating mode; files of a gated repo need an accepted token. */
  public Gated gated() {
    return gated;
  }

  /** Revisions by name, {@code main} first. */
  public Map<String, RepoRevision> revisions() {
    return java.util.Collections.unmodifiableMap(revisions);
  }

  /** The default branch. */
  public RepoRevision main() {
    return revisions.get(DEFAULT_BRANCH);
  }

  /** A revision by branch/tag name, full commit sha, or {@code HEAD}. */
  public Optional<RepoRevision> revision(String nameOrSha) {
    String key = nameOrSha == null || nameOrSha.equals("HEAD") ? DEFAULT_BRANCH : nameOrSha;
    RepoRevision byName = revisions.get(key);
    if (byName != null) {
      return Optional.of(byName);
    }
    return revisions.values().stream().filter(r -> r.sha().equals(key)).findFirst();
  }

  /** Whether a request bearing {@code token} (maybe null) may see the repository. */
  boolean canRead(String token) {
    return !privateRepo || (token != null && tokens.contains(token));
  }

  /** Whether a request bearing {@code token} (maybe null) may download files. */
  boolean canDownload(String token) {
    return canRead(token) && (gated == Gated.NONE || (token != null && tokens.contains(token)));
  }

  /** Bytes of all distinct files over all revisions, the Hub's {@code usedStorage}. */
  long usedStorage() {
    Set<String> seen = new HashSet<>();
    long total = 0;
    for (RepoRevision revision : revisions.values()) {
      for (HubFile file : revision.files().values()) {
        if (seen.add(file.fingerprint())) {
          total += file.size();
        }
      }
    }
    return total;
  }
}
