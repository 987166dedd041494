package dev.modelmanager.gateway.pipeline;

import io.smallrye.mutiny.Uni;

/** One ordered step of the request pipeline; see the package documentation for the bands. */
public interface GatewayFilter {

  /** Position in the chain: lower runs first. */
  int order();

  /** Inspects or adjusts the request, then lets it proceed or rejects it with a problem. */
  Uni<FilterResult> filter(GatewayRequest request);
}
