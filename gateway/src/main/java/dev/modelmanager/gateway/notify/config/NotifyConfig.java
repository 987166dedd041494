package dev.modelmanager.gateway.notify.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Notification settings, under {@code mm.notify} ({@code MM_NOTIFY_…} in the environment). */
@ConfigMapping(prefix = "mm.notify")
public interface NotifyConfig {

  /** Whether the gateway delivers notifications at all (the API works either way). */
  @WithDefault("true")
  boolean enabled();

  /**
   * Whether plain {@code http} targets are accepted (local receivers only; never in production).
   */
  @WithDefault("false")
  boolean allowHttp();

  /**
   * Targets exempt from the private-address refusal: {@code host:port} entries or IP/CIDR ranges
   * ({@code MM_NOTIFY_ALLOWED_TARGETS=127.0.0.1/32,receiver.local:9000}).
   */
  Optional<List<String>> allowedTargets();

  /** Attempts before a delivery is dead-lettered. */
  @WithDefault("8")
  int maxAttempts();

  /** The first retry delay; it doubles per attempt (with jitter) up to {@link #backoffMax()}. */
  @WithDefault("1s")
  Duration backoffInitial();

  @WithDefault("10m")
  Duration backoffMax();

  /** How often the dispatcher looks for new events and due retries when idle. */
  @WithDefault("200ms")
  Duration pollInterval();

  /** Connect + answer timeout of one HTTP delivery. */
  @WithDefault("10s")
  Duration requestTimeout();

  /**
   * How long a replica holds the deliveries it claimed for an email digest while it sends it; if it
   * dies meanwhile, another replica (or the restarted one) sends them after this. Longer than an
   * SMTP send can take.
   */
  @WithDefault("2m")
  Duration digestLease();

  /** The UI's public base URL, for the links in messages. */
  @WithDefault("http://localhost:8080")
  String uiBaseUrl();

  /** The sender address of notification emails. */
  @WithDefault("model-manager@localhost")
  String emailFrom();

  Stream stream();

  /** The SSE event stream. */
  interface Stream {
    /** How often an idle stream gets a comment line. */
    @WithDefault("15s")
    Duration heartbeat();

    /** Events buffered for a slow client before it is disconnected. */
    @WithDefault("1000")
    int maxBuffered();
  }
}
