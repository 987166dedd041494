package dev.modelmanager.deploy;

import dev.modelmanager.model.catalog.ApprovedEntry;
import dev.modelmanager.model.catalog.ModelEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Catalog entries shaped like catalog-service's, served by the fake catalog in tests. */
public final class CatalogFixtures {
  public static final String CATALOG_COMMIT = "9f1c2a7b3d4e5f60718293a4b5c6d7e8f9012345";
  public static final String QWEN_COMMIT = "060db6499f32faf8b98477b0a26969ef7d8b9987";

  private CatalogFixtures() {}

  /** Every fixture entry by id. */
  public static Map<String, ApprovedEntry> all() {
    Map<String, ApprovedEntry> all = new LinkedHashMap<>();
    for (ModelEntry e :
        List.of(
            qwenSmall("qwen-small").build(),
            qwenSmall("qwen-small-long").withContext(),
            llama8bTensorParallel(),
            mixtralWithEverything(),
            fromTheHub(),
            gpus("needs-128-gpus", 128))) {
      all.put(e.id(), new ApprovedEntry(e, CATALOG_COMMIT, "models/" + e.id() + ".json"));
    }
    return all;
  }

  public static ApprovedEntry get(String id) {
    return all().get(id);
  }

  static ModelEntryBuilder qwenSmall(String id) {
    return new ModelEntryBuilder(id);
  }

  private static ModelEntry llama8bTensorParallel() {
    return new ModelEntry(
        "llama-8b-tp2",
        "Llama 3.1 8B, two GPUs",
        "meta-llama/Meta-Llama-3.1-8B",
        "d04e592bb4f6aa9cfee91e2e20afa771667e1d4b",
        "llama-8b",
        "kserve-vllmserver",
        new ModelEntry.Weights("default", null),
        new ModelEntry.Vllm(
            2, "bfloat16", 0.92, 32768, "fp8", "fp8", null, List.of("--enable-prefix-caching")),
        new ModelEntry.Resources(
            Map.of("nvidia.com/gpu", "2", "cpu", "8", "memory", "64Gi"),
            Map.of("nvidia.com/gpu", "2", "memory", "64Gi")),
        null,
        null,
        null,
        Map.of("team", "platform"),
        "llama3.1",
        null);
  }

  private static ModelEntry mixtralWithEverything() {
    return new ModelEntry(
        "mixtral-8x7b",
        "Mixtral 8x7B",
        "mistralai/Mixtral-8x7B-v0.1",
        "985aa055896a8f943d4a9f2572e6ea1341823841",
        null,
        "kserve-vllmserver",
        new ModelEntry.Weights("fast-nvme", null),
        new ModelEntry.Vllm(4, "auto", 0.9, 16384, null, null, true, null),
        new ModelEntry.Resources(Map.of("nvidia.com/gpu", "4"), Map.of("nvidia.com/gpu", "4")),
        Map.of("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3"),
        List.of(new ModelEntry.Toleration("nvidia.com/gpu", "Exists", null, "NoSchedule", null)),
        List.of(
            new ModelEntry.EnvVar("VLLM_LOGGING_LEVEL", "INFO", null),
            new ModelEntry.EnvVar(
                "HF_TOKEN",
                null,
                new ModelEntry.ValueFrom(new ModelEntry.KeyRef("hf-token", "token"), null)),
            new ModelEntry.EnvVar(
                "VLLM_CONFIG",
                null,
                new ModelEntry.ValueFrom(null, new ModelEntry.KeyRef("vllm-tuning", "config")))),
        null,
        "apache-2.0",
        "a mixture of experts");
  }

  private static ModelEntry fromTheHub() {
    return new ModelEntry(
        "qwen-from-hub",
        null,
        "Qwen/Qwen2.5-0.5B",
        QWEN_COMMIT,
        null,
        "kserve-vllmserver",
        new ModelEntry.Weights(null, "hf"),
        null,
        new ModelEntry.Resources(Map.of("nvidia.com/gpu", "1"), Map.of("nvidia.com/gpu", "1")),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static ModelEntry gpus(String id, int gpus) {
    return new ModelEntryBuilder(id).gpus(gpus).build();
  }

  /** Builds the small Qwen entry and its variants. */
  static final class ModelEntryBuilder {
    private final String id;
    private int gpus = 1;
    private Integer maxModelLen = 4096;

    ModelEntryBuilder(String id) {
      this.id = id;
    }

    ModelEntryBuilder gpus(int n) {
      gpus = n;
      return this;
    }

    ModelEntry withContext() {
      maxModelLen = 32768;
      return build();
    }

    ModelEntry build() {
      String n = Integer.toString(gpus);
      return new ModelEntry(
          id,
          "Qwen 2.5 0.5B",
          "Qwen/Qwen2.5-0.5B",
          QWEN_COMMIT,
          "qwen",
          "kserve-vllmserver",
          new ModelEntry.Weights("default", null),
          new ModelEntry.Vllm(1, "bfloat16", 0.9, maxModelLen, null, null, null, null),
          new ModelEntry.Resources(Map.of("nvidia.com/gpu", n), Map.of("nvidia.com/gpu", n)),
          null,
          null,
          null,
          null,
          "apache-2.0",
          null);
    }
  }
}
