package dev.modelmanager.weights.domain;

/**
 * A file an install downloads: where it goes in the snapshot, the blob it is stored as, and the
 * checksum it must match.
 *
 * @param blob the blob name: sha256 for LFS files, git blob sha1 otherwise
 * @param lfs whether {@code blob} is a sha256 of the content (else a git blob sha1)
 */
public record PlannedFile(String path, long size, String blob, boolean lfs) {}
