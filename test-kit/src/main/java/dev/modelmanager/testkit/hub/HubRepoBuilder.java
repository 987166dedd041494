package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Builds a {@link HubRepo}: files of {@code main}, other revisions, metadata and access. */
public final class HubRepoBuilder {

  private static final ObjectMapper JSON = new ObjectMapper();

  final String id;
  String objectId;
  String author;
  boolean privateRepo;
  Gated gated = Gated.NONE;
  boolean disabled;
  final Set<String> tokens = new HashSet<>();
  final List<String> renamedFrom = new ArrayList<>();
  final List<String> tags = new ArrayList<>();
  JsonNode cardData;
  String pipelineTag;
  String libraryName;
  long downloads;
  long likes;
  double trendingScore;
  Instant createdAt = Instant.parse("2024-01-01T00:00:00Z");
  Instant lastModified;
  final List<String> spaces = new ArrayList<>();
  private final RevisionFiles main = new RevisionFiles();
  private final Map<String, RevisionFiles> otherRevisions = new LinkedHashMap<>();
  private final List<RevisionFiles> olderCommits = new ArrayList<>();
  private final List<String> mainTags = new ArrayList<>();

  HubRepoBuilder(String id) {
    if (id == null || !id.matches("[A-Za-z0-9][\\w.-]*/[\\w.-]+")) {
      throw new IllegalArgumentException("a repo id is org/name: " + id);
    }
    this.id = id;
  }

  /** Adds a file to {@code main}. */
  public HubRepoBuilder file(String path, HubFile file) {
    main.file(path, file);
    return this;
  }

  /** Adds a file from bytes to {@code main}. */
  public HubRepoBuilder file(String path, byte[] content) {
    main.file(path, content);
    return this;
  }

  /** Adds a file from disk to {@code main}. */
  public HubRepoBuilder file(String path, Path source) {
    main.file(path, source);
    return this;
  }

  /** Adds a UTF-8 text file to {@code main}. */
  public HubRepoBuilder textFile(String path, String content) {
    main.textFile(path, content);
    return this;
  }

  /** Adds every file under a directory to {@code main}. */
  public HubRepoBuilder directory(Path directory) {
    main.directory(directory);
    return this;
  }

  /** Adds generated weight files (shards and index) to {@code main}. */
  public HubRepoBuilder model(GeneratedModel model) {
    main.model(model);
    return this;
  }

  /**
   * Adds {@code config.json} and safetensors weights generated from it, split into {@code shards}
   * files; {@code pipeline_tag} and {@code library_name} default to text-generation and
   * transformers.
   */
  public HubRepoBuilder generatedModel(String configJson, int shards) {
    main.textFile("config.json", configJson);
    main.model(SafetensorsGenerator.forConfig(configJson).seed(id).shards(shards).generate());
    pipelineTag = pipelineTag != null ? pipelineTag : "text-generation";
    libraryName = libraryName != null ? libraryName : "transformers";
    return this;
  }

  /** Same as {@link #generatedModel(String, int)} with the config read from disk. */
  public HubRepoBuilder generatedModel(Path configJson, int shards) {
    try {
      return generatedModel(Files.readString(configJson), shards);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds the Hub's default {@code .gitattributes}, as every real repository has one. */
  public HubRepoBuilder gitattributes() {
    return textFile(".gitattributes", LfsPointer.defaultGitattributes());
  }

  /** Pins the commit sha of {@code main}. */
  public HubRepoBuilder sha(String sha) {
    main.sha(sha);
    return this;
  }

  /**
   * Adds a revision (branch or tag); {@code files} starts as a copy of {@code main}'s files so far
   * and may add, replace or remove files and pin a sha.
   */
  public HubRepoBuilder revision(String name, Consumer<RevisionFiles> files) {
    RevisionFiles revision = new RevisionFiles(main);
    files.accept(revision);
    otherRevisions.put(name, revision);
    return this;
  }

  /** The commit {@code main} points to: title, author and date. */
  public HubRepoBuilder commit(String title, String author, Instant date) {
    main.commit(title, author, date);
    return this;
  }

  /**
   * Adds an older commit to {@code main}'s history, below the head and above the repo's {@code
   * initial commit}; call it newest first.
   */
  public HubRepoBuilder history(String title, String author, Instant date) {
    olderCommits.add(new RevisionFiles().commit(title, author, date));
    return this;
  }

  /** Adds a tag pointing at {@code main}'s commit. */
  public HubRepoBuilder tag(String name) {
    mainTags.add(name);
    return this;
  }

  public HubRepoBuilder privateRepo(boolean value) {
    this.privateRepo = value;
    return this;
  }

  public HubRepoBuilder gated(Gated value) {
    this.gated = value;
    return this;
  }

  public HubRepoBuilder disabled(boolean value) {
    this.disabled = value;
    return this;
  }

  /** Tokens ({@code hf_...}) that may read a private repo and have accepted a gated one. */
  public HubRepoBuilder tokens(String... values) {
    tokens.addAll(Arrays.asList(values));
    return this;
  }

  /** Old ids that now redirect (307) here. */
  public HubRepoBuilder renamedFrom(String... oldIds) {
    renamedFrom.addAll(Arrays.asList(oldIds));
    return this;
  }

  public HubRepoBuilder tags(String... values) {
    tags.addAll(Arrays.asList(values));
    return this;
  }

  /** The README front matter as the Hub shows it; a JSON text, a Map or a JsonNode. */
  public HubRepoBuilder cardData(Object value) {
    try {
      this.cardData = value instanceof String text ? JSON.readTree(text) : JSON.valueToTree(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("cardData is not JSON", e);
    }
    return this;
  }

  public HubRepoBuilder pipelineTag(String value) {
    this.pipelineTag = value;
    return this;
  }

  public HubRepoBuilder libraryName(String value) {
    this.libraryName = value;
    return this;
  }

  public HubRepoBuilder downloads(long value) {
    this.downloads = value;
    return this;
  }

  public HubRepoBuilder likes(long value) {
    this.likes = value;
    return this;
  }

  public HubRepoBuilder trendingScore(double value) {
    this.trendingScore = value;
    return this;
  }

  public HubRepoBuilder createdAt(Instant value) {
    this.createdAt = value;
    return this;
  }

  public HubRepoBuilder lastModified(Instant value) {
    this.lastModified = value;
    return this;
  }

  public HubRepoBuilder author(String value) {
    this.author = value;
    return this;
  }

  /** The 24-hex {@code _id} (default: derived from the repo id). */
  public HubRepoBuilder objectId(String value) {
    this.objectId = value;
    return this;
  }

  public HubRepoBuilder spaces(String... values) {
    spaces.addAll(Arrays.asList(values));
    return this;
  }

  /**
   * Freezes the repository; commit shas not pinned are derived from the file lists. {@code main}'s
   * history is its head, the older commits given, then the Hub's {@code initial commit}; another
   * revision adds its own commit on top of {@code main}'s history (none when it pins main's sha); a
   * tag of {@link #tag} shares {@code main}'s commit.
   */
  public HubRepo build() {
    Map<String, RepoRevision> revisions = new LinkedHashMap<>();
    RepoRevision head = freeze(HubRepo.DEFAULT_BRANCH, main, List.of());
    List<HubCommit> mainHistory = new ArrayList<>();
    mainHistory.add(head.history().get(0));
    for (int i = 0; i < olderCommits.size(); i++) {
      mainHistory.add(commitOf(Hashes.sha1Hex(id + "\0history\0" + i), olderCommits.get(i)));
    }
    mainHistory.add(
        new HubCommit(
            Hashes.sha1Hex(id + "\0initial"),
            HubCommit.INITIAL_TITLE,
            "",
            authorName(),
            createdAt));
    head = new RepoRevision(head.name(), head.sha(), head.files(), false, mainHistory);
    revisions.put(HubRepo.DEFAULT_BRANCH, head);
    for (Map.Entry<String, RevisionFiles> other : otherRevisions.entrySet()) {
      revisions.put(other.getKey(), freeze(other.getKey(), other.getValue(), mainHistory));
    }
    for (String tag : mainTags) {
      revisions.put(tag, new RepoRevision(tag, head.sha(), head.files(), true, mainHistory));
    }
    return new HubRepo(this, revisions);
  }

  private RepoRevision freeze(String name, RevisionFiles files, List<HubCommit> below) {
    Map<String, HubFile> snapshot = files.snapshot();
    String sha = files.pinnedSha();
    if (sha == null) {
      sha = RepoRevision.deriveSha(id, name, snapshot);
    }
    List<HubCommit> history = new ArrayList<>();
    if (below.isEmpty() || !below.get(0).sha().equals(sha)) {
      history.add(commitOf(sha, files));
    }
    history.addAll(below);
    return new RepoRevision(name, sha, snapshot, files.isTag(), history);
  }

  private HubCommit commitOf(String sha, RevisionFiles files) {
    return new HubCommit(
        sha,
        files.commitTitle() != null ? files.commitTitle() : HubCommit.UPLOAD_TITLE,
        "",
        files.commitAuthor() != null ? files.commitAuthor() : authorName(),
        files.commitDate() != null
            ? files.commitDate()
            : lastModified != null ? lastModified : createdAt);
  }

  private String authorName() {
    return author != null ? author : id.substring(0, id.indexOf('/'));
  }
}
