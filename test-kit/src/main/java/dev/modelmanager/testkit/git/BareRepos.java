package dev.modelmanager.testkit.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Writes to bare repositories directly (no working tree): seed files, commits, merges. */
public final class BareRepos {
  private static final PersonIdent SERVER = new PersonIdent("git server", "git@localhost");

  private BareRepos() {}

  /** Creates (or keeps) a bare repository at {@code dir} whose HEAD is {@code branch}. */
  public static Path create(Path dir, String branch) {
    try {
      if (!dir.resolve("HEAD").toFile().isFile()) {
        Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch(branch).call().close();
      }
      return dir;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Repository open(Path dir) {
    try {
      return new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Commits {@code files} (path → content, null deletes) on top of {@code refName}. */
  public static String commitFiles(
      Repository repo, String refName, Map<String, String> files, String message) {
    try (ObjectInserter inserter = repo.newObjectInserter();
        RevWalk walk = new RevWalk(repo)) {
      ObjectId tip = repo.resolve(refName);
      Map<String, ObjectId> tree = new TreeMap<>();
      if (tip != null) {
        RevCommit parent = walk.parseCommit(tip);
        try (TreeWalk tw = new TreeWalk(repo)) {
          tw.addTree(parent.getTree());
          tw.setRecursive(true);
          while (tw.next()) {
            tree.put(tw.getPathString(), tw.getObjectId(0));
          }
        }
      }
      for (var f : files.entrySet()) {
        if (f.getValue() == null) {
          tree.remove(f.getKey());
        } else {
          tree.put(
              f.getKey(),
              inserter.insert(Constants.OBJ_BLOB, f.getValue().getBytes(StandardCharsets.UTF_8)));
        }
      }
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      tree.forEach(
          (path, id) -> {
            DirCacheEntry e = new DirCacheEntry(path);
            e.setFileMode(FileMode.REGULAR_FILE);
            e.setObjectId(id);
            builder.add(e);
          });
      builder.finish();
      ObjectId treeId = index.writeTree(inserter);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(treeId);
      if (tip != null) {
        commit.setParentId(tip);
      }
      commit.setAuthor(SERVER);
      commit.setCommitter(SERVER);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      update(repo, refName, tip, id);
      return id.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String commitFile(
      Repository repo, String refName, String path, String content, String message) {
    return commitFiles(repo, refName, Map.of(path, content), message);
  }

  /**
   * Merges branch {@code head} into {@code base} with a merge commit, as a pull request merge does;
   * answers the merge commit, or null when the branches conflict.
   */
  public static String merge(Repository repo, String base, String head, String message) {
    try (ObjectInserter inserter = repo.newObjectInserter();
        RevWalk walk = new RevWalk(repo)) {
      ObjectId baseTip = repo.resolve(Constants.R_HEADS + base);
      ObjectId headTip = repo.resolve(Constants.R_HEADS + head);
      ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repo, true);
      if (!merger.merge(baseTip, headTip)) {
        return null;
      }
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(merger.getResultTreeId());
      commit.setParentIds(baseTip, headTip);
      commit.setAuthor(SERVER);
      commit.setCommitter(SERVER);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      update(repo, Constants.R_HEADS + base, baseTip, id);
      return id.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The commit a branch points at, or null. */
  public static String tip(Repository repo, String branch) {
    try {
      ObjectId id = repo.resolve(Constants.R_HEADS + branch);
      return id == null ? null : id.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void update(Repository repo, String refName, ObjectId expected, ObjectId id)
      throws IOException {
    RefUpdate ru = repo.updateRef(refName);
    ru.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
    ru.setNewObjectId(id);
    ru.setRefLogMessage("test-kit", false);
    RefUpdate.Result r = ru.update();
    if (r != RefUpdate.Result.NEW
        && r != RefUpdate.Result.FAST_FORWARD
        && r != RefUpdate.Result.FORCED) {
      throw new IllegalStateException("could not move " + refName + ": " + r);
    }
  }
}
