package dev.modelmanager.gateway.pipeline;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs every {@link GatewayFilter} bean in order, stopping at the first rejection. A filter whose
 * verdict is known at once ({@link GatewayFilter#decideNow}) costs a call; only a filter that must
 * wait (a token not yet verified, a session to decrypt) makes the rest of the chain asynchronous.
 */
@Singleton
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
    return Uni.createFrom().emitter(e -> run(request, e::complete, e::fail));
  }

  /**
   * Runs the chain and hands its result (or a filter's failure) to one of the callbacks: on the
   * calling thread before returning when no filter had to wait, else when the last one answered.
   */
  public void run(
      GatewayRequest request, Consumer<FilterResult> onResult, Consumer<Throwable> onFailure) {
    runFrom(0, request, onResult, onFailure);
  }

  private void runFrom(
      int index,
      GatewayRequest request,
      Consumer<FilterResult> onResult,
      Consumer<Throwable> onFailure) {
    for (int i = index; i < filters.size(); i++) {
      GatewayFilter filter = filters.get(i);
      FilterResult now;
      Uni<FilterResult> later = null;
      try {
        now = filter.decideNow(request);
        if (now == null) {
          later = filter.filter(request);
        }
      } catch (RuntimeException e) {
        onFailure.accept(e);
        return;
      }
      if (later != null) {
        int next = i + 1;
        later
            .subscribe()
            .with(
                result -> {
                  if (result.rejected()) {
                    onResult.accept(result);
                  } else {
                    runFrom(next, request, onResult, onFailure);
                  }
                },
                onFailure);
        return;
      }
      if (now.rejected()) {
        onResult.accept(now);
        return;
      }
    }
    onResult.accept(FilterResult.proceed());
  }
}
