package dev.modelmanager.discovery.domain.model;

/**
 * Mixture-of-experts shape of a model.
 *
 * @param numExperts routed experts per MoE layer
 * @param expertsPerToken experts each token is routed to (top-k)
 * @param expertIntermediateSize intermediate width of one expert
 * @param sharedExpertIntermediateSize total intermediate width of the always-on shared experts
 * @param denseLayers leading layers that keep a dense MLP (DeepSeek {@code first_k_dense_replace})
 */
public record MoeGeometry(
    int numExperts,
    int expertsPerToken,
    long expertIntermediateSize,
    long sharedExpertIntermediateSize,
    int denseLayers) {}
