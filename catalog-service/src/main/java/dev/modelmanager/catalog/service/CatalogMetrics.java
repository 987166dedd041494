package dev.modelmanager.catalog.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The catalog's metrics: {@code mm_catalog_reload_duration_seconds}, {@code mm_catalog_entries},
 * {@code mm_catalog_pull_requests_opened_total{kind}}, {@code
 * mm_catalog_validation_failures_total{check}}.
 */
// Created at start-up, so its meters are exported (at 0) before the first use.
@io.quarkus.runtime.Startup
@ApplicationScoped
public class CatalogMetrics {
  private final MeterRegistry registry;
  private final Timer reloads;
  private final AtomicInteger entries = new AtomicInteger();

  CatalogMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.reloads =
        Timer.builder("mm_catalog_reload_duration_seconds")
            .description("Time to read the catalog branch and apply it")
            .register(registry);
    registry.gauge("mm_catalog_entries", entries);
  }

  void reloaded(long nanos, int entryCount) {
    reloads.record(nanos, TimeUnit.NANOSECONDS);
    entries.set(entryCount);
  }

  void pullRequestOpened(String kind) {
    registry.counter("mm_catalog_pull_requests_opened_total", "kind", kind).increment();
  }

  void validationFailed(String check) {
    registry.counter("mm_catalog_validation_failures_total", "check", check).increment();
  }
}
