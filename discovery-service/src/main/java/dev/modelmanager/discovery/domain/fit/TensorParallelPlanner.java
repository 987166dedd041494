package dev.modelmanager.discovery.domain.fit;

import dev.modelmanager.discovery.domain.model.ModelGeometry;
import dev.modelmanager.discovery.domain.model.QuantizationConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the tensor-parallel sizes vLLM can run a model with on one node.
 *
 * <p>Only powers of two up to the node's GPU count are considered. vLLM requires the attention
 * heads to divide evenly ({@code heads % tp == 0}) and the KV heads to either split evenly or be
 * replicated evenly ({@code kv % tp == 0 || tp % kv == 0}). The vocabulary never constrains TP:
 * vLLM pads vocab-parallel embeddings to a multiple of 64 rows, which every TP up to 64 divides.
 * With group- or block-quantized weights the per-rank slice of a split input dimension must hold
 * whole groups: for dense MLPs such a TP is rejected; for MoE experts vLLM's expert parallelism
 * ({@code --enable-expert-parallel}) keeps experts whole instead, when the experts divide evenly.
 */
public final class TensorParallelPlanner {

  /** A tensor-parallel size vLLM can use, and whether experts must be spread with EP. */
  public record Plan(int tensorParallelSize, boolean expertParallel) {}

  /** A size that was considered and why it cannot be used. */
  public record Rejection(int tensorParallelSize, String reason) {}

  /** All usable and rejected sizes up to {@code maxGpus}. */
  public record Planning(List<Plan> plans, List<Rejection> rejections) {}

  private TensorParallelPlanner() {}

  /** Plans tensor parallelism for a model under a quantization on a node with maxGpus GPUs. */
  public static Planning plan(ModelGeometry g, QuantizationConfig quant, int maxGpus) {
    List<Plan> plans = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    for (int tp : FitConstants.TENSOR_PARALLEL_SIZES) {
      if (tp > maxGpus) {
        break;
      }
      String reason = headReason(g, tp);
      if (reason == null) {
        reason = quantReason(g, quant, tp);
      }
      if (reason != null) {
        rejections.add(new Rejection(tp, reason));
      } else {
        plans.add(new Plan(tp, needsExpertParallel(g, quant, tp)));
      }
    }
    return new Planning(plans, rejections);
  }

  private static String headReason(ModelGeometry g, int tp) {
    if (g.numAttentionHeads() % tp != 0) {
      return g.numAttentionHeads() + " attention heads do not divide by " + tp;
    }
    int kv = g.numKeyValueHeads();
    if (!g.isMla() && kv % tp != 0 && tp % kv != 0) {
      return kv + " KV heads can neither be split nor evenly replicated over " + tp + " GPUs";
    }
    return null;
  }

  private static String quantReason(ModelGeometry g, QuantizationConfig quant, int tp) {
    int align = quant.shardAlignment();
    if (tp == 1 || align == 0) {
      return null;
    }
    boolean denseMlp = !g.isMoe() || g.moe().denseLayers() > 0;
    if (denseMlp && !aligned(g.intermediateSize(), tp, align)) {
      return "intermediate size "
          + g.intermediateSize()
          + " / "
          + tp
          + " is not a multiple of the quantization group "
          + align;
    }
    if (g.isMoe() && needsExpertParallel(g, quant, tp) && g.moe().numExperts() % tp != 0) {
      return g.moe().numExperts() + " experts do not divide by " + tp;
    }
    return null;
  }

  private static boolean needsExpertParallel(ModelGeometry g, QuantizationConfig quant, int tp) {
    int align = quant.shardAlignment();
    return g.isMoe()
        && tp > 1
        && align > 0
        && !aligned(g.moe().expertIntermediateSize(), tp, align);
  }

  private static boolean aligned(long width, int tp, int align) {
    return width % tp == 0 && (width / tp) % align == 0;
  }
}
