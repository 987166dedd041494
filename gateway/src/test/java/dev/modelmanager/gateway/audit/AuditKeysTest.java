package dev.modelmanager.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing keys, and sealing and checking records with them. */
class AuditKeysTest {
  @TempDir Path dir;

  @Test
  void aGeneratedPairIsKeptPrivateAndReusedOnTheNextStart() throws Exception {
    AuditKeys first = AuditKeys.inDirectory(dir.resolve("keys"));
    Path priv = dir.resolve("keys").resolve(AuditKeys.PRIVATE_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(dir.resolve("keys").resolve(AuditKeys.PUBLIC_FILE)))
        .startsWith("-----BEGIN PUBLIC KEY-----");

    AuditKeys again = AuditKeys.inDirectory(dir.resolve("keys"));
    assertThat(again.keyId()).isEqualTo(first.keyId());
    assertThat(again.publicKeyPem()).isEqualTo(first.publicKeyPem());
  }

  @Test
  void configuredKeysThatDoNotBelongTogetherAreRefused() {
    AuditKeys.inDirectory(dir.resolve("a"));
    AuditKeys.inDirectory(dir.resolve("b"));
    assertThatThrownBy(
            () ->
                AuditKeys.fromFiles(
                    dir.resolve("a").resolve(AuditKeys.PRIVATE_FILE),
                    dir.resolve("b").resolve(AuditKeys.PUBLIC_FILE)))
        .hasMessageContaining("does not match");
  }

  @Test
  void aSealedRecordChecksOutWithThePublishedKeyAndAnyChangeBreaksIt() throws Exception {
    AuditKeys keys = AuditKeys.inDirectory(dir);
    AuditChain chain = new AuditChain(keys);
    AuditEntry entry =
        new AuditEntry(
            Instant.parse("2025-01-02T03:04:05.678Z"),
            AuditEntry.REQUEST,
            new AuditEntry.Actor("u1", "User One", "oidc", null),
            "POST /api/v1/weights/installs",
            List.of(),
            "201",
            "req-1",
            "10.0.0.1",
            null);
    AuditRecord r = chain.seal(1, entry, AuditChain.GENESIS);
    var published = AuditKeys.parsePublicKey(keys.publicKeyPem());

    assertThat(AuditChain.intact(r, published)).isTrue();
    AuditRecord next = chain.seal(2, entry, r.hash());
    assertThat(next.prevHash()).isEqualTo(r.hash());

    AuditEntry altered =
        new AuditEntry(
            entry.time(),
            entry.kind(),
            entry.actor(),
            entry.action(),
            entry.targets(),
            "403",
            entry.requestId(),
            entry.clientAddress(),
            null);
    AuditRecord forged =
        new AuditRecord(r.seq(), altered, r.prevHash(), r.hash(), r.keyId(), r.signature());
    assertThat(AuditChain.intact(forged, published)).isFalse();
    // Recomputing the hash is not enough: the signature no longer matches.
    AuditRecord rehashed =
        new AuditRecord(
            r.seq(),
            altered,
            r.prevHash(),
            AuditChain.sha256(AuditCanonical.bytes(1, altered, r.prevHash(), r.keyId())),
            r.keyId(),
            r.signature());
    assertThat(AuditChain.intact(rehashed, published)).isFalse();
    AuditKeys other = AuditKeys.inDirectory(dir.resolve("other"));
    assertThat(AuditChain.intact(r, other.publicKey())).isFalse();
  }
}
