package dev.modelmanager.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Who may call the gateway, under {@code mm.auth}. */
@ConfigMapping(prefix = "mm.auth")
public interface AuthConfig {

  Bootstrap bootstrap();

  Tokens tokens();

  Failures failures();

  Web web();

  /** The web console's sign-in through the OIDC browser session. */
  interface Web {
    /** The provider's name on the console's "Sign in with …" button. */
    @WithDefault("single sign-on")
    String providerName();
  }

  /** The first admin credential, so that a fresh installation can create the others. */
  interface Bootstrap {
    /**
     * Where the gateway writes a generated admin token (mode 0600) when the file is missing or
     * holds a token the gateway does not know; {@code bin/mm up} uses {@code .mm/admin-token}.
     */
    Optional<Path> tokenFile();

    /**
     * An admin token's plaintext to accept (created once, e.g. from a Kubernetes Secret); must have
     * the {@code mm_} format.
     */
    Optional<String> token();

    /** Whose token the bootstrap token is. */
    @WithDefault("local-admin")
    String subject();
  }

  /** API tokens. */
  interface Tokens {
    /** Lifetime of a token created without {@code expiresAt} or {@code ttl}. */
    @WithDefault("90d")
    Duration defaultTtl();

    /** The longest lifetime a token may be given. */
    @WithDefault("366d")
    Duration maxTtl();

    /** The longest grace period a rotation may leave the old secret valid. */
    @WithDefault("7d")
    Duration maxGrace();

    /** A use is written to {@code lastUsedAt} at most this often per token. */
    @WithDefault("60s")
    Duration touchInterval();

    /**
     * How long a verified token is remembered without asking the store again. A revocation,
     * rotation or any change to a token row is broadcast to every replica (Postgres {@code NOTIFY})
     * and empties the cache at once; this bound only matters if that broadcast is lost. {@code 0s}
     * turns the cache off (every request reads the store).
     */
    @WithDefault("60s")
    Duration cacheTtl();

    /** The most verified tokens remembered at once; the cache is emptied when it is full. */
    @WithDefault("10000")
    int cacheSize();
  }

  /** Refused credentials before an address is throttled. */
  interface Failures {
    /** Refused credentials from one address within {@link #window()} before 429. */
    @WithDefault("20")
    int max();

    @WithDefault("1m")
    Duration window();

    /** Client addresses never throttled (e.g. a monitoring prober): IPs or CIDR ranges. */
    Optional<List<String>> exempt();
  }
}
