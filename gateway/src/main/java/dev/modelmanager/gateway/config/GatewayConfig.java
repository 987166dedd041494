package dev.modelmanager.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The gateway's settings, under {@code mm.gateway}. */
@ConfigMapping(prefix = "mm.gateway")
public interface GatewayConfig {

  /** The services behind the gateway, by name ({@code discovery-service}, …). */
  Map<String, Service> services();

  /** How long opening a connection to a service may take before the gateway answers 502. */
  @WithDefault("500ms")
  Duration connectTimeout();

  /** How long a service may stay silent while answering before the gateway answers 504. */
  @WithDefault("30s")
  Duration responseTimeout();

  /** How long the gateway waits for a service's system info, health or OpenAPI document. */
  @WithDefault("1s")
  Duration probeTimeout();

  /** How long the merged OpenAPI document is reused before the services are asked again. */
  @WithDefault("5s")
  Duration openapiCacheTtl();

  Auth auth();

  /** One service behind the gateway. */
  interface Service {
    /** Base URL, e.g. {@code http://localhost:8081}. */
    String url();
  }

  /** Reserved for the authentication filter; shown redacted in system info. */
  interface Auth {
    /** A bootstrap admin API token for local development; absent in production. */
    Optional<String> bootstrapToken();
  }
}
