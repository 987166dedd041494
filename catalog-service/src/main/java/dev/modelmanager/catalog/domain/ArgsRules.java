package dev.modelmanager.catalog.domain;

import dev.modelmanager.model.catalog.ModelEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code args} check: {@code vllm.extraArgs} never sets what the platform owns (model, host,
 * port, served name), never repeats an entry field or itself, and unknown flags are worth a look.
 */
public final class ArgsRules {
  public static final String CHECK = "args";

  private static final Set<String> OWNED =
      Set.of("--model", "--host", "--port", "--served-model-name");

  /** Flags that an entry field already sets, with the field. */
  private static final Map<String, String> FIELDS =
      Map.ofEntries(
          Map.entry("--tensor-parallel-size", "vllm.tensorParallelSize"),
          Map.entry("-tp", "vllm.tensorParallelSize"),
          Map.entry("--dtype", "vllm.dtype"),
          Map.entry("--gpu-memory-utilization", "vllm.gpuMemoryUtilization"),
          Map.entry("--max-model-len", "vllm.maxModelLen"),
          Map.entry("--quantization", "vllm.quantization"),
          Map.entry("-q", "vllm.quantization"),
          Map.entry("--kv-cache-dtype", "vllm.kvCacheDtype"),
          Map.entry("--trust-remote-code", "vllm.trustRemoteCode"),
          Map.entry("--revision", "revision"),
          Map.entry("--code-revision", "revision"),
          Map.entry("--tokenizer-revision", "revision"));

  /** Engine arguments of {@code vllm serve} that are fine to pass through (vLLM 0.11). */
  private static final Set<String> KNOWN =
      Set.of(
          "--enable-prefix-caching",
          "--no-enable-prefix-caching",
          "--enable-chunked-prefill",
          "--no-enable-chunked-prefill",
          "--max-num-seqs",
          "--max-num-batched-tokens",
          "--block-size",
          "--swap-space",
          "--cpu-offload-gb",
          "--enforce-eager",
          "--max-seq-len-to-capture",
          "--pipeline-parallel-size",
          "--data-parallel-size",
          "--enable-expert-parallel",
          "--seed",
          "--tokenizer",
          "--tokenizer-mode",
          "--load-format",
          "--max-logprobs",
          "--disable-log-requests",
          "--disable-log-stats",
          "--enable-auto-tool-choice",
          "--tool-call-parser",
          "--reasoning-parser",
          "--chat-template",
          "--generation-config",
          "--override-generation-config",
          "--limit-mm-per-prompt",
          "--rope-scaling",
          "--rope-theta",
          "--hf-overrides",
          "--speculative-config",
          "--compilation-config",
          "--scheduling-policy",
          "--disable-custom-all-reduce",
          "--distributed-executor-backend",
          "--uvicorn-log-level",
          "--api-key",
          "--max-parallel-loading-workers",
          "--enable-lora",
          "--max-loras",
          "--max-lora-rank",
          "--lora-modules",
          "--calculate-kv-scales",
          "--async-scheduling");

  private ArgsRules() {}

  public static List<CheckResult> check(ModelEntry entry) {
    List<String> args =
        entry.vllm() == null || entry.vllm().extraArgs() == null
            ? List.of()
            : entry.vllm().extraArgs();
    List<CheckResult> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean previousTakesValue = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String pointer = "/vllm/extraArgs/" + i;
      if (!arg.startsWith("-")) {
        if (!previousTakesValue) {
          out.add(
              CheckResult.fail(CHECK, "'" + arg + "' is not a flag nor a flag's value", pointer));
        }
        previousTakesValue = false;
        continue;
      }
      String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      previousTakesValue = !arg.contains("=");
      if (OWNED.contains(flag)) {
        out.add(
            CheckResult.fail(
                CHECK, flag + " is set by the platform from the entry; remove it", pointer));
      } else if (FIELDS.containsKey(flag)) {
        out.add(
            CheckResult.fail(
                CHECK,
                flag + " duplicates " + FIELDS.get(flag) + "; set the field instead",
                pointer));
      } else if (!seen.add(flag)) {
        out.add(CheckResult.fail(CHECK, flag + " is given twice", pointer));
      } else if (!KNOWN.contains(flag)) {
        out.add(
            new CheckResult(
                CHECK,
                CheckResult.Status.WARN,
                flag + " is not a vllm serve flag this catalog knows; check the spelling",
                pointer));
      }
    }
    if (out.isEmpty()) {
      out.add(
          CheckResult.pass(
              CHECK,
              args.isEmpty()
                  ? "no extra arguments"
                  : args.size() + " extra argument(s), none conflicting"));
    }
    return out;
  }
}
