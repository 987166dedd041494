package dev.modelmanager.discovery.domain.model;

/**
 * Multi-head latent attention shape (DeepSeek-V2/V3 family).
 *
 * @param kvLoraRank width of the compressed KV latent that is cached
 * @param qkRopeHeadDim rotary part of each key, cached once next to the latent
 * @param qLoraRank width of the compressed query (0 when queries are projected directly)
 * @param qkNopeHeadDim non-rotary part of each query/key head
 * @param vHeadDim value head width
 */
public record MlaGeometry(
    int kvLoraRank, int qkRopeHeadDim, int qLoraRank, int qkNopeHeadDim, int vHeadDim) {

  /** Elements cached per layer and token: one latent plus the shared rotary key. */
  public int cachedWidth() {
    return kvLoraRank + qkRopeHeadDim;
  }
}
