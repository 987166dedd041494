package dev.modelmanager.testkit.hub;

import java.nio.file.Files;
import java.nio.file.Path;

/** The arguments of {@link FakeHub#main}: {@code --port <n>} and {@code --root <dir>}. */
record HubCommandLine(int port, Path root) {

  static final int DEFAULT_PORT = 8090;

  static HubCommandLine parse(String[] args) {
    int port = DEFAULT_PORT;
    Path root = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (value == null && (name.equals("--port") || name.equals("--root"))) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        value = args[++i];
      }
      switch (name) {
        case "--port" -> port = Integer.parseInt(value);
        case "--root" -> root = Path.of(value);
        default ->
            throw new IllegalArgumentException(
                "unknown argument " + arg + "; use --port <n> --root <dir>");
      }
    }
    if (root != null && !Files.isDirectory(root)) {
      throw new IllegalArgumentException("--root " + root + " is not a directory");
    }
    return new HubCommandLine(port, root);
  }
}
