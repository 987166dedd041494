package dev.modelmanager.weights.engine;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens the {@code .incomplete} file a download writes its parts into. A seam: tests replace it
 * with channels whose disk fills up, so a full disk is exercised with the JDK's own {@code
 * IOException} and without root or a small file system.
 */
@ApplicationScoped
public class IncompleteFiles {
  /** Opens (creating if needed) {@code incomplete} for reading and writing at any offset. */
  public FileChannel open(Path incomplete) throws IOException {
    return FileChannel.open(
        incomplete, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }
}
