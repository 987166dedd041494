package dev.modelmanager.testkit.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The files of one revision while a {@link HubRepo} is being built. */
public final class RevisionFiles {

  private final Map<String, HubFile> files = new TreeMap<>();
  private String sha;
  private boolean tag;
  private String commitTitle;
  private String commitAuthor;
  private java.time.Instant commitDate;

  RevisionFiles() {}

  RevisionFiles(RevisionFiles copy) {
    files.putAll(copy.files);
  }

  /** Adds (or replaces) a file. */
  public RevisionFiles file(String path, HubFile file) {
    files.put(normalize(path), file);
    return this;
  }

  /** Adds a file from bytes. */
  public RevisionFiles file(String path, byte[] content) {
    return file(path, HubFile.ofBytes(content));
  }

  /** Adds a UTF-8 text file. */
  public RevisionFiles textFile(String path, String content) {
    return file(path, HubFile.ofString(content));
  }

  /** Adds a file read from disk. */
  public RevisionFiles file(String path, Path source) {
    return file(path, HubFile.ofPath(source));
  }

  /** Adds every regular file under {@code directory}, at its relative path. */
  public RevisionFiles directory(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(p -> file(directory.relativize(p).toString().replace('\\', '/'), p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Adds several files. */
  public RevisionFiles files(Map<String, HubFile> more) {
    more.forEach(this::file);
    return this;
  }

  /** Adds the weight files (shards and index) of a generated model. */
  public RevisionFiles model(GeneratedModel model) {
    return files(model.files());
  }

  /** Removes a file. */
  public RevisionFiles remove(String path) {
    files.remove(normalize(path));
    return this;
  }

  /** Pins the commit sha (40 hex); otherwise it is derived from the files. */
  public RevisionFiles sha(String value) {
    if (value != null && !value.matches("[0-9a-f]{40}")) {
      throw new IllegalArgumentException("a commit sha is 40 lower-case hex digits: " + value);
    }
    this.sha = value;
    return this;
  }

  /** Makes this revision a tag ({@code refs/tags/<name>}) instead of a branch. */
  public RevisionFiles tag() {
    this.tag = true;
    return this;
  }

  /**
   * The commit this revision points to: its title, author and date (defaults: huggingface_hub's
   * upload title, the repo's author, its lastModified).
   */
  public RevisionFiles commit(String title, String author, java.time.Instant date) {
    this.commitTitle = title;
    this.commitAuthor = author;
    this.commitDate = date;
    return this;
  }

  boolean isTag() {
    return tag;
  }

  String commitTitle() {
    return commitTitle;
  }

  String commitAuthor() {
    return commitAuthor;
  }

  java.time.Instant commitDate() {
    return commitDate;
  }

  Map<String, HubFile> snapshot() {
    return new TreeMap<>(files);
  }

  String pinnedSha() {
    return sha;
  }

  private static String normalize(String path) {
    String normalized = path.replace('\\', '/');
    while (normalized.startsWith("/")) {
      normalized = normalized.substring(1);
    }
    if (normalized.isEmpty() || normalized.contains("//") || normalized.contains("../")) {
      throw new IllegalArgumentException("bad repository path: " + path);
    }
    return normalized;
  }
}
