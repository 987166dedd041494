package dev.modelmanager.kit.hf;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach the Hugging Face Hub; {@code HF_ENDPOINT} and {@code HF_TOKEN} as in the HF tools.
 */
@ConfigMapping(prefix = "mm.hf")
public interface HubConfig {
  /** Base URL of the Hub. */
  @WithDefault("${HF_ENDPOINT:https://huggingface.co}")
  String endpoint();

  /**
   * Access token for gated and private repositories; {@code HF_TOKEN} (environment variable or any
   * config source) when unset.
   */
  @WithDefault("${HF_TOKEN:}")
  Optional<String> token();

  /** The token to send: {@code mm.hf.token}, else {@code HF_TOKEN}; never blank. */
  default Optional<String> effectiveToken() {
    return token().filter(t -> !t.isBlank());
  }

  @WithDefault("5s")
  Duration connectTimeout();

  /** Longest wait for one response (headers and body). */
  @WithDefault("60s")
  Duration requestTimeout();

  /** Retries of an idempotent request after 429, 5xx or a connection failure. */
  @WithDefault("4")
  int maxRetries();

  @WithDefault("500ms")
  Duration initialBackoff();

  /** Upper bound of one wait, including a server's Retry-After. */
  @WithDefault("30s")
  Duration maxBackoff();
}
