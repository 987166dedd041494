package dev.modelmanager.weights.hubcache;

import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.weights.domain.HubPath;
import dev.modelmanager.weights.domain.PlannedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One storage location laid out as a Hugging Face hub cache: {@code
 * models--{org}--{name}/blobs/{hash}}, {@code snapshots/{commit}/{path}} as relative symlinks into
 * {@code blobs/}, {@code refs/{revision}} holding the commit. Partial data lives in {@code
 * blobs/{hash}.incomplete}; a snapshot appears in one rename once all of its blobs are verified.
 */
public final class HubCacheLayout {
  public static final String INCOMPLETE = ".incomplete";
  private static final String STAGING = ".mm-staging";
  private static final String TREES = ".mm-trees";

  /** How old an unreferenced tree must be before start-up cleaning takes it for a crash's. */
  private static final java.time.Duration ORPHAN_TREE_AGE = java.time.Duration.ofMinutes(10);

  private final Path root;

  public HubCacheLayout(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path repoDir(RepoId repo) {
    return root.resolve("models--" + repo.org() + "--" + repo.name());
  }

  public Path blob(RepoId repo, String hash) {
    if (!HubPath.isBlobName(hash)) {
      throw new IllegalArgumentException("not a blob name: " + hash);
    }
    return repoDir(repo).resolve("blobs").resolve(hash);
  }

  public Path incomplete(RepoId repo, String hash) {
    Path blob = blob(repo, hash);
    return blob.resolveSibling(hash + INCOMPLETE);
  }

  public Path snapshot(RepoId repo, String commit) {
    if (!HubPath.isCommit(commit)) {
      throw new IllegalArgumentException("not a commit: " + commit);
    }
    return repoDir(repo).resolve("snapshots").resolve(commit);
  }

  /** Whether a verified blob of at least {@code size} bytes is present. */
  public boolean hasBlob(RepoId repo, String hash, long size) {
    Path blob = blob(repo, hash);
    try {
      return Files.isRegularFile(blob, LinkOption.NOFOLLOW_LINKS) && Files.size(blob) == size;
    } catch (IOException e) {
      return false;
    }
  }

  /** Bytes already in a blob's {@code .incomplete} file (0 when there is none). */
  public long incompleteBytes(RepoId repo, String hash) {
    try {
      return Files.size(incomplete(repo, hash));
    } catch (IOException e) {
      return 0;
    }
  }

  /** Makes a verified {@code .incomplete} the blob, atomically and durably. */
  public void promote(RepoId repo, String hash) throws IOException {
    Path blob = blob(repo, hash);
    move(incomplete(repo, hash), blob);
    syncDirectory(blob.getParent());
  }

  /**
   * Publishes {@code snapshots/{commit}} and replaces an existing one atomically: the links are
   * built in a new tree {@code .mm-trees/{commit}.{id}} (at the depth of {@code
   * snapshots/{commit}}, so the same relative links reach {@code blobs/}), and {@code
   * snapshots/{commit}} is a symlink to it that one rename swaps. A reader sees the old snapshot or
   * the new one, never a half-written or missing one; the replaced tree is deleted once it is
   * {@link #ORPHAN_TREE_AGE} old. (A snapshot published as a plain folder by an earlier version is
   * moved aside first: that one replacement has a moment without it.)
   */
  public void publishSnapshot(RepoId repo, String commit, List<PlannedFile> files)
      throws IOException {
    Path repoDir = repoDir(repo);
    Path target = snapshot(repo, commit);
    String id = commit + "." + UUID.randomUUID();
    Path tree = repoDir.resolve(TREES).resolve(id);
    Files.createDirectories(tree);
    for (PlannedFile f : files) {
      Path link = inside(tree, HubPath.validate(f.path()));
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, relativeTarget(f.path(), f.blob()));
    }
    syncTree(tree);
    syncDirectory(tree.getParent());
    Path staging = repoDir.resolve(STAGING);
    Files.createDirectories(staging);
    Files.createDirectories(target.getParent());
    // Relative to the folder holding the link: staging and snapshots/ are both one level down.
    Path link = staging.resolve(UUID.randomUUID().toString());
    Files.createSymbolicLink(link, Path.of("..", TREES, id));
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      Path old = staging.resolve("old-" + UUID.randomUUID());
      move(target, old);
      move(link, target);
      deleteTree(old);
    } else {
      move(link, target);
    }
    syncDirectory(target.getParent());
    // The replaced tree stays for readers that resolved the link before the swap and are still
    // listing it; trees nothing points to go once they are old (they only hold links).
    cleanOrphanTrees(repoDir);
    deleteIfEmpty(staging);
  }

  /** The tree a {@code snapshots/{commit}} link points to; null for a folder or nothing. */
  private Path treeOf(Path snapshot) throws IOException {
    if (!Files.isSymbolicLink(snapshot)) {
      return null;
    }
    Path tree = snapshot.getParent().resolve(Files.readSymbolicLink(snapshot)).normalize();
    Path trees = snapshot.getParent().getParent().resolve(TREES);
    return tree.startsWith(trees) && !tree.equals(trees) ? tree : null;
  }

  /** The folder holding a snapshot's links: the tree its link points to, or the folder itself. */
  private Path contentOf(Path snapshot) throws IOException {
    Path tree = treeOf(snapshot);
    return tree != null ? tree : snapshot;
  }

  private static void syncTree(Path tree) throws IOException {
    try (Stream<Path> dirs = Files.walk(tree)) {
      for (Path d : dirs.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
        syncDirectory(d);
      }
    }
  }

  /** The relative link from {@code snapshots/{commit}/{path}} to {@code blobs/{hash}}. */
  static Path relativeTarget(String path, String hash) {
    int depth = path.split("/").length - 1;
    return Path.of("../".repeat(2 + depth) + "blobs/" + hash);
  }

  /** Writes {@code refs/{revision}} = commit (not for a revision that is itself the commit). */
  public void writeRef(RepoId repo, String revision, String commit) throws IOException {
    if (revision.equals(commit)) {
      return;
    }
    Path ref = inside(repoDir(repo).resolve("refs"), HubPath.validateRevision(revision));
    Files.createDirectories(ref.getParent());
    Path tmp = ref.resolveSibling("." + ref.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try (FileChannel out =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      out.write(java.nio.ByteBuffer.wrap(commit.getBytes(StandardCharsets.UTF_8)));
      out.force(true);
    }
    move(tmp, ref);
    syncDirectory(ref.getParent());
  }

  /**
   * Removes what a crash left half-done: staging folders of snapshots never published and temporary
   * ref files. {@code .incomplete} blobs stay: their persisted parts resume.
   */
  public int cleanAfterCrash() throws IOException {
    int removed = 0;
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "models--*")) {
      for (Path dir : dirs) {
        Path staging = dir.resolve(STAGING);
        if (Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
          deleteTree(staging);
          removed++;
        }
        removed += cleanOrphanTrees(dir);
        Path refs = dir.resolve("refs");
        if (Files.isDirectory(refs)) {
          try (Stream<Path> files = Files.walk(refs)) {
            for (Path tmp :
                files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
              Files.deleteIfExists(tmp);
              removed++;
            }
          }
        }
      }
    }
    return removed;
  }

  /**
   * Deletes trees no {@code snapshots/} link points to (a crash between building a tree and the
   * swap, or before the replaced tree was deleted), once they are old enough that no other replica
   * sharing the location can still be about to publish them.
   */
  private int cleanOrphanTrees(Path repoDir) throws IOException {
    Path trees = repoDir.resolve(TREES);
    if (!Files.isDirectory(trees, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    java.util.Set<Path> live = new java.util.HashSet<>();
    Path snapshots = repoDir.resolve("snapshots");
    if (Files.isDirectory(snapshots)) {
      try (Stream<Path> s = Files.list(snapshots)) {
        for (Path snap : s.toList()) {
          Path tree = treeOf(snap);
          if (tree != null) {
            live.add(tree);
          }
        }
      }
    }
    java.time.Instant before = java.time.Instant.now().minus(ORPHAN_TREE_AGE);
    int removed = 0;
    try (Stream<Path> s = Files.list(trees)) {
      for (Path tree : s.toList()) {
        if (!live.contains(tree.normalize())
            && Files.getLastModifiedTime(tree, LinkOption.NOFOLLOW_LINKS)
                .toInstant()
                .isBefore(before)) {
          deleteTree(tree);
          removed++;
        }
      }
    }
    return removed;
  }

  /**
   * fsync of a directory, so the renames in it survive a power loss. Not every file system lets a
   * directory be opened for that; there the rename is as durable as the platform makes it.
   */
  static void syncDirectory(Path dir) {
    try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
      c.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not supported here (e.g. some network file systems): nothing more can be done.
    }
  }

  /** Removes a snapshot folder and the refs that point to it. */
  public void deleteSnapshot(RepoId repo, String commit) throws IOException {
    Path snapshot = snapshot(repo, commit);
    Path tree = treeOf(snapshot);
    deleteTree(snapshot);
    if (tree != null) {
      deleteTree(tree);
    }
    for (Map.Entry<String, String> ref : refs(repo).entrySet()) {
      if (ref.getValue().equals(commit)) {
        Files.deleteIfExists(repoDir(repo).resolve("refs").resolve(ref.getKey()));
      }
    }
  }

  public void deleteBlob(RepoId repo, String hash) throws IOException {
    Files.deleteIfExists(blob(repo, hash));
    Files.deleteIfExists(incomplete(repo, hash));
  }

  /** Drops a repo folder that holds no snapshot any more. */
  public void deleteRepoIfEmpty(RepoId repo) throws IOException {
    Path snapshots = repoDir(repo).resolve("snapshots");
    boolean empty;
    try (Stream<Path> s = Files.list(snapshots)) {
      empty = s.findAny().isEmpty();
    } catch (NoSuchFileException e) {
      empty = true;
    }
    if (empty && !hasAnyBlob(repo)) {
      deleteTree(repoDir(repo));
    }
  }

  private boolean hasAnyBlob(RepoId repo) throws IOException {
    try (Stream<Path> s = Files.list(repoDir(repo).resolve("blobs"))) {
      return s.findAny().isPresent();
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** refs/** as revision → commit. */
  public Map<String, String> refs(RepoId repo) throws IOException {
    Path refs = repoDir(repo).resolve("refs");
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.isDirectory(refs)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(refs)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        String name = refs.relativize(p).toString().replace('\\', '/');
        if (!name.startsWith(".") && !name.contains("/.")) {
          out.put(name, Files.readString(p).trim());
        }
      }
    }
    return out;
  }

  /** A repository folder found on disk. */
  public record RepoOnDisk(RepoId repo, List<SnapshotOnDisk> snapshots, Map<String, Long> blobs) {}

  /** A snapshot folder: its files as path → blob (null for a broken link or a regular file). */
  public record SnapshotOnDisk(String commit, Map<String, String> files, boolean complete) {}

  /** Every {@code models--*} folder with its snapshots and blobs. */
  public List<RepoOnDisk> scan() throws IOException {
    List<RepoOnDisk> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "models--*")) {
      for (Path dir : dirs) {
        parseRepo(dir.getFileName().toString()).ifPresent(repo -> out.add(scanRepo(repo)));
      }
    }
    out.sort(Comparator.comparing(r -> r.repo().toString()));
    return out;
  }

  private RepoOnDisk scanRepo(RepoId repo) {
    try {
      Map<String, Long> blobs = new LinkedHashMap<>();
      Path blobsDir = repoDir(repo).resolve("blobs");
      if (Files.isDirectory(blobsDir)) {
        try (Stream<Path> s = Files.list(blobsDir)) {
          for (Path b : s.sorted().toList()) {
            String name = b.getFileName().toString();
            if (HubPath.isBlobName(name) && Files.isRegularFile(b, LinkOption.NOFOLLOW_LINKS)) {
              blobs.put(name, Files.size(b));
            }
          }
        }
      }
      List<SnapshotOnDisk> snapshots = new ArrayList<>();
      Path snapDir = repoDir(repo).resolve("snapshots");
      if (Files.isDirectory(snapDir)) {
        try (Stream<Path> s = Files.list(snapDir)) {
          for (Path snap : s.sorted().toList()) {
            String commit = snap.getFileName().toString();
            if (HubPath.isCommit(commit) && Files.isDirectory(contentOf(snap))) {
              snapshots.add(scanSnapshot(snap, commit, blobs));
            }
          }
        }
      }
      return new RepoOnDisk(repo, snapshots, blobs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SnapshotOnDisk scanSnapshot(Path snap, String commit, Map<String, Long> blobs)
      throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    boolean complete = true;
    Path content = contentOf(snap);
    Path blobsDir = snap.getParent().getParent().resolve("blobs");
    try (Stream<Path> s = Files.walk(content)) {
      for (Path p :
          s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
        String rel = content.relativize(p).toString().replace('\\', '/');
        String blob = null;
        if (Files.isSymbolicLink(p)) {
          Path target = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
          String name = target.getFileName().toString();
          if (target.getParent().equals(blobsDir) && blobs.containsKey(name)) {
            blob = name;
          }
        }
        complete &= blob != null;
        files.put(rel, blob);
      }
    }
    return new SnapshotOnDisk(commit, files, complete);
  }

  static Optional<RepoId> parseRepo(String folder) {
    String rest = folder.substring("models--".length());
    int sep = rest.indexOf("--");
    if (sep <= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(new RepoId(rest.substring(0, sep), rest.substring(sep + 2)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code base/relative}, refusing anything that would resolve outside {@code base}. */
  static Path inside(Path base, String relative) {
    Path p = base.resolve(relative).normalize();
    if (!p.startsWith(base.normalize()) || p.equals(base.normalize())) {
      throw new IllegalArgumentException("path escapes its folder: " + relative);
    }
    return p;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      // A non-empty folder cannot be replaced atomically; callers move it away first.
      throw e;
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void deleteIfEmpty(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // Not empty: another install is staging; fine.
    }
  }
}
