package dev.modelmanager.weights.domain;

/**
 * One entry of {@code GET /api/models/{repo}/tree/{rev}}.
 *
 * @param type {@code file} or {@code directory}
 * @param oid git blob sha1 (of the LFS pointer for LFS files)
 * @param lfsSha256 sha256 of the real content for LFS files, else null
 */
public record TreeEntry(String type, String path, long size, String oid, String lfsSha256) {
  public boolean isFile() {
    return "file".equals(type);
  }

  public boolean lfs() {
    return lfsSha256 != null;
  }
}
