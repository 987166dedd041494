package dev.modelmanager.kit.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The internal token the gateway signs for every request it forwards and the services verify
 * ({@code mm.internal-token.*}).
 */
@ConfigMapping(prefix = "mm.internal-token")
public interface InternalTokenConfig {

  /**
   * Whether {@code /api/*} requests without a token are refused (401). On by default: a service
   * answers the gateway only, and the calls services make to each other on a user's behalf pass
   * that user's token on ({@link InternalTokenForwarding}). The services' test profiles turn it off
   * so that tests may call a service directly; a token that is sent is verified either way.
   */
  @WithDefault("true")
  boolean required();

  /**
   * Whether this component verifies inbound internal tokens at all: true for every service; false
   * for the gateway, which mints them and guards its own endpoints with its filter pipeline.
   */
  @WithDefault("true")
  boolean verify();

  /** The gateway's public key (PEM file): the services verify with it. */
  Optional<String> publicKey();

  /** The gateway's private key (PEM file, PKCS#8): the gateway signs with it. */
  Optional<String> privateKey();

  /** How long a minted token is valid. */
  @WithDefault("60s")
  Duration ttl();
}
