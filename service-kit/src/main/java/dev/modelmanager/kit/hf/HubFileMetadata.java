package dev.modelmanager.kit.hf;

/**
 * What {@code HEAD resolve/{rev}/{path}} tells about a file.
 *
 * @param commit the commit the revision resolved to ({@code X-Repo-Commit})
 * @param etag sha256 for LFS files ({@code X-Linked-Etag}), git blob sha1 otherwise, unquoted
 * @param size bytes of the real file ({@code X-Linked-Size}, else Content-Length)
 * @param lfs whether the file is stored in LFS (the Hub redirected to its CDN)
 */
public record HubFileMetadata(String commit, String etag, long size, boolean lfs) {}
