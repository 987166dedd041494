package dev.modelmanager.gateway.security;

import dev.modelmanager.model.security.Caller;
import dev.modelmanager.model.security.InternalToken;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Mints the internal token a forwarded request carries, with SmallRye JWT build. The private key is
 * parsed once; the algorithm follows the key: ES256 for the EC P-256 pair that {@code bin/mm up}
 * generates, EdDSA for an Ed25519 key, RS256 for an RSA key.
 *
 * <p>A signature costs about half a millisecond of CPU here, and the service verifying it more: per
 * request that capped the gateway near 600 req/s on two cores. So a caller's token is reused for
 * the first half of its lifetime (the same caller: subject, name, role, scopes, method and API
 * token id), and services cache what they verified until it expires. The request id travels in
 * {@code X-Request-Id}, not in the token.
 */
public final class InternalTokenSigner {
  /** Callers remembered at most; past it the memory starts over (each just signs again). */
  private static final int MAX_CALLERS = 10_000;

  private final PrivateKey key;
  private final SignatureAlgorithm algorithm;
  private final Duration ttl;
  private final Clock clock;
  private final Map<Caller, Minted> minted = new ConcurrentHashMap<>();

  /**
   * A signed token, reused until {@code reuseUntil}. After that the first request to notice signs
   * the next one ({@code renewing}) while the others keep using this one until {@code sharedUntil}
   * (three quarters of its lifetime), so a busy caller's renewal costs one signature, not one per
   * request in flight.
   */
  private record Minted(
      String token, Instant reuseUntil, Instant sharedUntil, AtomicBoolean renewing) {}

  public InternalTokenSigner(PrivateKey key, Duration ttl, Clock clock) {
    this.key = key;
    this.algorithm = algorithmOf(key);
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A signer with the PKCS#8 PEM private key at {@code location}. */
  public static InternalTokenSigner fromPem(Path location, Duration ttl) {
    return new InternalTokenSigner(readPrivateKey(location), ttl, Clock.systemUTC());
  }

  /** A signer with a fresh EC P-256 key no service knows: only for tests and dev mode. */
  public static InternalTokenSigner ephemeral(Duration ttl) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return new InternalTokenSigner(g.generateKeyPair().getPrivate(), ttl, Clock.systemUTC());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * The compact JWS for {@code caller}: the one minted before while it is young, else a new one.
   */
  public String mint(Caller caller) {
    Instant now = clock.instant();
    Minted known = minted.get(caller);
    if (known != null
        && (now.isBefore(known.reuseUntil())
            || (now.isBefore(known.sharedUntil())
                && !known.renewing().compareAndSet(false, true)))) {
      return known.token();
    }
    String token = sign(caller, now);
    if (minted.size() >= MAX_CALLERS) {
      minted.clear();
    }
    minted.put(
        caller,
        new Minted(
            token,
            now.plus(ttl.dividedBy(2)),
            now.plus(ttl.multipliedBy(3).dividedBy(4)),
            new AtomicBoolean()));
    return token;
  }

  private String sign(Caller caller, Instant now) {
    var claims =
        Jwt.claims()
            .issuer(InternalToken.ISSUER)
            .audience(InternalToken.AUDIENCE)
            .subject(caller.subject())
            .claim(InternalToken.CLAIM_NAME, caller.name())
            .groups(Set.of(caller.role().id()))
            .claim(
                InternalToken.CLAIM_SCOPE,
                String.join(" ", caller.scopes().stream().sorted().toList()))
            .claim(InternalToken.CLAIM_AUTH_METHOD, caller.method().id())
            .claim("jti", UUID.randomUUID().toString())
            .issuedAt(now.getEpochSecond())
            .expiresAt(now.plus(ttl).getEpochSecond());
    if (caller.tokenId() != null) {
      claims.claim(InternalToken.CLAIM_TOKEN_ID, caller.tokenId());
    }
    return claims.jws().algorithm(algorithm).sign(key);
  }

  static SignatureAlgorithm algorithmOf(PrivateKey key) {
    if (key instanceof ECPrivateKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return bits <= 256
          ? SignatureAlgorithm.ES256
          : bits <= 384 ? SignatureAlgorithm.ES384 : SignatureAlgorithm.ES512;
    }
    return switch (key.getAlgorithm()) {
      case "EdDSA", "Ed25519" -> SignatureAlgorithm.EDDSA;
      case "RSA" -> SignatureAlgorithm.RS256;
      default ->
          throw new IllegalArgumentException(
              "unsupported internal-token key type " + key.getAlgorithm());
    };
  }

  static PrivateKey readPrivateKey(Path location) {
    String pem;
    try {
      pem = Files.readString(location, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the internal-token private key " + location, e);
    }
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IllegalArgumentException(
          "the internal-token private key must be PKCS#8 PEM (BEGIN PRIVATE KEY): " + location);
    }
    byte[] der =
        Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", ""));
    for (String type : List.of("EC", "Ed25519", "RSA")) {
      try {
        return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next key type
      }
    }
    throw new IllegalArgumentException(
        "the internal-token private key is not an EC, Ed25519 or RSA key: " + location);
  }
}
