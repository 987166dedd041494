package dev.modelmanager.testkit.security;

import dev.modelmanager.model.security.InternalToken;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * The gateway's side of the internal token, for service tests: one EC P-256 key pair per test JVM
 * (written as PEM files, as {@code bin/mm up} writes them), and tokens minted with it the way the
 * gateway mints them. {@link InternalTokensResource} points a service at the public key.
 */
public final class InternalTokens {
  /**
   * A Quarkus test loads this class in more than one class loader (the test resource's and the
   * test's): the key pair is shared through files named by a JVM-wide system property.
   */
  private static final String DIR_PROPERTY = "modelmanager.test.internal-token-dir";

  private static final Path DIR = sharedDir();
  private static final KeyPair PAIR = read(DIR);
  private static final KeyPair STRANGER = generate();

  private InternalTokens() {}

  /** The PEM file of the public key a service verifies with. */
  public static Path publicKey() {
    return DIR.resolve("internal-token.pub.pem");
  }

  /** The PEM file of the private key the gateway signs with. */
  public static Path privateKey() {
    return DIR.resolve("internal-token.key.pem");
  }

  /** A valid token for an operator {@code subject} named {@code name}. */
  public static String mint(String subject, String name) {
    return sign(claims(subject, name, Instant.now(), Duration.ofSeconds(60)), PAIR);
  }

  /** {@code Bearer <token>} for {@link #mint}. */
  public static String bearer(String subject, String name) {
    return "Bearer " + mint(subject, name);
  }

  /** {@code Bearer <token>} for a token valid from now for {@code ttl} only. */
  public static String bearerExpiringIn(String subject, Duration ttl) {
    return "Bearer " + sign(claims(subject, subject, Instant.now(), ttl), PAIR);
  }

  /** A token that expired ten minutes ago. */
  public static String expired(String subject) {
    Instant issued = Instant.now().minus(Duration.ofMinutes(11));
    return sign(claims(subject, subject, issued, Duration.ofSeconds(60)), PAIR);
  }

  /** A well-formed token signed by a key the services do not know. */
  public static String signedByStranger(String subject) {
    return sign(claims(subject, subject, Instant.now(), Duration.ofSeconds(60)), STRANGER);
  }

  /** A token from the right key but for another audience. */
  public static String wrongAudience(String subject) {
    return sign(
        claims(subject, subject, Instant.now(), Duration.ofSeconds(60)).audience("someone-else"),
        PAIR);
  }

  private static JwtClaimsBuilder claims(
      String subject, String name, Instant issued, Duration ttl) {
    return Jwt.claims()
        .issuer(InternalToken.ISSUER)
        .audience(InternalToken.AUDIENCE)
        .subject(subject)
        .claim(InternalToken.CLAIM_NAME, name)
        .groups(Set.of("operator"))
        .claim(InternalToken.CLAIM_SCOPE, "*")
        .claim(InternalToken.CLAIM_AUTH_METHOD, "api_token")
        .claim(InternalToken.CLAIM_REQUEST_ID, "test-" + UUID.randomUUID())
        .claim("jti", UUID.randomUUID().toString())
        .issuedAt(issued)
        .expiresAt(issued.plus(ttl));
  }

  private static String sign(JwtClaimsBuilder claims, KeyPair pair) {
    return claims.jws().algorithm(SignatureAlgorithm.ES256).sign(pair.getPrivate());
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path sharedDir() {
    synchronized (System.getProperties()) {
      String dir = System.getProperty(DIR_PROPERTY);
      if (dir == null) {
        dir = write(generate()).toString();
        System.setProperty(DIR_PROPERTY, dir);
      }
      return Path.of(dir);
    }
  }

  private static KeyPair read(Path dir) {
    try {
      KeyFactory ec = KeyFactory.getInstance("EC");
      return new KeyPair(
          ec.generatePublic(new X509EncodedKeySpec(der(dir.resolve("internal-token.pub.pem")))),
          ec.generatePrivate(new PKCS8EncodedKeySpec(der(dir.resolve("internal-token.key.pem")))));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] der(Path pem) {
    try {
      String text = Files.readString(pem, StandardCharsets.US_ASCII);
      return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path write(KeyPair pair) {
    try {
      Path dir = Files.createTempDirectory("mm-internal-token");
      Files.writeString(
          dir.resolve("internal-token.pub.pem"),
          pem("PUBLIC KEY", pair.getPublic().getEncoded()),
          StandardCharsets.US_ASCII);
      Files.writeString(
          dir.resolve("internal-token.key.pem"),
          pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
          StandardCharsets.US_ASCII);
      dir.toFile().deleteOnExit();
      dir.resolve("internal-token.pub.pem").toFile().deleteOnExit();
      dir.resolve("internal-token.key.pem").toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
