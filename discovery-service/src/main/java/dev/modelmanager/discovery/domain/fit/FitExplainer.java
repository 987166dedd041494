package dev.modelmanager.discovery.domain.fit;

import dev.modelmanager.discovery.domain.gpu.Fp8Support;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns an evaluation into sentences: the memory split, the context, and what would fit. */
final class FitExplainer {

  /** Sizings of nearby choices, used to say what would make an option fit; null when n/a. */
  record Alternatives(
      Evaluation biggerTp, Evaluation fp8KvCache, Evaluation fp8Weights, Evaluation int4Weights) {
    static final Alternatives NONE = new Alternatives(null, null, null, null);
  }

  private FitExplainer() {}

  static String explain(Evaluation e, Alternatives alt, double utilization) {
    List<String> s = new ArrayList<>();
    s.add(memorySentence(e, utilization));
    if (!e.supported()) {
      s.add(e.gpu().displayName() + " cannot run FP8 weights in vLLM.");
    } else if (e.weightsFit()) {
      s.add(contextSentence(e));
      s.add(marginSentence(e));
    }
    s.removeIf(String::isEmpty);
    s.addAll(modelRemarks(e));
    if (!e.fits()) {
      s.addAll(suggestions(e, alt));
    }
    return String.join(" ", s);
  }

  private static String memorySentence(Evaluation e, double utilization) {
    MemoryBreakdown m = e.memory();
    String usable =
        String.format(
            Locale.ROOT,
            "%s usable (%s × %s visible)",
            gib(m.usableBytes()),
            plain(utilization),
            gib(m.visibleBytes()));
    if (!e.weightsFit()) {
      return String.format(
          Locale.ROOT,
          "On %s with TP=%d each GPU would need %s of %s weights plus %s of activation, non-torch"
              + " and CUDA-graph memory, more than the %s.",
          e.gpu().displayName(),
          e.tp(),
          gib(m.weightsBytes()),
          weightLabel(e),
          gib(m.overheadBytes()),
          usable);
    }
    return String.format(
        Locale.ROOT,
        "On %s with TP=%d each GPU holds %s of %s weights; of %s, %s go to activations, non-torch"
            + " memory and CUDA graphs, leaving %s for the KV cache at %s per token.",
        e.gpu().displayName(),
        e.tp(),
        gib(m.weightsBytes()),
        weightLabel(e),
        usable,
        gib(m.overheadBytes()),
        gib(m.kvCacheBytes()),
        bytes(e.kvBytesPerTokenPerRank()));
  }

  private static String weightLabel(Evaluation e) {
    QuantChoice q = e.quant();
    if (!q.config().isQuantized()) {
      return e.geometry().servingDtype().name().toLowerCase(Locale.ROOT);
    }
    return q.label()
        + (q.checkpoint() ? "" : q.variant() ? " (pre-quantized variant)" : " (online)");
  }

  private static String contextSentence(Evaluation e) {
    long need = e.kvBytesFor(e.maxModelLen());
    Long requested = e.requestedLen();
    if (requested == null && e.fits() && e.maxModelLen() == e.modelCap()) {
      return String.format(
          Locale.ROOT,
          "The model's full context of %d tokens fits, %s.",
          e.modelCap(),
          requests(e.concurrency(), "concurrent full-length request"));
    }
    if (requested == null && e.fits()) {
      return String.format(
          Locale.ROOT,
          "The model's full context of %d tokens would need %s of KV cache per GPU; --max-model-len"
              + " is set to %d, the largest that fits (%s at that length).",
          e.modelCap(),
          gib(e.kvBytesFor(e.modelCap())),
          e.maxModelLen(),
          requests(e.concurrency(), "concurrent request"));
    }
    if (e.fits()) {
      return String.format(
          Locale.ROOT,
          "--max-model-len %d fits: one request needs %s, room for %s.",
          e.maxModelLen(),
          gib(need),
          requests(e.concurrency(), "concurrent full-length request"));
    }
    String largest =
        e.largest() > 0
            ? "The largest --max-model-len that fits is " + e.largest() + "."
            : "Not even " + FitConstants.MODEL_LEN_ROUNDING + " tokens of context fit.";
    return String.format(
        Locale.ROOT,
        "One %d-token request needs %s of KV cache but only %s is left. %s",
        e.maxModelLen(),
        gib(need),
        gib(e.memory().kvCacheBytes()),
        largest);
  }

  private static String marginSentence(Evaluation e) {
    if (e.onlyMarginFails()) {
      return String.format(
          Locale.ROOT,
          "It would leave only %s free, below the %s margin kept for estimation error, so it is"
              + " not counted as fitting.",
          gib(e.marginBytes()),
          gib(e.marginFloorBytes()));
    }
    return e.marginBytes() >= 0
        ? String.format(Locale.ROOT, "Margin left on each GPU: %s.", gib(e.marginBytes()))
        : "";
  }

  private static List<String> modelRemarks(Evaluation e) {
    List<String> s = new ArrayList<>();
    ModelGeometry g = e.geometry();
    if (g.isMla() && e.tp() > 1) {
      s.add(
          "The MLA latent cache is replicated on every rank, so TP adds KV room only through the"
              + " weight memory it frees.");
    } else if (!g.isMla() && e.tp() > g.numKeyValueHeads()) {
      s.add(
          "TP="
              + e.tp()
              + " exceeds the "
              + g.numKeyValueHeads()
              + " KV heads, so each rank keeps a replica of one KV head.");
    }
    if (g.slidingLayers() > 0) {
      s.add(
          g.slidingLayers()
              + " of "
              + g.numHiddenLayers()
              + " layers use a "
              + g.slidingWindow()
              + "-token sliding window and keep at most that many tokens per request.");
    }
    if (e.plan().expertParallel()) {
      s.add(
          "Experts are spread whole across GPUs (--enable-expert-parallel) because their"
              + " intermediate size does not split into whole quantization groups at TP="
              + e.tp()
              + ".");
    }
    if (!e.quant().checkpoint() && !e.quant().variant()) {
      String fp8Note =
          e.gpu().fp8() == Fp8Support.WEIGHT_ONLY && "fp8".equals(e.quant().label())
              ? " On this GPU FP8 runs weight-only (Marlin kernels), saving memory but not compute."
              : "";
      s.add(
          "vLLM quantizes the weights while loading (--quantization="
              + e.quant().vllmFlag()
              + ")."
              + fp8Note);
    }
    if (e.quant().variant()) {
      s.add(
          "This sizes a 4-bit "
              + e.quant().label().toUpperCase(Locale.ROOT)
              + " variant: serve a pre-quantized repository of this model.");
    }
    return s;
  }

  private static List<String> suggestions(Evaluation e, Alternatives alt) {
    List<String> s = new ArrayList<>();
    if (alt.biggerTp() != null) {
      s.add(
          String.format(
              Locale.ROOT,
              "It fits with TP=%d (%d GPUs): %s of weights per GPU, %s left for the KV cache.",
              alt.biggerTp().tp(),
              alt.biggerTp().tp(),
              gib(alt.biggerTp().memory().weightsBytes()),
              gib(alt.biggerTp().memory().kvCacheBytes())));
    } else if (e.tp() < e.gpu().count()) {
      s.add("No larger TP on this node fits either.");
    } else {
      s.add(
          "More than the "
              + e.gpu().count()
              + " GPUs of one node are needed at this precision: use a larger GPU, pipeline"
              + " parallelism across nodes, or a quantized variant.");
    }
    if (alt.fp8KvCache() != null && alt.fp8KvCache().largest() > e.largest()) {
      s.add(
          (alt.fp8KvCache().fits() ? "It fits with" : "")
              + (alt.fp8KvCache().fits() ? " --kv-cache-dtype fp8, which" : "--kv-cache-dtype fp8")
              + " halves the KV cache per token and raises the largest --max-model-len to "
              + alt.fp8KvCache().largest()
              + ".");
    }
    addVariant(s, "FP8 weights (--quantization fp8, or an FP8 checkpoint)", alt.fp8Weights());
    addVariant(s, "A 4-bit AWQ/GPTQ variant", alt.int4Weights());
    return s;
  }

  private static void addVariant(List<String> s, String what, Evaluation v) {
    if (v == null) {
      return;
    }
    String verdict;
    if (v.fits()) {
      verdict = "it would fit with --max-model-len " + v.maxModelLen();
    } else if (v.largest() > 0) {
      verdict = "the largest --max-model-len that would fit is " + v.largest();
    } else {
      verdict = "it would still not fit";
    }
    s.add(
        String.format(
            Locale.ROOT,
            "%s would need %s per GPU at TP=%d; %s.",
            what,
            gib(v.memory().weightsBytes()),
            v.tp(),
            verdict));
  }

  private static String requests(double count, String noun) {
    return plain(count) + " " + noun + (count == 1.0 ? "" : "s");
  }

  static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) FitConstants.GIB);
  }

  static String bytes(long bytes) {
    if (bytes >= FitConstants.MIB) {
      return String.format(Locale.ROOT, "%.2f MiB", bytes / (double) FitConstants.MIB);
    }
    return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }

  static String plain(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
