package dev.modelmanager.gateway.audit;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;

/** Seals entries into the chain and checks sealed records: hash links and signatures. */
public final class AuditChain {
  /** The {@code prevHash} of the first record. */
  public static final String GENESIS = "0".repeat(64);

  private final AuditKeys keys;

  public AuditChain(AuditKeys keys) {
    this.keys = keys;
  }

  public AuditKeys keys() {
    return keys;
  }

  /** The record {@code entry} becomes at position {@code seq} after {@code prevHash}. */
  public AuditRecord seal(long seq, AuditEntry entry, String prevHash) {
    byte[] canonical = AuditCanonical.bytes(seq, entry, prevHash, keys.keyId());
    return new AuditRecord(
        seq,
        entry,
        prevHash,
        sha256(canonical),
        keys.keyId(),
        Base64.getEncoder().encodeToString(keys.sign(canonical)));
  }

  /**
   * Whether {@code record} is intact on its own: its stored hash is the hash of its canonical form
   * and its signature verifies with {@code key}. (Whether it links to its predecessor is the
   * caller's check: {@code record.prevHash()} equals the predecessor's hash.)
   */
  public static boolean intact(AuditRecord record, PublicKey key) {
    byte[] canonical = AuditCanonical.bytes(record);
    if (!sha256(canonical).equals(record.hash())) {
      return false;
    }
    try {
      return AuditKeys.verify(key, canonical, Base64.getDecoder().decode(record.signature()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
