package dev.modelmanager.discovery.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.discovery.domain.fit.FitEngine;
import dev.modelmanager.discovery.domain.fit.FitRecommendation;
import dev.modelmanager.discovery.domain.fit.FitRequest;
import dev.modelmanager.discovery.domain.fit.GpuOffer;
import dev.modelmanager.discovery.domain.gpu.GpuCatalog;
import dev.modelmanager.discovery.domain.model.ModelConfigParser;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import dev.modelmanager.discovery.domain.vllm.VllmArchitectureRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prints how long the fit table of one model over every known GPU profile takes (the work behind a
 * model's details and a recommendation), per real config. Run by bench/discovery/run.sh; not a
 * test.
 */
public final class FitTableBenchmark {
  private static final int WARMUP = 2_000;
  private static final int ROUNDS = 20_000;

  private FitTableBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path configs =
        Path.of(args.length > 0 ? args[0] : "discovery-service/src/test/resources/configs");
    VllmArchitectureRegistry registry;
    try (InputStream in =
        FitTableBenchmark.class
            .getClassLoader()
            .getResourceAsStream(VllmArchitectureRegistry.RESOURCE)) {
      registry = VllmArchitectureRegistry.load(in);
    }
    FitEngine engine = new FitEngine(registry);
    List<GpuOffer> gpus =
        GpuCatalog.all().stream().map(p -> new GpuOffer(p.id(), p.memoryBytes(), 8)).toList();
    ObjectMapper json = new ObjectMapper();
    System.out.printf(
        "%-58s %8s %10s %12s%n",
        "model (all " + gpus.size() + " GPU profiles)", "options", "µs/table", "tables/s");
    try (Stream<Path> files = Files.list(configs)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".json") && !f.toString().contains("hf_quant"))
              .sorted()
              .toList()) {
        JsonNode config = json.readTree(file.toFile());
        ModelGeometry geometry;
        try {
          geometry = ModelConfigParser.parse(config);
        } catch (RuntimeException e) {
          continue;
        }
        FitRequest request = FitRequest.of(geometry, gpus);
        FitRecommendation last = null;
        for (int i = 0; i < WARMUP; i++) {
          last = engine.recommend(request);
        }
        long start = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
          last = engine.recommend(request);
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / ROUNDS;
        System.out.printf(
            "%-58s %8d %10.1f %12.0f%n",
            file.getFileName(), last.options().size(), micros, 1_000_000 / micros);
      }
    }
  }
}
