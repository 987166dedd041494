package dev.modelmanager.catalog.client;

import dev.modelmanager.catalog.config.CatalogConfig;
import dev.modelmanager.kit.web.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jboss.logging.Logger;

/**
 * Writes entries to the catalog repository: one file committed on a branch on top of the branch's
 * tip (or the base branch when the branch is new), pushed over HTTPS with the configured token. A
 * push the remote rejects because someone else moved the branch is redone on the new tip; if it
 * keeps losing, a 409 problem says so. Uses its own working copy so reloads are not disturbed.
 */
@ApplicationScoped
public class GitCatalogWriter {
  private static final Logger LOG = Logger.getLogger(GitCatalogWriter.class);
  private static final int ATTEMPTS = 3;
  private static final Set<RemoteRefUpdate.Status> MOVED =
      EnumSet.of(
          RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD,
          RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED,
          RemoteRefUpdate.Status.REJECTED_OTHER_REASON);

  private final CatalogConfig config;
  private final GitAccess access;
  private final Vertx vertx;

  GitCatalogWriter(CatalogConfig config, GitAccess access, Vertx vertx) {
    this.config = config;
    this.access = access;
    this.vertx = vertx;
  }

  /** A file at the head of the base branch: its content (null when absent) and the commit. */
  public record BaseFile(String commit, byte[] content) {
    public String text() {
      return content == null ? null : new String(content, StandardCharsets.UTF_8);
    }
  }

  /**
   * What a publish did.
   *
   * @param changed false when the branch already held exactly this content (nothing pushed)
   * @param created true when the branch did not exist before
   */
  public record Published(String branch, String commit, boolean changed, boolean created) {}

  public Uni<BaseFile> readAtBase(String path) {
    return vertx.executeBlocking(Uni.createFrom().item(() -> readBlocking(path)));
  }

  public Uni<Published> publish(
      String branch, String path, String content, String message, PersonIdent author) {
    return vertx.executeBlocking(
        Uni.createFrom().item(() -> publishBlocking(branch, path, content, message, author)));
  }

  synchronized BaseFile readBlocking(String path) {
    try (Git git = openAndFetch()) {
      ObjectId base = remoteTip(git.getRepository(), config.branch());
      if (base == null) {
        throw ProblemException.conflict("The catalog repository has no branch " + config.branch());
      }
      return new BaseFile(base.name(), fileAt(git.getRepository(), base, path));
    } catch (GitAPIException | IOException e) {
      throw GitAccess.problem(e);
    }
  }

  synchronized Published publishBlocking(
      String branch, String path, String content, String message, PersonIdent author) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    try (Git git = openAndFetch()) {
      for (int attempt = 1; ; attempt++) {
        Repository repo = git.getRepository();
        ObjectId branchTip = remoteTip(repo, branch);
        ObjectId start = branchTip != null ? branchTip : remoteTip(repo, config.branch());
        if (start == null) {
          throw ProblemException.conflict(
              "The catalog repository has no branch " + config.branch());
        }
        if (branchTip != null && Arrays.equals(fileAt(repo, branchTip, path), bytes)) {
          return new Published(branch, branchTip.name(), false, false);
        }
        RevCommit commit = commitOnto(git, start, path, bytes, message, author);
        RemoteRefUpdate.Status status = push(git, commit, branch);
        if (status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE) {
          return new Published(branch, commit.name(), true, branchTip == null);
        }
        if (!MOVED.contains(status) || attempt >= ATTEMPTS) {
          throw ProblemException.conflict(
              "The branch "
                  + branch
                  + " kept moving while this change was pushed ("
                  + status
                  + "); try again");
        }
        LOG.infof("branch %s moved during the push (%s); redoing on its new tip", branch, status);
        access.authenticated(git.fetch().setRemote("origin").setRemoveDeletedRefs(true)).call();
      }
    } catch (GitAPIException | IOException e) {
      throw GitAccess.problem(e);
    }
  }

  private RevCommit commitOnto(
      Git git, ObjectId start, String path, byte[] bytes, String message, PersonIdent author)
      throws GitAPIException, IOException {
    git.checkout().setForced(true).setName(start.name()).call();
    git.clean().setForce(true).setCleanDirectories(true).call();
    Path file = git.getRepository().getWorkTree().toPath().resolve(path).normalize();
    if (!file.startsWith(git.getRepository().getWorkTree().toPath())) {
      throw new IllegalArgumentException("path leaves the repository");
    }
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    git.add().addFilepattern(path).call();
    PersonIdent committer = new PersonIdent(config.bot().name(), config.bot().email());
    return git.commit()
        .setMessage(message)
        .setAuthor(author == null ? committer : author)
        .setCommitter(committer)
        .setSign(false)
        .call();
  }

  private RemoteRefUpdate.Status push(Git git, RevCommit commit, String branch)
      throws GitAPIException {
    Iterable<PushResult> results =
        access
            .authenticated(
                git.push()
                    .setRemote("origin")
                    .setRefSpecs(new RefSpec(commit.name() + ":refs/heads/" + branch)))
            .call();
    for (PushResult r : results) {
      for (RemoteRefUpdate u : r.getRemoteUpdates()) {
        return u.getStatus();
      }
    }
    return RemoteRefUpdate.Status.NOT_ATTEMPTED;
  }

  private Git openAndFetch() throws GitAPIException, IOException {
    Path dir = Path.of(config.checkoutDir() + "-authoring");
    Git git;
    if (Files.isDirectory(dir.resolve(".git"))) {
      git = Git.open(dir.toFile());
    } else {
      Files.createDirectories(dir.getParent() == null ? dir : dir.getParent());
      git =
          access
              .authenticated(
                  Git.cloneRepository()
                      .setURI(access.cloneUri())
                      .setDirectory(dir.toFile())
                      .setNoCheckout(true))
              .call();
    }
    access.authenticated(git.fetch().setRemote("origin").setRemoveDeletedRefs(true)).call();
    return git;
  }

  private static ObjectId remoteTip(Repository repo, String branch) throws IOException {
    return repo.resolve("refs/remotes/origin/" + branch);
  }

  private static byte[] fileAt(Repository repo, ObjectId commitId, String path) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(commitId);
      try (TreeWalk tree = TreeWalk.forPath(repo, path, commit.getTree())) {
        return tree == null ? null : repo.open(tree.getObjectId(0)).getBytes();
      }
    }
  }
}
