package dev.modelmanager.systemtests.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Where the repository and this module's scratch folder are. */
final class RepoTree {

  private RepoTree() {}

  /** The repository root: set by surefire (mm.repo.root), or the parent of the module folder. */
  static Path root() {
    String configured = System.getProperty("mm.repo.root");
    Path root = configured != null ? Path.of(configured) : Path.of("..");
    return root.toAbsolutePath().normalize();
  }

  static Path deploy() {
    return root().resolve("deploy");
  }

  /** A fresh folder under system-tests/target for one kind of check. */
  static Path scratch(String name) {
    Path dir = root().resolve("system-tests/target").resolve(name);
    try {
      deleteTree(dir);
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the files of {@code from} that {@code include} accepts, keeping the folder layout. */
  static void copyTree(Path from, Path to, Predicate<Path> include) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (include.test(p)) {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted((a, b) -> b.compareTo(a))::iterator) {
        Files.delete(p);
      }
    }
  }
}
