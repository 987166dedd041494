package dev.modelmanager.discovery.domain.model;

/**
 * Parameters of a model grouped by how vLLM shards them across tensor-parallel ranks.
 *
 * @param embedding input embedding (vocab-parallel: split across ranks)
 * @param lmHead output projection, 0 when tied to the embedding (vocab-parallel)
 * @param attention query/output projections, MLA up-projections (column/row parallel: split)
 * @param kvProjection key/value projections, split by KV head and replicated when TP exceeds the
 *     number of KV heads
 * @param replicatedLinear linear layers every rank holds whole (MLA q_a/kv_a down-projections)
 * @param denseMlp gate/up/down of dense MLP layers (split)
 * @param experts routed expert weights (split by TP, or by expert with expert parallelism)
 * @param sharedExperts always-active shared expert weights (split)
 * @param replicated norms and MoE routers, held whole by every rank and never quantized
 */
public record ParameterBreakdown(
    long embedding,
    long lmHead,
    long attention,
    long kvProjection,
    long replicatedLinear,
    long denseMlp,
    long experts,
    long sharedExperts,
    long replicated) {

  /** All parameters. */
  public long total() {
    return embedding
        + lmHead
        + attention
        + kvProjection
        + replicatedLinear
        + denseMlp
        + experts
        + sharedExperts
        + replicated;
  }

  /** Parameters of the linear layers a weight quantization applies to. */
  public long quantizableLinear() {
    return attention + kvProjection + replicatedLinear + denseMlp + experts + sharedExperts;
  }
}
