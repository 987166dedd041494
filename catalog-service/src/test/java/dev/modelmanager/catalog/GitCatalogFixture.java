package dev.modelmanager.catalog;

import dev.modelmanager.testkit.catalog.DemoCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/** A real bare git repository standing in for the catalog remote, plus a clone to commit from. */
public final class GitCatalogFixture {
  private final Path bare;
  private final Path work;

  private GitCatalogFixture(Path bare, Path work) {
    this.bare = bare;
    this.work = work;
  }

  public static GitCatalogFixture create() {
    try {
      Path root = Files.createTempDirectory("mm-catalog-test");
      Path bare = root.resolve("catalog.git");
      Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
      Path work = root.resolve("work");
      Git.cloneRepository()
          .setURI(bare.toUri().toString())
          .setDirectory(work.toFile())
          .call()
          .close();
      GitCatalogFixture f = new GitCatalogFixture(bare, work);
      f.commit("Start", Map.of("models/README.md", "entries live here\n"));
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fixture created earlier in this JVM, found by its folder. */
  public static GitCatalogFixture open(Path root) {
    return new GitCatalogFixture(root.resolve("catalog.git"), root.resolve("work"));
  }

  public Path root() {
    return bare.getParent();
  }

  public String url() {
    return bare.toUri().toString();
  }

  /** Writes (or, with a null content, deletes) files, commits and pushes to main. */
  public synchronized String commit(String message, Map<String, String> files) {
    try (Git git = Git.open(work.toFile())) {
      for (var f : files.entrySet()) {
        Path p = work.resolve(f.getKey());
        if (f.getValue() == null) {
          Files.deleteIfExists(p);
          git.rm().addFilepattern(f.getKey()).call();
        } else {
          Files.createDirectories(p.getParent());
          Files.writeString(p, f.getValue());
          git.add().addFilepattern(f.getKey()).call();
        }
      }
      String sha =
          git.commit().setMessage(message).setAuthor("test", "test@localhost").call().getName();
      git.push().setRemote("origin").add("HEAD:refs/heads/main").call();
      return sha;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Makes {@code models/} hold exactly {@code entries} (file name → content), besides its README,
   * in one commit: a test starts from a state it names instead of one an earlier test left.
   */
  public synchronized String replaceModels(String message, Map<String, String> entries) {
    Map<String, String> files = new java.util.HashMap<>(entries);
    try (var existing = Files.list(work.resolve("models"))) {
      existing
          .map(f -> "models/" + f.getFileName())
          .filter(f -> !f.equals("models/README.md") && !files.containsKey(f))
          .forEach(f -> files.put(f, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return commit(message, files);
  }

  /** A schema-valid entry file (canonical JSON) pinned to a made-up commit. */
  public static String entry(String id, String repo) {
    return DemoCatalog.entry(id, repo, "0123456789abcdef0123456789abcdef01234567");
  }
}
