package dev.modelmanager.discovery.domain.model;

/**
 * Weight memory of a model once vLLM has loaded it, in total and per tensor-parallel rank.
 *
 * <p>With safetensors headers the total is exact: the on-disk bytes of a quantized checkpoint, or
 * parameters × serving-dtype bytes of an unquantized one (vLLM casts float32 checkpoints to 16
 * bit). Without headers the total is estimated from geometry: quantizable linear layers at the
 * quantization's bytes per weight (including group or block scales), embeddings, lm_head, norms and
 * routers at the serving dtype. The per-rank share always comes from geometry: vocab-parallel
 * embeddings padded to 64 rows and split, attention and MLP split, KV projections replicated when
 * TP exceeds the KV heads, norms/routers/MLA down-projections held whole by every rank.
 */
public final class WeightsEstimator {

  /**
   * vLLM pads vocab-parallel embeddings to a multiple of this ({@code DEFAULT_VOCAB_PADDING_SIZE}).
   */
  public static final int VOCAB_PADDING = 64;

  private final ModelGeometry geometry;
  private final ParameterBreakdown breakdown;
  private final long parameters;
  private final long totalBytes;
  private final boolean exact;

  private WeightsEstimator(
      ModelGeometry geometry, long parameters, long totalBytes, boolean exact) {
    this.geometry = geometry;
    this.breakdown = GeometryParameterCounter.count(geometry);
    this.parameters = parameters;
    this.totalBytes = totalBytes;
    this.exact = exact;
  }

  /**
   * Sizes a checkpoint.
   *
   * @param geometry the parsed config (its quantization describes the checkpoint)
   * @param exact parameter counts from the checkpoint's safetensors headers, or null
   */
  public static WeightsEstimator of(ModelGeometry geometry, ParameterCount exact) {
    if (exact == null) {
      ParameterBreakdown p = GeometryParameterCounter.count(geometry);
      long bytes = Math.round(bytesPerRank(geometry, p, 1));
      return new WeightsEstimator(geometry, p.total(), bytes, false);
    }
    long bytes =
        geometry.quantization().isQuantized()
            ? exact.weightsBytes()
            : exact.total() * geometry.servingDtype().bytesFor(1);
    return new WeightsEstimator(geometry, exact.total(), bytes, true);
  }

  /**
   * Sizes the same model under another quantization (vLLM online FP8, or a pre-quantized variant),
   * scaling the known parameter total by the geometry's bytes per parameter under that scheme.
   */
  public WeightsEstimator withQuantization(QuantizationConfig quantization) {
    ModelGeometry variant = geometry.withQuantization(quantization);
    ParameterBreakdown p = GeometryParameterCounter.count(variant);
    // Header counts of an unquantized checkpoint are logical weights; packed ones are not.
    long logicalParameters =
        exact && !geometry.quantization().isQuantized() ? parameters : p.total();
    double bytesPerParameter = bytesPerRank(variant, p, 1) / p.total();
    long bytes = Math.round(logicalParameters * bytesPerParameter);
    return new WeightsEstimator(variant, logicalParameters, bytes, false);
  }

  /** The geometry (and quantization) this estimate describes. */
  public ModelGeometry geometry() {
    return geometry;
  }

  /** Parameters grouped by sharding behaviour, from geometry. */
  public ParameterBreakdown breakdown() {
    return breakdown;
  }

  /** Parameter total: exact from headers, else counted from geometry. */
  public long parameters() {
    return parameters;
  }

  /** Bytes of all weights on one GPU (TP=1). */
  public long totalBytes() {
    return totalBytes;
  }

  /** Whether the total came from safetensors headers. */
  public boolean isExact() {
    return exact;
  }

  /** Bytes of weights each of {@code tp} tensor-parallel ranks holds. */
  public long bytesPerRank(int tp) {
    if (tp == 1) {
      return totalBytes;
    }
    double share = bytesPerRank(geometry, breakdown, tp) / bytesPerRank(geometry, breakdown, 1);
    return Math.round(totalBytes * share);
  }

  private static double bytesPerRank(ModelGeometry g, ParameterBreakdown p, int tp) {
    double plain = g.servingDtype().bytesFor(1);
    QuantizationConfig q = g.quantization();
    double linear = q.isQuantized() && !q.expertsOnly() ? q.bytesPerQuantizedWeight() : plain;
    double experts = q.isQuantized() ? q.bytesPerQuantizedWeight() : plain;
    double vocabShare = vocabShare(g.vocabSize(), tp);
    double kvShare = kvShare(g.numKeyValueHeads(), tp);
    return (p.embedding() + p.lmHead()) * vocabShare * plain
        + p.attention() / (double) tp * linear
        + p.kvProjection() * kvShare * linear
        + p.replicatedLinear() * linear
        + (p.denseMlp() + p.sharedExperts()) / (double) tp * linear
        + p.experts() / (double) tp * experts
        + p.replicated() * plain;
  }

  /** Fraction of the vocabulary rows one rank holds after padding to {@link #VOCAB_PADDING}. */
  static double vocabShare(int vocab, int tp) {
    long padded = (vocab + VOCAB_PADDING - 1L) / VOCAB_PADDING * VOCAB_PADDING;
    long perRank = (padded + tp - 1) / tp;
    return perRank / (double) vocab;
  }

  /** Fraction of KV heads one rank holds: 1/TP, but at least one whole head. */
  static double kvShare(int kvHeads, int tp) {
    return Math.max(1, kvHeads / tp) / (double) kvHeads;
  }
}
