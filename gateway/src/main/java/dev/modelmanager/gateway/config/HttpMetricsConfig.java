package dev.modelmanager.gateway.config;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * API latency as a Prometheus histogram at the gateway ({@code
 * http_server_requests_seconds_bucket}, by route template: see {@link
 * dev.modelmanager.gateway.proxy.RouteTemplates}), with a fixed set of twelve buckets so the series
 * stay bounded.
 */
@Singleton
public class HttpMetricsConfig {
  static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30)
  };

  @Produces
  @Singleton
  MeterFilter serverRequestHistogram() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (!"http.server.requests".equals(id.getName())) {
          return config;
        }
        double[] slos = new double[BUCKETS.length];
        for (int i = 0; i < BUCKETS.length; i++) {
          slos[i] = BUCKETS[i].toNanos();
        }
        return DistributionStatisticConfig.builder()
            .serviceLevelObjectives(slos)
            .build()
            .merge(config);
      }
    };
  }
}
