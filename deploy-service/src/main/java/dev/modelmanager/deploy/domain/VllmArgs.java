package dev.modelmanager.deploy.domain;

import dev.modelmanager.model.catalog.ModelEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The vLLM command-line arguments of an entry, in a stable order, {@code extraArgs} last. */
public final class VllmArgs {
  private VllmArgs() {}

  public static List<String> of(ModelEntry e) {
    List<String> args = new ArrayList<>();
    args.add("--model");
    args.add(e.hfModelId());
    args.add("--revision");
    args.add(e.revision());
    args.add("--served-model-name");
    args.add(e.servedModelName() != null ? e.servedModelName() : e.id());
    ModelEntry.Vllm v = e.vllm();
    if (v != null) {
      add(args, "--tensor-parallel-size", v.tensorParallelSize());
      add(args, "--max-model-len", v.maxModelLen());
      add(args, "--gpu-memory-utilization", v.gpuMemoryUtilization());
      add(args, "--dtype", v.dtype());
      add(args, "--quantization", v.quantization());
      add(args, "--kv-cache-dtype", v.kvCacheDtype());
      if (Boolean.TRUE.equals(v.trustRemoteCode())) {
        args.add("--trust-remote-code");
      }
      if (v.extraArgs() != null) {
        args.addAll(v.extraArgs());
      }
    }
    return args;
  }

  private static void add(List<String> args, String flag, Object value) {
    if (value == null) {
      return;
    }
    args.add(flag);
    args.add(
        value instanceof Double d ? String.format(Locale.ROOT, "%s", d) : String.valueOf(value));
  }

  /** GPUs one copy of the predictor requests ({@code nvidia.com/gpu}), 0 when none. */
  public static int gpusPerCopy(ModelEntry e) {
    if (e.resources() == null) {
      return 0;
    }
    String n = null;
    if (e.resources().limits() != null) {
      n = e.resources().limits().get(Gpus.NVIDIA);
    }
    if (n == null && e.resources().requests() != null) {
      n = e.resources().requests().get(Gpus.NVIDIA);
    }
    return Gpus.parse(n);
  }
}
