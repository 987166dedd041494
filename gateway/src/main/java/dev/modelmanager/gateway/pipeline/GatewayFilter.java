package dev.modelmanager.gateway.pipeline;

import io.smallrye.mutiny.Uni;

/** One ordered step of the request pipeline; see the package documentation for the bands. */
public interface GatewayFilter {

  /** Position in the chain: lower runs first. */
  int order();

  /** Inspects or adjusts the request, then lets it proceed or rejects it with a problem. */
  Uni<FilterResult> filter(GatewayRequest request);

  /**
   * The verdict at once, when this filter can give it without waiting; the chain asks this first
   * and calls {@link #filter} (and waits for it) only on {@code null}. Answering a verdict means
   * the filter's whole work is done; answering {@code null} means none of it is (nothing that
   * {@link #filter} will do again). The default always answers {@code null}.
   */
  default FilterResult decideNow(GatewayRequest request) {
    return null;
  }
}
