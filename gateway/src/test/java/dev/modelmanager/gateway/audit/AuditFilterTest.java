package dev.modelmanager.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.gateway.pipeline.FilterChain;
import dev.modelmanager.gateway.pipeline.FilterResult;
import dev.modelmanager.gateway.pipeline.GatewayFilter;
import dev.modelmanager.gateway.pipeline.GatewayRequest;
import dev.modelmanager.gateway.pipeline.RequestIdFilter;
import dev.modelmanager.model.problem.ProblemType;
import dev.modelmanager.model.security.Caller;
import dev.modelmanager.model.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the audit filter records, with the auth bands stood in for by small filters. */
class AuditFilterTest {
  private static final Caller OPERATOR =
      new Caller(
          "user-42",
          "Olga Operator",
          Role.OPERATOR,
          Set.of("weights:write"),
          Caller.AuthMethod.API_TOKEN,
          "tok-7");

  private final List<AuditEntry> recorded = new ArrayList<>();

  /** Band 100: authenticates as {@code caller} (null: anonymous). */
  private static GatewayFilter authenticate(Caller caller) {
    return filter(
        150,
        r -> {
          if (caller != null) {
            r.caller(caller);
          }
          return FilterResult.proceed();
        });
  }

  /** Band 200: puts the route template, then rejects with {@code status} (0: lets it through). */
  private static GatewayFilter authorize(String template, int status) {
    return filter(
        250,
        r -> {
          if (template != null) {
            r.attributes().put(AuditFilter.ROUTE_TEMPLATE, template);
          }
          return status == 0
              ? FilterResult.proceed()
              : FilterResult.reject(ProblemType.forStatus(status), "no");
        });
  }

  @Test
  void aMutatingRequestIsRecordedWithTheCallerTheTemplateAndItsPathParameters() {
    GatewayRequest request = request("POST", "/api/v1/weights/installs/job-9/cancel");
    FilterResult result =
        run(request, authenticate(OPERATOR), authorize("/api/v1/weights/installs/{id}/cancel", 0));
    assertThat(result.rejected()).isFalse();
    assertThat(recorded).isEmpty(); // nothing before the status is known

    request.responded(202);

    assertThat(recorded).hasSize(1);
    AuditEntry e = recorded.get(0);
    assertThat(e.kind()).isEqualTo(AuditEntry.REQUEST);
    assertThat(e.actor())
        .isEqualTo(new AuditEntry.Actor("user-42", "Olga Operator", "api_token", "tok-7"));
    assertThat(e.action()).isEqualTo("POST /api/v1/weights/installs/{id}/cancel");
    assertThat(e.targets()).containsExactly("job-9");
    assertThat(e.outcome()).isEqualTo("202");
    assertThat(e.requestId()).isNotBlank().isEqualTo(request.requestId());
    assertThat(e.clientAddress()).isEqualTo("203.0.113.9");
  }

  @Test
  void aDenialByTheAuthorizationBandIsRecordedThoughTheAuditBandIsNeverReached() {
    GatewayRequest request = request("GET", "/api/v1/audit");
    GatewayFilter auditBand = filter(300, r -> FilterResult.proceed());
    boolean[] auditBandRan = {false};
    GatewayFilter spy =
        filter(
            310,
            r -> {
              auditBandRan[0] = true;
              return FilterResult.proceed();
            });
    FilterResult result =
        run(request, authenticate(OPERATOR), authorize("/api/v1/audit", 403), auditBand, spy);
    assertThat(result.rejected()).isTrue();
    assertThat(auditBandRan[0]).isFalse();

    request.responded(result.rejection().status());

    assertThat(recorded)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("GET /api/v1/audit");
              assertThat(e.outcome()).isEqualTo("403");
              assertThat(e.actor().subject()).isEqualTo("user-42");
            });
  }

  @Test
  void anUnauthenticatedDenialIsRecordedAsAnonymousWithIdsTakenFromThePath() {
    GatewayRequest request =
        request("DELETE", "/api/v1/weights/snapshots/3f1c2b9e-8d0a-4c55-9b7e-0123456789ab");
    FilterResult result =
        run(
            request,
            authenticate(null),
            filter(160, r -> FilterResult.reject(ProblemType.forStatus(401), "no credential")));
    request.responded(result.rejection().status());

    AuditEntry e = recorded.get(0);
    assertThat(e.actor()).isEqualTo(AuditEntry.Actor.ANONYMOUS);
    assertThat(e.action()).isEqualTo("DELETE /api/v1/weights/snapshots/{id}");
    assertThat(e.targets()).containsExactly("3f1c2b9e-8d0a-4c55-9b7e-0123456789ab");
    assertThat(e.outcome()).isEqualTo("401");
  }

  @Test
  void readsThatSucceedOrFailOtherwiseAreNotRecordedButThrottledOnesAre() {
    for (int status : new int[] {200, 404, 500}) {
      GatewayRequest read = request("GET", "/api/v1/weights/installs");
      run(read, authenticate(OPERATOR));
      read.responded(status);
    }
    assertThat(recorded).isEmpty();

    GatewayRequest throttled = request("GET", "/api/v1/weights/installs");
    run(throttled, authenticate(null));
    throttled.responded(429);
    assertThat(recorded).extracting(AuditEntry::outcome).containsExactly("429");

    for (String method : List.of("PUT", "PATCH", "DELETE", "POST")) {
      GatewayRequest write = request(method, "/api/v1/catalog/entries/12");
      run(write, authenticate(OPERATOR));
      write.responded(500);
    }
    assertThat(recorded)
        .extracting(AuditEntry::action)
        .containsExactly(
            "GET /api/v1/weights/installs",
            "PUT /api/v1/catalog/entries/{id}",
            "PATCH /api/v1/catalog/entries/{id}",
            "DELETE /api/v1/catalog/entries/{id}",
            "POST /api/v1/catalog/entries/{id}");
  }

  @Test
  void theFilterRunsBeforeTheAuthenticationBand() {
    assertThat(new AuditFilter(e -> {}).order())
        .isGreaterThan(RequestIdFilter.ORDER)
        .isLessThan(100);
  }

  private FilterResult run(GatewayRequest request, GatewayFilter... more) {
    List<GatewayFilter> filters = new ArrayList<>(List.of(more));
    filters.add(new RequestIdFilter());
    filters.add(new AuditFilter(recorded::add));
    return new FilterChain(filters).run(request).await().atMost(Duration.ofSeconds(5));
  }

  private static GatewayRequest request(String method, String path) {
    return new GatewayRequest(
        method, path, null, MultiMap.caseInsensitiveMultiMap(), "203.0.113.9", "weights-service");
  }

  private static GatewayFilter filter(
      int order, java.util.function.Function<GatewayRequest, FilterResult> body) {
    return new GatewayFilter() {
      @Override
      public int order() {
        return order;
      }

      @Override
      public Uni<FilterResult> filter(GatewayRequest request) {
        return Uni.createFrom().item(body.apply(request));
      }
    };
  }
}
