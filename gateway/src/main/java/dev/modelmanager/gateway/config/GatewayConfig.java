package dev.modelmanager.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gateway's settings, under {@code mm.gateway}. */
@ConfigMapping(prefix = "mm.gateway")
public interface GatewayConfig {

  /** The services behind the gateway, by name ({@code discovery-service}, …). */
  Map<String, Service> services();

  /** How long opening a TCP connection to a service may take before the gateway answers 502. */
  @WithDefault("500ms")
  Duration connectTimeout();

  /** How long a service may stay silent while answering before the gateway answers 504. */
  @WithDefault("30s")
  Duration responseTimeout();

  /**
   * The longest a whole proxied exchange may take (request, answer and its body) for a service
   * without its own {@code deadline}; past it the gateway answers 504, or cuts a started answer.
   */
  @WithDefault("60s")
  Duration deadline();

  /** How long the gateway waits for a service's system info, health or OpenAPI document. */
  @WithDefault("1s")
  Duration probeTimeout();

  /** How long the merged OpenAPI document is reused before the services are asked again. */
  @WithDefault("5s")
  Duration openapiCacheTtl();

  /** The largest request body the gateway accepts; larger ones are a 413 problem. */
  @WithDefault("10M")
  MemorySize maxBodySize();

  /** The longest request URI (path and query); longer ones are a 414 problem. */
  @WithDefault("4096")
  int maxUriLength();

  /** The largest total of request headers; more is a 431 problem. */
  @WithDefault("20K")
  MemorySize maxHeaderSize();

  /**
   * Peers (IP addresses or CIDR ranges) whose {@code X-Forwarded-*} headers are believed; from any
   * other peer they are replaced by what the gateway sees.
   */
  Optional<List<String>> trustedProxies();

  Pool pool();

  EventLog eventLog();

  /** One service behind the gateway. */
  interface Service {
    /** Base URL, e.g. {@code http://localhost:8081}. */
    String url();

    /** This service's total deadline per exchange, instead of {@code mm.gateway.deadline}. */
    Optional<Duration> deadline();
  }

  /** The upstream connection pool, shared by all services. */
  interface Pool {
    /** Keep-alive connections per service and event loop family. */
    @WithDefault("512")
    int maxSize();

    /**
     * How long a request may wait for a pooled connection (under load), apart from the TCP connect
     * timeout: queueing in the gateway is never answered as an unreachable service.
     */
    @WithDefault("30s")
    Duration acquireTimeout();

    /** How long an unused upstream connection is kept open. */
    @WithDefault("60s")
    Duration idleTimeout();
  }

  /** The log of every event on the mm.* topics. */
  interface EventLog {
    /** How long an event stays in the log before the scheduled cleanup deletes it. */
    @WithDefault("30d")
    Duration retention();
  }
}
