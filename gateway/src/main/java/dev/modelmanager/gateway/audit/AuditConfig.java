package dev.modelmanager.gateway.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The audit trail's settings, under {@code mm.audit}. */
@ConfigMapping(prefix = "mm.audit")
public interface AuditConfig {

  /**
   * A PKCS#8 PEM file with the Ed25519 private key that signs records. Set it together with {@link
   * #publicKey()}; when both are unset a pair is generated once under {@link #keyDir()}.
   */
  Optional<String> signingKey();

  /** The X.509 (SubjectPublicKeyInfo) PEM file with the matching Ed25519 public key. */
  Optional<String> publicKey();

  /**
   * Where a generated key pair is kept ({@code audit-signing.pem}, mode 0600, and {@code
   * audit-public.pem}); every gateway replica must share it, or configure the keys.
   */
  @WithDefault(".mm/keys")
  String keyDir();

  /** Records waiting to be written; past this, new ones are dropped (logged and counted). */
  @WithDefault("10000")
  int queueCapacity();

  /** How many queued records one database transaction appends at most. */
  @WithDefault("200")
  int batchSize();

  /** The longest wait between attempts while the database refuses writes. */
  @WithDefault("10s")
  Duration maxRetryDelay();
}
