package dev.modelmanager.gateway.pipeline;

import io.smallrye.mutiny.Uni;

/** A filter that never waits: its verdict is known as soon as it runs. */
public interface ImmediateFilter extends GatewayFilter {

  /** Inspects or adjusts the request, then lets it proceed or rejects it with a problem. */
  FilterResult decide(GatewayRequest request);

  @Override
  default FilterResult decideNow(GatewayRequest request) {
    return decide(request);
  }

  @Override
  default Uni<FilterResult> filter(GatewayRequest request) {
    return Uni.createFrom().item(decide(request));
  }
}
