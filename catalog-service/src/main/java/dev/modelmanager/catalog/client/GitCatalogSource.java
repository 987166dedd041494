package dev.modelmanager.catalog.client;

import dev.modelmanager.catalog.config.CatalogConfig;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.jboss.logging.Logger;

/** Reads the catalog branch with JGit: clone once, then fetch and read the branch tip's tree. */
@ApplicationScoped
public class GitCatalogSource {
  private static final Logger LOG = Logger.getLogger(GitCatalogSource.class);
  private static final long MAX_ENTRY_BYTES = 1 << 20;

  private final CatalogConfig config;
  private final Vertx vertx;
  private final GitAccess access;

  GitCatalogSource(CatalogConfig config, Vertx vertx, GitAccess access) {
    this.config = config;
    this.vertx = vertx;
    this.access = access;
  }

  /**
   * The entry files at the tip of the configured branch. Git I/O runs on a worker thread and the
   * answer comes back on the caller's context, where the reactive session lives.
   */
  public Uni<CatalogSnapshot> latest() {
    return vertx.executeBlocking(Uni.createFrom().item(this::readLatest));
  }

  synchronized CatalogSnapshot readLatest() {
    try (Git git = openOrClone()) {
      access.authenticated(git.fetch().setRemote("origin")).call();
      Repository repo = git.getRepository();
      ObjectId tip = repo.resolve("refs/remotes/origin/" + config.branch());
      if (tip == null) {
        throw new ProblemException(
            ProblemType.CONFLICT, "The catalog repository has no branch '" + config.branch() + "'");
      }
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(tip.name()).call();
      return read(repo, tip);
    } catch (GitAPIException | IOException e) {
      LOG.warnf("catalog repository unreachable: %s", e.getClass().getName());
      throw GitAccess.problem(e);
    }
  }

  private CatalogSnapshot read(Repository repo, ObjectId tip) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(tip);
      try (TreeWalk tree = new TreeWalk(repo)) {
        tree.addTree(commit.getTree());
        tree.setRecursive(true);
        tree.setFilter(PathFilter.create(config.entriesPath()));
        while (tree.next()) {
          String path = tree.getPathString();
          if (isEntryFile(path)) {
            ObjectLoader loader = repo.open(tree.getObjectId(0));
            if (loader.getSize() > MAX_ENTRY_BYTES) {
              throw new ProblemException(
                  ProblemType.VALIDATION, path + " is larger than 1 MiB; entries are small files");
            }
            files.put(path, loader.getBytes());
          }
        }
      }
      return new CatalogSnapshot(commit.getName(), files);
    }
  }

  static boolean isEntryFile(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.endsWith(".yaml") || p.endsWith(".yml") || p.endsWith(".json");
  }

  private Git openOrClone() throws GitAPIException, IOException {
    Path checkout = Path.of(config.checkoutDir());
    if (Files.isDirectory(checkout.resolve(".git"))) {
      return Git.open(checkout.toFile());
    }
    initIfMissing();
    Files.createDirectories(checkout.getParent() == null ? checkout : checkout.getParent());
    return access
        .authenticated(
            Git.cloneRepository()
                .setURI(access.cloneUri())
                .setDirectory(checkout.toFile())
                .setBranch(config.branch()))
        .call();
  }

  private void initIfMissing() throws GitAPIException, IOException {
    String url = config.repoUrl();
    if (!config.initIfMissing() || !GitAccess.isLocalPath(url)) {
      return;
    }
    Path bare = Path.of(url);
    if (Files.exists(bare)) {
      return;
    }
    LOG.infof("creating an empty catalog repository at %s", bare);
    Git.init()
        .setBare(true)
        .setDirectory(bare.toFile())
        .setInitialBranch(config.branch())
        .call()
        .close();
    Path seed = Files.createTempDirectory("mm-catalog-seed");
    try (Git work =
        Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(seed.toFile()).call()) {
      Path folder = seed.resolve(config.entriesPath());
      Files.createDirectories(folder);
      Files.writeString(
          folder.resolve("README.md"),
          "One JSON file per approved model, <id>.json; the schema is GET /api/v1/catalog/schema.\n");
      work.add().addFilepattern(".").call();
      work.commit()
          .setMessage("Start the catalog")
          .setAuthor("model-manager", "mm@localhost")
          .call();
      work.push().setRemote("origin").add("HEAD:refs/heads/" + config.branch()).call();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
