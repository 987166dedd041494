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
   * Whether {@code /api/*} requests without a token are refused (401). Off by default for now: the
   * services' calls to each other (catalog → discovery and weights, deploy → catalog, discovery →
   * catalog) do not carry a token yet, so requiring one would break them. A token that is sent is
   * verified either way, and the actor comes from it. Set {@code MM_INTERNAL_TOKEN_REQUIRED=true}
   * where no service calls another; keep NetworkPolicies so only the gateway and the services reach
   * a service.
   */
  @WithDefault("false")
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
