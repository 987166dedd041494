package dev.modelmanager.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.kit.web.RequestId;
import dev.modelmanager.model.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FilterChainTest {

  private static GatewayRequest request(String requestId) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (requestId != null) {
      headers.set(RequestId.HEADER, requestId);
    }
    return new GatewayRequest(
        "GET", "/api/v1/gpus", null, headers, "127.0.0.1", "discovery-service");
  }

  private record Recording(int order, List<Integer> seen, boolean reject) implements GatewayFilter {
    @Override
    public Uni<FilterResult> filter(GatewayRequest request) {
      seen.add(order);
      return Uni.createFrom()
          .item(reject ? FilterResult.reject(ProblemType.FORBIDDEN, "no") : FilterResult.proceed());
    }
  }

  @Test
  void filtersRunInAscendingOrder() {
    List<Integer> seen = new ArrayList<>();
    FilterChain chain =
        new FilterChain(
            List.of(
                new Recording(300, seen, false),
                new Recording(100, seen, false),
                new Recording(200, seen, false)));

    FilterResult result = chain.run(request(null)).await().indefinitely();

    assertThat(result.rejected()).isFalse();
    assertThat(seen).containsExactly(100, 200, 300);
  }

  @Test
  void aRejectionStopsTheChainWithItsProblem() {
    List<Integer> seen = new ArrayList<>();
    FilterChain chain =
        new FilterChain(
            List.of(
                new Recording(100, seen, false),
                new Recording(200, seen, true),
                new Recording(300, seen, false)));

    FilterResult result = chain.run(request(null)).await().indefinitely();

    assertThat(result.rejected()).isTrue();
    assertThat(result.rejection().status()).isEqualTo(403);
    assertThat(seen).containsExactly(100, 200);
  }

  @Test
  void theRequestIdFilterKeepsAWellFormedIdAndSetsItForTheTarget() {
    GatewayRequest request = request("abc-123");

    new FilterChain(List.of(new RequestIdFilter())).run(request).await().indefinitely();

    assertThat(request.requestId()).isEqualTo("abc-123");
    assertThat(request.header(RequestId.HEADER)).isEqualTo("abc-123");
  }

  @Test
  void theRequestIdFilterReplacesAMalformedId() {
    GatewayRequest request = request("not ok!");

    new FilterChain(List.of(new RequestIdFilter())).run(request).await().indefinitely();

    assertThat(UUID.fromString(request.requestId())).isNotNull();
    assertThat(request.header(RequestId.HEADER)).isEqualTo(request.requestId());
  }

  @Test
  void laterFiltersSeeTheRequestIdAndAttributesOfEarlierOnes() {
    List<String> seen = new ArrayList<>();
    GatewayFilter identity =
        new GatewayFilter() {
          @Override
          public int order() {
            return 100;
          }

          @Override
          public Uni<FilterResult> filter(GatewayRequest request) {
            request.attributes().put("identity", "alice");
            return Uni.createFrom().item(FilterResult.proceed());
          }
        };
    GatewayFilter audit =
        new GatewayFilter() {
          @Override
          public int order() {
            return 300;
          }

          @Override
          public Uni<FilterResult> filter(GatewayRequest request) {
            seen.add(request.attributes().get("identity") + "@" + request.requestId());
            return Uni.createFrom().item(FilterResult.proceed());
          }
        };

    new FilterChain(List.of(audit, new RequestIdFilter(), identity))
        .run(request("rid-1"))
        .await()
        .indefinitely();

    assertThat(seen).containsExactly("alice@rid-1");
  }

  private record Immediate(int order, List<Integer> seen, boolean reject)
      implements ImmediateFilter {
    @Override
    public FilterResult decide(GatewayRequest request) {
      seen.add(order);
      return reject ? FilterResult.reject(ProblemType.FORBIDDEN, "no") : FilterResult.proceed();
    }
  }

  @Test
  void filtersThatNeedNotWaitAnswerBeforeRunReturns() {
    List<Integer> seen = new ArrayList<>();
    AtomicReference<FilterResult> answer = new AtomicReference<>();
    FilterChain chain =
        new FilterChain(
            List.of(
                new Immediate(300, seen, false),
                new Immediate(100, seen, false),
                new Immediate(200, seen, true)));

    chain.run(request(null), answer::set, e -> {});

    assertThat(answer.get().rejected()).isTrue();
    assertThat(seen).containsExactly(100, 200);
  }

  @Test
  void aFilterThatWaitsHoldsTheRestOfTheChainUntilItAnswers() {
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<FilterResult> verdict = new CompletableFuture<>();
    GatewayFilter waiting =
        new GatewayFilter() {
          @Override
          public int order() {
            return 200;
          }

          @Override
          public Uni<FilterResult> filter(GatewayRequest request) {
            seen.add(200);
            return Uni.createFrom().completionStage(verdict);
          }
        };
    AtomicReference<FilterResult> answer = new AtomicReference<>();
    FilterChain chain =
        new FilterChain(
            List.of(new Immediate(300, seen, false), waiting, new Immediate(100, seen, false)));

    chain.run(request(null), answer::set, e -> {});
    assertThat(answer.get()).isNull();
    assertThat(seen).containsExactly(100, 200);

    verdict.complete(FilterResult.proceed());
    assertThat(answer.get().rejected()).isFalse();
    assertThat(seen).containsExactly(100, 200, 300);
  }

  @Test
  void aFilterThatThrowsFailsTheChain() {
    GatewayFilter broken =
        new ImmediateFilter() {
          @Override
          public int order() {
            return 100;
          }

          @Override
          public FilterResult decide(GatewayRequest request) {
            throw new IllegalStateException("broken");
          }
        };
    AtomicReference<Throwable> failure = new AtomicReference<>();

    new FilterChain(List.of(broken)).run(request(null), r -> {}, failure::set);

    assertThat(failure.get()).isInstanceOf(IllegalStateException.class).hasMessage("broken");
  }
}
