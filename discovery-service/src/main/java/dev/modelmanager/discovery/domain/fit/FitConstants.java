package dev.modelmanager.discovery.domain.fit;

/**
 * Every number the fit engine assumes about vLLM, with where it comes from.
 *
 * <p>vLLM sizes its KV cache at start-up ({@code vllm/v1/worker/gpu_worker.py
 * determine_available_memory}): {@code requested = total × gpu_memory_utilization}, where total is
 * what {@code torch.cuda.mem_get_info()} reports; it loads the weights, runs one dummy forward pass
 * of {@code max_num_batched_tokens} tokens plus a dummy sampler pass over {@code max_num_seqs} rows
 * ({@code profile_run}), and gives the KV cache {@code requested − (weights + torch peak increase +
 * non-torch increase)} ({@code vllm/utils/mem_utils.py memory_profiling}). CUDA graphs are captured
 * afterwards. The calibration data are vLLM's own start-up logs for five models on one H100 80GB at
 * utilization 0.9 and max-model-len 16000, collected by llm-d ({@code llm-d/llm-d-benchmark
 * config_explorer/empirical-vllm-memory-results.md}): weights / peak activation / non-torch / CUDA
 * graph / KV cache in GiB — Llama-3.1-8B 14.99 / 4.76 / 0.13 / −0.45 / 51.38; Qwen3-0.6B 1.12 /
 * 5.56 / 0.13 / 0.10 / 64.45; Qwen3-32B 61.03 / 5.64 / 0.14 / −0.88 / 4.45; Llama-3.3-70B-FP8 TP=2
 * 33.88 / 4.84 / 0.55 / −0.42 / 32.0; gpt-oss-20b 13.47 / 7.38 / 0.13 / 0.39 / 50.28; gpt-oss-120b
 * 64.38 / 7.38 / 0.13 / 1.03 / 3.33 (total 79.18 GiB). docs/fit-engine.md walks through the
 * derivations.
 */
public final class FitConstants {

  /** One gibibyte. */
  public static final long GIB = 1L << 30;

  /** One mebibyte. */
  public static final long MIB = 1L << 20;

  /**
   * vLLM's default {@code --gpu-memory-utilization} ({@code CacheConfig.gpu_memory_utilization}).
   */
  public static final double DEFAULT_GPU_MEMORY_UTILIZATION = 0.9;

  /**
   * NVIDIA memory NVML reports but CUDA never hands out. Inventory (nvidia-smi, GPU feature
   * discovery) reports the NVML total; vLLM multiplies the CUDA total. H100 80GB: 81559 MiB vs
   * 79.18 GiB = 81080 MiB (479 MiB, llm-d's logs); A100-SXM4-80GB: 81920 MiB vs 81221.8 MiB {@code
   * totalGlobalMem} (698 MiB). The larger gap is used so that no GPU is overestimated.
   */
  public static final long NVIDIA_DRIVER_RESERVED_BYTES = 700 * MIB;

  /** AMD: rocm-smi's VRAM total is the total HIP reports (205822885888 B on MI300X for both). */
  public static final long AMD_DRIVER_RESERVED_BYTES = 0;

  /**
   * Torch memory that persists through the profile run besides its peak buffer (input ids,
   * positions, sampling metadata, rotary caches). Intercept of the least-squares line through the
   * five H100 peaks against vocabulary size (0.24 GiB; see {@link #SAMPLER_BYTES_PER_LOGIT}).
   */
  public static final long ACTIVATION_BASE_BYTES = 240 * MIB;

  /**
   * Peak bytes per (sequence × vocabulary entry) of vLLM's dummy sampler pass, which dominates the
   * profiled peak: the five H100 peaks (4.76, 4.84, 5.56, 5.64, 7.38 GiB for vocabularies 128256,
   * 128256, 151936, 151936, 201088 at 1024 sequences) lie on 0.24 GiB + 3.54e-5 GiB per vocabulary
   * entry, i.e. 37 bytes per logit — about nine fp32 copies of the [sequences, vocab] logits
   * (logits, scaled logits, probabilities, log-probabilities, sort buffers). Model size does not
   * matter: Qwen3-0.6B and Qwen3-32B peak within 0.08 GiB of each other.
   */
  public static final long SAMPLER_BYTES_PER_LOGIT = 37;

  /** Activations are kept in the 16-bit compute dtype during the forward pass. */
  public static final int ACTIVATION_DTYPE_BYTES = 2;

  /**
   * vLLM picks larger batch defaults on GPUs with at least 70 GiB that are not A100s ({@code
   * EngineArgs.get_batch_defaults}, PR #17885): H100, H200, MI300X.
   */
  public static final long LARGE_GPU_MIN_BYTES = 70 * GIB;

  /** {@code max_num_batched_tokens} of the OpenAI server on large GPUs. */
  public static final int LARGE_GPU_MAX_NUM_BATCHED_TOKENS = 8192;

  /** {@code max_num_seqs} of the OpenAI server on large GPUs. */
  public static final int LARGE_GPU_MAX_NUM_SEQS = 1024;

  /** {@code max_num_batched_tokens} of the OpenAI server on other GPUs. */
  public static final int DEFAULT_MAX_NUM_BATCHED_TOKENS = 2048;

  /** {@code max_num_seqs} of the OpenAI server on other GPUs. */
  public static final int DEFAULT_MAX_NUM_SEQS = 256;

  /**
   * Memory allocated outside torch during start-up with one GPU (CUDA/cuBLAS workspaces): measured
   * 0.13-0.14 GiB on every TP=1 run.
   */
  public static final long NON_TORCH_SINGLE_GPU_BYTES = 150 * MIB;

  /**
   * Non-torch memory with tensor parallelism, where NCCL and the custom all-reduce buffers add to
   * it: measured 0.55 GiB at TP=2 (no measurement above TP=2; NCCL's buffers grow only slowly with
   * the number of peers).
   */
  public static final long NON_TORCH_TENSOR_PARALLEL_BYTES = 600 * MIB;

  /**
   * Reserve for captured CUDA graphs of dense models. vLLM captures them after sizing the KV cache
   * (unless {@code VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS=1}, off by default), so they come out
   * of the {@code 1 − utilization} headroom; they are reserved here anyway so that a recommendation
   * still holds at high utilizations. Measured −0.88…+0.10 GiB for dense models.
   */
  public static final long CUDA_GRAPH_DENSE_BYTES = 256 * MIB;

  /** Reserve for CUDA graphs of MoE models: measured 0.39 GiB (gpt-oss-20b), 1.03 GiB (120b). */
  public static final long CUDA_GRAPH_MOE_BYTES = GIB;

  /** KV-cache block size in tokens (vLLM's default {@code --block-size} on CUDA). */
  public static final int KV_BLOCK_SIZE = 16;

  /**
   * A "largest max-model-len that fits" is rounded down to a multiple of this: whole KV blocks (16)
   * with margin for block rounding and the per-request slack vLLM keeps, and a number people
   * recognise.
   */
  public static final int MODEL_LEN_ROUNDING = 256;

  /**
   * Least memory an option must leave free after everything (mm.discovery.fit.margin-floor): the
   * estimates are right to within a few percent, so an option that fits by 0.1 GiB is not presented
   * as certain.
   */
  public static final long DEFAULT_MARGIN_FLOOR_BYTES = 512 * MIB;

  /** Below this context an option is not worth proposing, unless the model's own limit is lower. */
  public static final int MIN_USEFUL_MODEL_LEN = 2048;

  /**
   * Tensor-parallel sizes considered within one node (powers of two, as NVLink/xGMI islands are).
   */
  public static final int[] TENSOR_PARALLEL_SIZES = {1, 2, 4, 8};

  private FitConstants() {}
}
