package dev.modelmanager.testkit.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The weight files produced by {@link SafetensorsGenerator}, with the numbers they add up to. */
public final class GeneratedModel {

  private final Map<String, HubFile> files;
  private final List<TensorSpec> tensors;
  private final long tensorBytes;

  GeneratedModel(Map<String, HubFile> files, List<TensorSpec> tensors, long tensorBytes) {
    this.files = Collections.unmodifiableMap(files);
    this.tensors = List.copyOf(tensors);
    this.tensorBytes = tensorBytes;
  }

  /** Repository path to file: the shards, then the index when sharded. */
  public Map<String, HubFile> files() {
    return files;
  }

  /** Every tensor of the model in module order. */
  public List<TensorSpec> tensors() {
    return tensors;
  }

  /** Sum of tensor data bytes (the index's {@code metadata.total_size}). */
  public long tensorBytes() {
    return tensorBytes;
  }

  /** Sum of the file sizes of the shards and the index. */
  public long totalFileBytes() {
    return files.values().stream().mapToLong(HubFile::size).sum();
  }

  /** Parameter count per dtype. */
  public Map<String, Long> parametersByDtype() {
    Map<String, Long> counts = new TreeMap<>();
    tensors.forEach(t -> counts.merge(t.dtype(), t.elements(), Long::sum));
    return counts;
  }

  /** Total parameter count. */
  public long parameterCount() {
    return tensors.stream().mapToLong(TensorSpec::elements).sum();
  }

  /** Writes every file under {@code directory} (only sensible for small models). */
  public void writeTo(Path directory) {
    try {
      Files.createDirectories(directory);
      for (Map.Entry<String, HubFile> entry : files.entrySet()) {
        try (InputStream in = entry.getValue().open(0)) {
          Files.copy(in, directory.resolve(entry.getKey()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
