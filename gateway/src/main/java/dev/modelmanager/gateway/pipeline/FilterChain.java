package dev.modelmanager.gateway.pipeline;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;

/** Runs every {@link GatewayFilter} bean in order, stopping at the first rejection. */
@ApplicationScoped
public class FilterChain {
  private final List<GatewayFilter> filters;

  @Inject
  FilterChain(Instance<GatewayFilter> filters) {
    this(filters.stream().toList());
  }

  /** A chain of exactly these filters (tests). */
  public FilterChain(List<GatewayFilter> filters) {
    this.filters = filters.stream().sorted(Comparator.comparingInt(GatewayFilter::order)).toList();
  }

  /** The filters in the order they run. */
  public List<GatewayFilter> filters() {
    return filters;
  }

  public Uni<FilterResult> run(GatewayRequest request) {
    return runFrom(0, request);
  }

  private Uni<FilterResult> runFrom(int index, GatewayRequest request) {
    if (index == filters.size()) {
      return Uni.createFrom().item(FilterResult.proceed());
    }
    return Uni.createFrom()
        .deferred(() -> filters.get(index).filter(request))
        .chain(
            result ->
                result.rejected() ? Uni.createFrom().item(result) : runFrom(index + 1, request));
  }
}
