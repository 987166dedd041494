package dev.modelmanager.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

  @Test
  void detailsAreSignedSortedAndARecordWithoutThemKeepsItsOldCanonicalForm() {
    AuditKeys keys = AuditKeys.inDirectory(dir);
    AuditEntry.Actor actor = new AuditEntry.Actor("alice", null, null, null);
    Instant t = Instant.parse("2025-01-02T03:04:05Z");
    AuditEntry plain =
        new AuditEntry(
            t, AuditEntry.EVENT, actor, "EVENT x", List.of("j1"), "queued", null, null, "e1");
    // The form records had before details existed, byte for byte.
    assertThat(new String(AuditCanonical.bytes(7, plain, "p", "k"), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"seq\":7,\"time\":\"2025-01-02T03:04:05Z\",\"kind\":\"event\",\"actorSubject\":"
                + "\"alice\",\"actorName\":\"alice\",\"authMethod\":\"none\",\"tokenId\":null,"
                + "\"action\":\"EVENT x\",\"targets\":[\"j1\"],\"outcome\":\"queued\",\"requestId\":"
                + "null,\"clientAddress\":null,\"eventId\":\"e1\",\"prevHash\":\"p\",\"keyId\":\"k\"}");

    AuditEntry detailed =
        new AuditEntry(
            t,
            AuditEntry.EVENT,
            actor,
            "EVENT x",
            List.of("j1"),
            "queued",
            null,
            null,
            "e1",
            AuditEntry.sorted(Map.of("repo", "a/b", "bytesDone", "0", "commit", "c\n\"1\"")));
    assertThat(new String(AuditCanonical.bytes(7, detailed, "p", "k"), StandardCharsets.UTF_8))
        .contains(
            "\"eventId\":\"e1\",\"details\":{\"bytesDone\":\"0\",\"commit\":\"c\\n\\\"1\\\"\","
                + "\"repo\":\"a/b\"},\"prevHash\":\"p\"");

    AuditChain chain = new AuditChain(keys);
    AuditRecord r = chain.seal(1, detailed, AuditChain.GENESIS);
    assertThat(AuditChain.intact(r, keys.publicKey())).isTrue();
    AuditEntry otherCommit =
        new AuditEntry(
            t,
            AuditEntry.EVENT,
            actor,
            "EVENT x",
            List.of("j1"),
            "queued",
            null,
            null,
            "e1",
            AuditEntry.sorted(Map.of("repo", "a/b", "bytesDone", "0", "commit", "d")));
    assertThat(
            AuditChain.intact(
                new AuditRecord(1, otherCommit, r.prevHash(), r.hash(), r.keyId(), r.signature()),
                keys.publicKey()))
        .isFalse();
  }
}
