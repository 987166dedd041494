package dev.modelmanager.gateway.security;

import dev.modelmanager.gateway.config.AuthConfig;
import dev.modelmanager.gateway.service.ApiTokenService;
import dev.modelmanager.model.security.ApiTokenFormat;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.jboss.logging.Logger;

/**
 * The first admin credential of a fresh installation, so that there is never an "auth off" mode: a
 * token given in config ({@code mm.auth.bootstrap.token}, e.g. from a Kubernetes Secret) is made
 * known, and with {@code mm.auth.bootstrap.token-file} (the local run) a generated admin token is
 * written there with mode 0600 unless the file already holds one that works. The token itself is
 * never logged, only where it is.
 */
@ApplicationScoped
public class AdminBootstrap {
  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

  private final AuthConfig config;
  private final ApiTokenService tokens;

  AdminBootstrap(AuthConfig config, ApiTokenService tokens) {
    this.config = config;
    this.tokens = tokens;
  }

  void onStart(@Observes StartupEvent event) throws Throwable {
    String subject = config.bootstrap().subject();
    if (config.bootstrap().token().isPresent()) {
      String token = config.bootstrap().token().get().strip();
      boolean active =
          VertxContextSupport.subscribeAndAwait(() -> tokens.ensureAdmin(token, subject));
      if (!active) {
        LOG.warn("mm.auth.bootstrap.token is a revoked or expired token; it is not accepted");
      }
    }
    if (config.bootstrap().tokenFile().isPresent()) {
      Path file = config.bootstrap().tokenFile().get();
      String existing = read(file);
      if (existing != null
          && VertxContextSupport.subscribeAndAwait(() -> tokens.active(existing))) {
        LOG.infof("Admin token: %s", file.toAbsolutePath());
        return;
      }
      String created = ApiTokenFormat.generate();
      VertxContextSupport.subscribeAndAwait(() -> tokens.ensureAdmin(created, subject));
      write(file, created);
      LOG.infof("Created an admin token; it is in %s (mode 0600)", file.toAbsolutePath());
    }
  }

  private static String read(Path file) {
    try {
      return Files.isRegularFile(file)
          ? Files.readString(file, StandardCharsets.US_ASCII).strip()
          : null;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the admin token file " + file, e);
    }
  }

  private static void write(Path file, String token) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(tmp);
      }
      Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the admin token file " + file, e);
    }
  }
}
