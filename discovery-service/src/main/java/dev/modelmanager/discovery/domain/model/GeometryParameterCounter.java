package dev.modelmanager.discovery.domain.model;

import java.util.Set;

/**
 * Counts parameters from geometry alone, for Llama-like decoders, MoE and MLA models.
 *
 * <p>Per layer: attention q/k/v/o (with q/k/v bias when the family has one, per-head q/k norms for
 * Qwen3-like models), a gated MLP of 3 × hidden × intermediate (2 matrices for non-gated families),
 * or for MoE layers experts × 3 × hidden × expert-intermediate plus a router of hidden × experts
 * and any shared experts; two norms per layer and one final norm; an embedding and, unless tied, an
 * lm_head of vocab × hidden. Exact for Llama-3.1-8B/70B, Mixtral-8x7B, Qwen3-30B-A3B and
 * Qwen2.5-0.5B; families with extra tensors (gpt-oss sinks and expert biases) are within 1%.
 */
public final class GeometryParameterCounter {

  /** Families whose MLP is up → activation → down, without a gate projection. */
  private static final Set<String> NON_GATED_MLP =
      Set.of(
          "gpt2",
          "gpt_bigcode",
          "gpt_neox",
          "gptj",
          "bert",
          "roberta",
          "xlm-roberta",
          "opt",
          "falcon",
          "phi",
          "starcoder2",
          "bloom",
          "mpt",
          "persimmon",
          "nomic_bert");

  private GeometryParameterCounter() {}

  /** Counts the parameters of a model, grouped by sharding behaviour. */
  public static ParameterBreakdown count(ModelGeometry g) {
    long hidden = g.hiddenSize();
    long layers = g.numHiddenLayers();
    long embedding = (long) g.vocabSize() * hidden;
    long lmHead = g.tieWordEmbeddings() ? 0 : embedding;
    long attention = layers * attentionPerLayer(g);
    long kv = g.isMla() ? 0 : layers * kvPerLayer(g);
    long replicatedLinear = g.isMla() ? layers * mlaDownProjections(g) : 0;
    long moeLayers = g.isMoe() ? layers - g.moe().denseLayers() : 0;
    long denseLayers = layers - moeLayers;
    long mlpMatrices = g.modelType() != null && NON_GATED_MLP.contains(g.modelType()) ? 2 : 3;
    long denseMlp = denseLayers * mlpMatrices * hidden * g.intermediateSize();
    long experts = 0;
    long shared = 0;
    long routers = 0;
    if (g.isMoe()) {
      MoeGeometry moe = g.moe();
      experts = moeLayers * moe.numExperts() * 3 * hidden * moe.expertIntermediateSize();
      shared = moeLayers * 3 * hidden * moe.sharedExpertIntermediateSize();
      routers = moeLayers * hidden * moe.numExperts();
    }
    long norms = layers * (2 * hidden + normsInAttention(g)) + hidden;
    return new ParameterBreakdown(
        embedding,
        lmHead,
        attention,
        kv,
        replicatedLinear,
        denseMlp,
        experts,
        shared,
        norms + routers);
  }

  private static long attentionPerLayer(ModelGeometry g) {
    long hidden = g.hiddenSize();
    long heads = g.numAttentionHeads();
    if (g.isMla()) {
      MlaGeometry m = g.mla();
      long qHead = m.qkNopeHeadDim() + m.qkRopeHeadDim();
      long qIn = m.qLoraRank() > 0 ? m.qLoraRank() : hidden;
      long q = qIn * heads * qHead;
      long kvUp = (long) m.kvLoraRank() * heads * (m.qkNopeHeadDim() + m.vHeadDim());
      long o = heads * m.vHeadDim() * hidden;
      return q + kvUp + o;
    }
    long qWidth = heads * g.headDim();
    long bias = g.attentionBias() ? qWidth : 0;
    return 2 * hidden * qWidth + bias;
  }

  private static long kvPerLayer(ModelGeometry g) {
    long kvWidth = (long) g.numKeyValueHeads() * g.headDim();
    long bias = g.attentionBias() ? 2 * kvWidth : 0;
    return 2 * g.hiddenSize() * kvWidth + bias;
  }

  private static long mlaDownProjections(ModelGeometry g) {
    MlaGeometry m = g.mla();
    long qDown = m.qLoraRank() > 0 ? (long) g.hiddenSize() * m.qLoraRank() : 0;
    return qDown + (long) g.hiddenSize() * m.cachedWidth();
  }

  private static long normsInAttention(ModelGeometry g) {
    if (g.isMla()) {
      return g.mla().kvLoraRank() + g.mla().qLoraRank();
    }
    return g.qkNorm() ? 2L * g.headDim() : 0;
  }
}
