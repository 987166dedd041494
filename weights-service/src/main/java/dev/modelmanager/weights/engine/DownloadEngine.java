package dev.modelmanager.weights.engine;

import dev.modelmanager.kit.hf.HubClient;
import dev.modelmanager.kit.hf.HubRangeReader;
import dev.modelmanager.weights.config.WeightsConfig;
import dev.modelmanager.weights.domain.PartPlanner;
import dev.modelmanager.weights.store.PartStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every install's transfers share: the connection budget of this replica ({@code
 * mm.weights.download.concurrency}), the worker threads, the part planner and the metrics.
 */
@Singleton
public class DownloadEngine {
  final WeightsConfig.Download config;
  final HubRangeReader reader;
  final PartStore parts;
  final PartPlanner planner;
  final IncompleteFiles incompleteFiles;
  final Semaphore connections;
  final Counter downloadedBytes;
  final Counter checksumFailures;
  private final ExecutorService workers;

  DownloadEngine(
      WeightsConfig config,
      HubClient hub,
      PartStore parts,
      IncompleteFiles incompleteFiles,
      MeterRegistry metrics) {
    this.config = config.download();
    this.incompleteFiles = incompleteFiles;
    this.reader = hub.rangeReader();
    this.parts = parts;
    this.planner =
        new PartPlanner(
            this.config.partsPerFile(), this.config.minPartBytes(), this.config.maxPartBytes());
    this.connections = new Semaphore(this.config.concurrency(), true);
    this.downloadedBytes =
        Counter.builder("mm_weights_downloaded_bytes")
            .description("Bytes received from the Hub")
            .baseUnit("bytes")
            .register(metrics);
    this.checksumFailures =
        Counter.builder("mm_weights_checksum_failures")
            .description("Files whose bytes did not match the Hub's checksum")
            .register(metrics);
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "weights-transfer-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  void submit(Runnable worker) {
    workers.execute(worker);
  }

  @PreDestroy
  void close() {
    workers.shutdownNow();
  }
}
