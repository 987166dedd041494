package dev.modelmanager.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelmanager.gateway.pipeline.GatewayRequest;
import dev.modelmanager.model.security.Caller;
import dev.modelmanager.model.security.InternalToken;
import dev.modelmanager.model.security.Role;
import dev.modelmanager.testkit.security.InternalTokens;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.MultiMap;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/**
 * The gateway's half of "services trust only the gateway": what a service receives for a forwarded
 * request, checked with the verifier the services use (smallrye-jwt, the gateway's public key).
 */
class InternalTokenFilterTest {
  private static final InternalTokenSigner SIGNER =
      InternalTokenSigner.fromPem(InternalTokens.privateKey(), Duration.ofSeconds(60));
  private static final InternalTokenFilter FILTER = new InternalTokenFilter(SIGNER);
  private static final Caller OPERATOR =
      new Caller(
          "oidc|ada",
          "Ada Lovelace",
          Role.OPERATOR,
          Set.of("weights:write", "weights:read"),
          Caller.AuthMethod.API_TOKEN,
          "tok-42");

  private static MultiMap forged() {
    return MultiMap.caseInsensitiveMultiMap()
        .set("Authorization", "Bearer mm_clientsecretvalue")
        .set("X-API-Key", "mm_anothersecret")
        .set("X-MM-Actor", "root")
        .set("X-MM-User", "Root <root@example.org>")
        .set("Accept", "application/json");
  }

  private static JsonWebToken verify(String bearer) throws Exception {
    assertThat(bearer).startsWith("Bearer ");
    JWTAuthContextInfo info = new JWTAuthContextInfo();
    info.setPublicKeyContent(Files.readString(InternalTokens.publicKey()));
    info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256));
    info.setIssuedBy(InternalToken.ISSUER);
    info.setExpectedAudience(Set.of(InternalToken.AUDIENCE));
    return new DefaultJWTParser(info).parse(bearer.substring("Bearer ".length()));
  }

  @Test
  void aForwardedRequestCarriesTheCallerAsASignedTokenAndNothingTheClientSent() throws Exception {
    MultiMap headers = forged();
    GatewayRequest request =
        new GatewayRequest(
            "POST", "/api/v1/weights/installs", null, headers, "10.0.0.1", "weights-service");
    request.caller(OPERATOR);

    assertThat(FILTER.filter(request).await().indefinitely().rejected()).isFalse();

    assertThat(headers.contains("X-API-Key")).isFalse();
    assertThat(headers.contains("X-MM-Actor")).isFalse();
    assertThat(headers.contains("X-MM-User")).isFalse();
    assertThat(headers.get("Accept")).isEqualTo("application/json");
    assertThat(headers.getAll("Authorization")).hasSize(1);
    JsonWebToken jwt = verify(headers.get("Authorization"));
    assertThat(jwt.getIssuer()).isEqualTo(InternalToken.ISSUER);
    assertThat(jwt.getAudience()).containsExactly(InternalToken.AUDIENCE);
    assertThat(jwt.getSubject()).isEqualTo("oidc|ada");
    assertThat((String) jwt.getClaim("name")).isEqualTo("Ada Lovelace");
    assertThat(jwt.getGroups()).containsExactly("operator");
    assertThat((String) jwt.getClaim("scope")).isEqualTo("weights:read weights:write");
    assertThat((String) jwt.getClaim("mm_auth")).isEqualTo("api_token");
    assertThat((String) jwt.getClaim("mm_tid")).isEqualTo("tok-42");
    assertThat(jwt.getTokenID()).isNotBlank();
    assertThat(jwt.getExpirationTime() - jwt.getIssuedAtTime()).isEqualTo(60);
  }

  @Test
  void aCallersTokenIsReusedForHalfItsLifetimeAndNoOtherCallerGetsIt() throws Exception {
    Instant[] now = {Instant.parse("2026-11-30T00:00:00Z")};
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    InternalTokenSigner signer =
        new InternalTokenSigner(
            InternalTokenSigner.readPrivateKey(InternalTokens.privateKey()),
            Duration.ofSeconds(60),
            clock);
    Caller viewer =
        new Caller(
            "oidc|ada",
            "Ada Lovelace",
            Role.VIEWER,
            Set.of("weights:read"),
            Caller.AuthMethod.API_TOKEN,
            "tok-43");

    String first = signer.mint(OPERATOR);
    now[0] = now[0].plusSeconds(29);
    assertThat(signer.mint(OPERATOR)).as("young: reused").isEqualTo(first);
    assertThat(signer.mint(viewer)).as("the same person through another token").isNotEqualTo(first);
    now[0] = now[0].plusSeconds(1);
    String second = signer.mint(OPERATOR);
    assertThat(second).as("half its lifetime gone: a new one").isNotEqualTo(first);
    assertThat(claimsOf(second).get("iat").asLong()).isEqualTo(now[0].getEpochSecond());
    assertThat(claimsOf(second).get("exp").asLong())
        .isEqualTo(now[0].plusSeconds(60).getEpochSecond());
  }

  /** The claims of a token signed on a made-up clock (its signature is checked elsewhere). */
  private static com.fasterxml.jackson.databind.JsonNode claimsOf(String token) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
  }

  @Test
  void anAnonymousRequestReachesTheServiceWithoutAnyCredential() {
    MultiMap headers = forged();
    GatewayRequest request =
        new GatewayRequest(
            "POST",
            "/api/v1/catalog/webhooks/github",
            null,
            headers,
            "10.0.0.1",
            "catalog-service");

    FILTER.filter(request).await().indefinitely();

    assertThat(headers.names()).containsExactly("Accept");
  }

  @Test
  void theGatewaysOwnEndpointsKeepTheInboundHeaders() {
    MultiMap headers = forged();
    GatewayRequest request =
        new GatewayRequest("GET", "/api/v1/me", null, headers, "10.0.0.1", null);
    request.caller(OPERATOR);

    FILTER.filter(request).await().indefinitely();

    assertThat(headers.get("Authorization")).isEqualTo("Bearer mm_clientsecretvalue");
  }

  @Test
  void aTokenFromAnotherGatewayKeyIsRejectedByTheServicesVerifier() {
    InternalTokenSigner other = InternalTokenSigner.ephemeral(Duration.ofSeconds(60));
    String token = other.mint(OPERATOR);
    assertThatThrownBy(() -> verify("Bearer " + token)).isInstanceOf(ParseException.class);
  }

  @Test
  void theKeyPairFromOpensslOrTheTestKitSignsWithEs256() {
    assertThat(SIGNER.algorithm()).isEqualTo(SignatureAlgorithm.ES256);
  }

  /**
   * The filter runs on the event loop for every proxied request: keep minting cheap (a caller's
   * token is reused while young, so this is mostly the reuse path). Prints the mean cost; fails
   * only if it is absurd (a loaded CI machine must not fail it).
   */
  @Test
  void mintingIsCheap() {
    for (int i = 0; i < 2_000; i++) {
      FILTER.filter(request(forged())).await().indefinitely();
    }
    int n = 5_000;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      FILTER.filter(request(forged())).await().indefinitely();
    }
    double micros = (System.nanoTime() - start) / 1_000.0 / n;
    System.out.printf("internal token: %.1f µs per forwarded request (ES256)%n", micros);
    assertThat(micros).isLessThan(100_000);
  }

  private static GatewayRequest request(MultiMap headers) {
    GatewayRequest r =
        new GatewayRequest(
            "GET", "/api/v1/weights/installs", null, headers, "::1", "weights-service");
    r.caller(OPERATOR);
    return r;
  }
}
