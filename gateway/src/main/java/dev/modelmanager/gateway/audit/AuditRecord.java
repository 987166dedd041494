package dev.modelmanager.gateway.audit;

/**
 * An entry as it stands in the chain.
 *
 * @param seq its position, 1 for the first record, without gaps
 * @param entry what happened
 * @param prevHash the {@link #hash} of the record at {@code seq - 1} ({@link AuditChain#GENESIS}
 *     for the first)
 * @param hash hex SHA-256 of this record's canonical form
 * @param keyId which signing key signed it ({@link AuditKeys#keyId()})
 * @param signature base64 Ed25519 signature over the canonical form
 */
public record AuditRecord(
    long seq, AuditEntry entry, String prevHash, String hash, String keyId, String signature) {}
