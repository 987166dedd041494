package dev.modelmanager.gateway.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/** The Ed25519 pair that signs audit records: from PEM files, or generated once and kept. */
public final class AuditKeys {
  static final String ALGORITHM = "Ed25519";
  static final String PRIVATE_FILE = "audit-signing.pem";
  static final String PUBLIC_FILE = "audit-public.pem";
  private static final Logger LOG = Logger.getLogger(AuditKeys.class);

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;

  AuditKeys(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.keyId = keyIdOf(publicKey);
    byte[] probe = "audit-key-check".getBytes(StandardCharsets.UTF_8);
    if (!verify(publicKey, probe, sign(probe))) {
      throw new IllegalStateException("mm.audit.public-key does not match mm.audit.signing-key");
    }
  }

  /** The configured pair, or the pair under {@code keyDir}, generated there on first use. */
  public static AuditKeys load(AuditConfig config) {
    if (config.signingKey().isPresent() != config.publicKey().isPresent()) {
      throw new IllegalStateException(
          "set both mm.audit.signing-key and mm.audit.public-key, or neither");
    }
    if (config.signingKey().isPresent()) {
      return fromFiles(Path.of(config.signingKey().get()), Path.of(config.publicKey().get()));
    }
    return inDirectory(Path.of(config.keyDir()));
  }

  /** The pair in {@code dir}; generated (private key mode 0600) when it is not there yet. */
  public static AuditKeys inDirectory(Path dir) {
    Path priv = dir.resolve(PRIVATE_FILE);
    Path pub = dir.resolve(PUBLIC_FILE);
    if (!Files.exists(priv)) {
      generate(dir, priv, pub);
    }
    return fromFiles(priv, pub);
  }

  public static AuditKeys fromFiles(Path privatePem, Path publicPem) {
    try {
      KeyFactory kf = KeyFactory.getInstance(ALGORITHM);
      PrivateKey priv =
          kf.generatePrivate(
              new PKCS8EncodedKeySpec(pemBody(Files.readString(privatePem), "PRIVATE KEY")));
      return new AuditKeys(priv, parsePublicKey(Files.readString(publicPem)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit signing keys", e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the audit signing keys are not Ed25519 PEM keys", e);
    }
  }

  /** An X.509 {@code PUBLIC KEY} PEM, as {@code GET /api/v1/audit/public-key} serves it. */
  public static PublicKey parsePublicKey(String pem) throws GeneralSecurityException {
    return KeyFactory.getInstance(ALGORITHM)
        .generatePublic(new X509EncodedKeySpec(pemBody(pem, "PUBLIC KEY")));
  }

  public String keyId() {
    return keyId;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public String publicKeyPem() {
    return pem("PUBLIC KEY", publicKey.getEncoded());
  }

  /** The raw 32-byte public key, base64url: the {@code x} of its JWK. */
  public String publicKeyRaw() {
    byte[] der = publicKey.getEncoded();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Arrays.copyOfRange(der, der.length - 32, der.length));
  }

  public byte[] sign(byte[] data) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(privateKey);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The first 16 hex digits of the SHA-256 of the public key's X.509 encoding. */
  public static String keyIdOf(PublicKey key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void generate(Path dir, Path priv, Path pub) {
    try {
      Files.createDirectories(dir);
      KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      // Written beside the target and moved in place: a second replica starting at the same time
      // keeps whichever pair landed first.
      Path tmpPub = Files.createTempFile(dir, PUBLIC_FILE, ".tmp");
      Files.writeString(tmpPub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      Path tmpPriv = Files.createTempFile(dir, PRIVATE_FILE, ".tmp");
      restrict(tmpPriv);
      Files.writeString(tmpPriv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      if (Files.exists(priv)) {
        Files.deleteIfExists(tmpPriv);
        Files.deleteIfExists(tmpPub);
        return;
      }
      move(tmpPub, pub);
      move(tmpPriv, priv);
      LOG.infof("generated the audit signing key pair in %s", dir.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the audit signing keys in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate Ed25519 keys", e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void restrict(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the folder's own permissions protect it.
    }
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] pemBody(String pem, String type) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("not a " + type + " PEM");
    }
    return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
  }
}
