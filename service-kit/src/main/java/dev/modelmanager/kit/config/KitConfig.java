package dev.modelmanager.kit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings every service shares, under {@code mm.}. Each service adds its own {@code mm.<service>}.
 */
@ConfigMapping(prefix = "mm")
public interface KitConfig {

  /** The component's name as shown in system info, metrics and event sources. */
  String serviceName();

  /** The Postgres schema this service owns; also names its outbox channel. */
  String schema();

  /** Which store backs the repositories: the Postgres server, or a local SQLite file. */
  @WithDefault("postgres")
  StoreKind store();

  Sqlite sqlite();

  Outbox outbox();

  ProcessedEvents processedEvents();

  Cleanup cleanup();

  /** The store behind every repository. */
  enum StoreKind {
    POSTGRES,
    SQLITE
  }

  /** Local-development fallback store. */
  interface Sqlite {
    /** The database file; its folder is created when missing. */
    @WithDefault(".mm/data/${mm.service-name}.sqlite")
    String path();
  }

  /** The transactional outbox relay. */
  interface Outbox {
    /** How often the relay looks for unpublished events when no notification woke it. */
    @WithDefault("2s")
    Duration pollInterval();

    /** Events read and published per relay transaction. */
    @WithDefault("100")
    int batchSize();

    /** How long one publish may wait for the broker's acknowledgement. */
    @WithDefault("15s")
    Duration publishTimeout();

    /** Turns the relay off (events then stay in the outbox table). */
    @WithDefault("true")
    boolean enabled();

    /** How long a published row stays in the outbox (for inspection) before it is deleted. */
    @WithDefault("7d")
    Duration retention();

    /**
     * How often the backlog gauges ({@code mm_outbox_pending_events}, {@code
     * mm_outbox_oldest_pending_age_seconds}) are read from the outbox table.
     */
    @WithDefault("15s")
    Duration metricsInterval();
  }

  /** Consumer-side deduplication records. */
  interface ProcessedEvents {
    /**
     * How long an applied event id is remembered. Keep it above the topics' Kafka retention, so
     * that anything the broker can still redeliver is recognised as seen.
     */
    @WithDefault("14d")
    Duration retention();
  }

  /** The scheduled deletion of rows past their retention (outbox, dedupe records, event log). */
  interface Cleanup {
    /** How often expired rows are deleted. */
    @WithDefault("10m")
    Duration interval();
  }
}
