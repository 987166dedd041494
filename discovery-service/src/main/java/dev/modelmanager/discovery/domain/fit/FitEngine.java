package dev.modelmanager.discovery.domain.fit;

import dev.modelmanager.discovery.domain.gpu.Fp8Support;
import dev.modelmanager.discovery.domain.model.DType;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import dev.modelmanager.discovery.domain.model.WeightsEstimator;
import dev.modelmanager.discovery.domain.vllm.VllmArchitecture;
import dev.modelmanager.discovery.domain.vllm.VllmArchitectureRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether and how a model fits the offered GPUs under vLLM, and how to run it.
 *
 * <p>Per GPU: usable = (inventoried memory − driver share) × gpu-memory-utilization; KV budget =
 * usable − weights per rank − activation peak − non-torch memory − CUDA-graph reserve. An option
 * fits when the budget holds one request of max-model-len. Every (GPU, usable TP size, weight
 * format) becomes an option; see docs/fit-engine.md.
 */
public final class FitEngine {

  private final VllmArchitectureRegistry registry;
  private final long marginFloorBytes;

  /**
   * An engine that knows vLLM's architectures (for --trust-remote-code and support notes).
   *
   * @param marginFloorBytes an option whose memory left after everything is below this does not fit
   */
  public FitEngine(VllmArchitectureRegistry registry, long marginFloorBytes) {
    this.registry = registry;
    this.marginFloorBytes = marginFloorBytes;
  }

  /** An engine with the default margin floor. */
  public FitEngine(VllmArchitectureRegistry registry) {
    this(registry, FitConstants.DEFAULT_MARGIN_FLOOR_BYTES);
  }

  /** An engine without architecture data: every architecture is assumed native to vLLM. */
  public FitEngine() {
    this(null);
  }

  /** Sizes every option for a request. */
  public FitRecommendation recommend(FitRequest request) {
    ModelGeometry geometry = request.geometry();
    WeightsEstimator checkpoint = WeightsEstimator.of(geometry, request.parameterCount());
    List<QuantChoice> choices =
        QuantChoice.resolve(geometry.quantization(), request.quantization());
    Set<String> notes = new LinkedHashSet<>(modelNotes(request));
    List<FitOption> options = new ArrayList<>();
    for (GpuOffer offer : request.gpus()) {
      ResolvedGpu gpu = ResolvedGpu.resolve(offer);
      for (QuantChoice choice : choices) {
        WeightsEstimator weights =
            choice.checkpoint() ? checkpoint : checkpoint.withQuantization(choice.config());
        options.addAll(optionsFor(request, gpu, choice, weights, notes));
      }
    }
    options.sort(optionOrder(choices));
    int kvBytes = KvCacheCalculator.elementBytes(geometry, request.kvDtype());
    return new FitRecommendation(
        checkpoint.parameters(),
        checkpoint.isExact(),
        checkpoint.totalBytes(),
        KvCacheCalculator.bytesPerToken(geometry, kvBytes),
        geometry.maxPositionEmbeddings(),
        options,
        List.copyOf(notes));
  }

  private List<FitOption> optionsFor(
      FitRequest request,
      ResolvedGpu gpu,
      QuantChoice choice,
      WeightsEstimator weights,
      Set<String> notes) {
    TensorParallelPlanner.Planning planning =
        TensorParallelPlanner.plan(weights.geometry(), choice.config(), gpu.count());
    planning
        .rejections()
        .forEach(
            r ->
                notes.add(
                    "TP=" + r.tensorParallelSize() + " is not possible: " + r.reason() + "."));
    List<Evaluation> evaluations = new ArrayList<>();
    for (TensorParallelPlanner.Plan plan : planning.plans()) {
      evaluations.add(evaluate(request, gpu, plan, choice, weights, request.kvDtype()));
    }
    List<FitOption> options = new ArrayList<>();
    for (Evaluation e : evaluations) {
      FitExplainer.Alternatives alternatives =
          e.fits()
              ? FitExplainer.Alternatives.NONE
              : alternatives(request, e, weights, evaluations);
      options.add(toOption(request, e, alternatives));
    }
    return options;
  }

  /**
   * Sizes one combination. The KV budget keeps {@link #marginFloorBytes} free: the largest context
   * proposed leaves at least that much, and a requested context that leaves less does not fit.
   */
  Evaluation evaluate(
      FitRequest request,
      ResolvedGpu gpu,
      TensorParallelPlanner.Plan plan,
      QuantChoice choice,
      WeightsEstimator weights,
      KvCacheDtype kvDtype) {
    ModelGeometry g = weights.geometry();
    int tp = plan.tensorParallelSize();
    MemoryBreakdown memory = memory(request, gpu, plan, weights);
    long kv = memory.kvCacheBytes();
    int elementBytes = KvCacheCalculator.elementBytes(g, kvDtype);
    int batched = gpu.maxNumBatchedTokens();
    long cap = g.maxPositionEmbeddings();
    boolean supported = !(choice.needsFp8() && gpu.fp8() == Fp8Support.NONE);
    long planning = kv - marginFloorBytes;
    long largest =
        supported && planning > 0
            ? KvCacheCalculator.largestModelLen(g, tp, elementBytes, planning, cap, batched)
            : 0;
    Long requested = request.maxModelLen();
    long length = requested != null ? Math.min(requested, cap) : largest > 0 ? largest : cap;
    long need = KvCacheCalculator.bytesPerRequest(g, tp, elementBytes, length, batched);
    long margin = kv - need;
    boolean fits =
        supported
            && kv > 0
            && margin >= marginFloorBytes
            && (requested != null || largest >= Math.min(FitConstants.MIN_USEFUL_MODEL_LEN, cap));
    double concurrency = concurrency(kv, need);
    return new Evaluation(
        gpu,
        plan,
        choice,
        kvDtype,
        g,
        memory,
        elementBytes,
        cap,
        requested,
        length,
        largest,
        supported,
        fits,
        concurrency,
        margin,
        marginFloorBytes);
  }

  private static MemoryBreakdown memory(
      FitRequest request, ResolvedGpu gpu, TensorParallelPlanner.Plan plan, WeightsEstimator w) {
    ModelGeometry g = w.geometry();
    int tp = plan.tensorParallelSize();
    long usable = (long) (gpu.visibleBytes() * request.utilization());
    long weightBytes =
        w.bytesPerRank(tp)
            + Mxfp4ExpertAllocation.extraBytesPerRank(g, tp, plan.expertParallel(), gpu);
    long activation = OverheadEstimator.activationBytes(g, tp, gpu);
    long nonTorch = OverheadEstimator.nonTorchBytes(tp);
    long graphs = OverheadEstimator.cudaGraphBytes(g);
    long kv = usable - weightBytes - activation - nonTorch - graphs;
    return new MemoryBreakdown(
        gpu.memoryBytes(),
        gpu.visibleBytes(),
        usable,
        weightBytes,
        activation,
        nonTorch,
        graphs,
        kv);
  }

  /** Full-length requests the KV cache holds, as vLLM's "Maximum concurrency" log line. */
  private static double concurrency(long kv, long perRequest) {
    if (kv <= 0 || perRequest <= 0) {
      return 0;
    }
    return Math.floor(kv * 100.0 / perRequest) / 100.0;
  }

  private FitExplainer.Alternatives alternatives(
      FitRequest request, Evaluation e, WeightsEstimator weights, List<Evaluation> siblings) {
    Evaluation biggerTp =
        siblings.stream().filter(s -> s.tp() > e.tp() && s.fits()).findFirst().orElse(null);
    Evaluation fp8Kv =
        e.kvDtype() == KvCacheDtype.AUTO && e.weightsFit() && e.supported()
            ? evaluate(request, e.gpu(), e.plan(), e.quant(), weights, KvCacheDtype.FP8)
            : null;
    // Smaller weight formats than the current one, sized at the same TP.
    int bits = e.quant().config().isQuantized() ? e.quant().config().weightBits() : 16;
    Evaluation fp8Weights =
        bits > 8 && e.gpu().fp8() != Fp8Support.NONE
            ? variant(
                request,
                e,
                weights,
                new QuantChoice("fp8", QuantChoice.ONLINE_FP8, "fp8", false, false))
            : null;
    Evaluation int4Weights =
        bits > 4
            ? variant(
                request,
                e,
                weights,
                new QuantChoice("awq", QuantChoice.AWQ_4BIT, null, false, true))
            : null;
    return new FitExplainer.Alternatives(biggerTp, fp8Kv, fp8Weights, int4Weights);
  }

  private Evaluation variant(
      FitRequest request, Evaluation e, WeightsEstimator weights, QuantChoice q) {
    WeightsEstimator sized = weights.withQuantization(q.config());
    return evaluate(request, e.gpu(), e.plan(), q, sized, e.kvDtype());
  }

  private FitOption toOption(
      FitRequest request, Evaluation e, FitExplainer.Alternatives alternatives) {
    Optional<VllmArchitecture> arch = architecture(e.geometry());
    List<String> args =
        new VllmArgsBuilder()
            .tensorParallelSize(e.tp())
            .maxModelLen(e.maxModelLen())
            .gpuMemoryUtilization(request.utilization())
            .dtype(float32Checkpoint(e.geometry()) ? "bfloat16" : null)
            .quantization(e.quant().vllmFlag())
            .kvCacheFp8(e.kvDtype() == KvCacheDtype.FP8)
            .expertParallel(e.plan().expertParallel())
            .trustRemoteCode(arch.map(VllmArchitecture::trustRemoteCode).orElse(false))
            .build();
    String explanation = FitExplainer.explain(e, alternatives, request.utilization());
    return new FitOption(
        e.gpu().displayName(),
        e.tp(),
        e.quant().label(),
        e.fits(),
        e.memory().weightsBytes(),
        Math.max(0, e.memory().kvCacheBytes()),
        e.maxModelLen(),
        e.largest(),
        e.concurrency(),
        e.kvDtype() == KvCacheDtype.FP8 ? "fp8" : "auto",
        e.plan().expertParallel(),
        args,
        explanation,
        e.memory(),
        e.marginBytes());
  }

  private Optional<VllmArchitecture> architecture(ModelGeometry g) {
    return registry == null ? Optional.empty() : registry.lookupFirst(g.architectures());
  }

  private static boolean float32Checkpoint(ModelGeometry g) {
    return g.dtype() == DType.F32 || g.dtype() == DType.F64;
  }

  private List<String> modelNotes(FitRequest request) {
    ModelGeometry g = request.geometry();
    List<String> notes = new ArrayList<>();
    if (registry != null && architecture(g).isEmpty()) {
      notes.add(
          "vLLM "
              + registry.vllmVersion()
              + " has no native implementation of "
              + (g.architectures().isEmpty() ? "this model" : String.join(", ", g.architectures()))
              + "; it may still load through vLLM's Transformers backend.");
    }
    architecture(g)
        .filter(VllmArchitecture::trustRemoteCode)
        .ifPresent(a -> notes.add(a.architecture() + " checkpoints need --trust-remote-code."));
    if (float32Checkpoint(g)) {
      notes.add(
          "The checkpoint is stored in float32; vLLM serves it in 16 bit (--dtype bfloat16), so"
              + " weights and KV cache are sized at 2 bytes per value.");
    }
    Long requested = request.maxModelLen();
    if (requested != null && requested > g.maxPositionEmbeddings()) {
      notes.add(
          "The requested max-model-len "
              + requested
              + " exceeds the model's limit of "
              + g.maxPositionEmbeddings()
              + " tokens; it is capped to "
              + g.maxPositionEmbeddings()
              + ".");
    }
    return notes;
  }

  private static Comparator<FitOption> optionOrder(List<QuantChoice> choices) {
    List<String> quantOrder = choices.stream().map(QuantChoice::label).toList();
    return Comparator.comparing((FitOption o) -> !o.fits())
        .thenComparingInt(FitOption::tensorParallelSize)
        .thenComparingInt(o -> quantOrder.indexOf(o.quantization()));
  }
}
