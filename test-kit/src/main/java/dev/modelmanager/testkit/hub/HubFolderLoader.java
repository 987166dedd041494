package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads repositories from a folder laid out as {@code <root>/<org>/<name>/...files}; an optional
 * {@code <root>/<org>/<name>/_hub.json} holds the metadata (see {@link RepoMetadata}) and is not
 * served as a file.
 */
public final class HubFolderLoader {

  /** The metadata file name inside a repository folder. */
  public static final String METADATA_FILE = "_hub.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private HubFolderLoader() {}

  /** Every repository under {@code root}, sorted by id. */
  public static List<HubRepo> load(Path root) {
    List<HubRepo> repos = new ArrayList<>();
    for (Path org : directories(root)) {
      for (Path name : directories(org)) {
        repos.add(loadRepo(org.getFileName() + "/" + name.getFileName(), name));
      }
    }
    return repos;
  }

  /** One repository folder. */
  public static HubRepo loadRepo(String id, Path folder) {
    HubRepoBuilder builder = HubRepo.builder(id);
    try (Stream<Path> paths = Files.walk(folder)) {
      paths
          .filter(Files::isRegularFile)
          .filter(p -> !folder.relativize(p).toString().equals(METADATA_FILE))
          .sorted()
          .forEach(p -> builder.file(folder.relativize(p).toString().replace('\\', '/'), p));
      Path metadata = folder.resolve(METADATA_FILE);
      if (Files.isRegularFile(metadata)) {
        JsonNode meta = JSON.readTree(metadata.toFile());
        RepoMetadata.apply(builder, meta);
        Path config = folder.resolve("config.json");
        String configJson = Files.isRegularFile(config) ? Files.readString(config) : null;
        RepoMetadata.generateWeights(builder, meta, configJson, id);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load " + folder, e);
    }
    return builder.build();
  }

  private static List<Path> directories(Path parent) {
    try (Stream<Path> children = Files.list(parent)) {
      return children
          .filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
