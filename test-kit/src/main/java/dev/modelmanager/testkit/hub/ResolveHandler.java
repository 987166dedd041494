package dev.modelmanager.testkit.hub;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET|HEAD /{id}/resolve/{rev}/{path}} and {@code /raw/}: small files served directly with
 * their git sha1 as ETag, LFS files answered with 302 to the CDN plus {@code X-Linked-Etag} and
 * {@code X-Linked-Size}; {@code X-Repo-Commit} always.
 */
final class ResolveHandler {

  /** Far-future expiry of the CDN links, like a pre-signed URL's {@code Expires}. */
  private static final long LINK_EXPIRES = 4102444800L;

  private final RepoAccess access;
  private final ContentStore content;

  ResolveHandler(RepoAccess access, ContentStore content) {
    this.access = access;
    this.content = content;
  }

  /**
   * Whether the path looks like {@code /{org}/{name}/resolve/...} or the one-segment legacy form.
   */
  static boolean accepts(List<String> segments) {
    for (int index = 1; index <= 2 && index < segments.size(); index++) {
      String kind = segments.get(index);
      if ((kind.equals("resolve") || kind.equals("raw")) && segments.size() > index + 1) {
        return true;
      }
    }
    return false;
  }

  void handle(HubExchange exchange) throws IOException {
    Optional<ResolveTarget> target = target(exchange);
    if (target.isEmpty()) {
      return;
    }
    ResolveTarget found = target.get();
    if (!access.mayDownload(exchange, found.repo())) {
      return;
    }
    Optional<RepoRevision> revision = access.revision(exchange, found.repo(), found.revision());
    if (revision.isEmpty()) {
      return;
    }
    exchange.header("X-Repo-Commit", revision.get().sha());
    HubFile file = revision.get().files().get(found.path());
    if (file == null) {
      exchange.sendError(404, "EntryNotFound", "Entry not found");
      return;
    }
    boolean download = exchange.query().flag("download");
    String name = ContentResponse.baseName(found.path());
    if (!LfsPointer.isLfs(found.path(), file.size())) {
      ContentResponse.send(exchange, file, quote(file.gitSha1()), name, download);
    } else if (found.raw()) {
      HubFile pointer = HubFile.ofBytes(LfsPointer.pointer(file.sha256(), file.size()));
      ContentResponse.send(exchange, pointer, quote(pointer.gitSha1()), name, download);
    } else {
      redirectToCdn(exchange, found, file, name, download);
    }
  }

  private Optional<ResolveTarget> target(HubExchange exchange) throws IOException {
    Optional<RepoRegistry.RepoMatch> match = access.repo(exchange, 0);
    if (match.isEmpty()) {
      return Optional.empty();
    }
    List<String> segments = exchange.segments();
    int kindIndex = match.get().segmentCount();
    if (segments.size() < kindIndex + 2
        || !(segments.get(kindIndex).equals("resolve") || segments.get(kindIndex).equals("raw"))) {
      exchange.sendError(404, null, "Sorry, we can't find the page you are looking for.");
      return Optional.empty();
    }
    String path = String.join("/", segments.subList(kindIndex + 2, segments.size()));
    return Optional.of(
        new ResolveTarget(
            match.get().repo(),
            segments.get(kindIndex + 1),
            path,
            segments.get(kindIndex).equals("raw")));
  }

  private void redirectToCdn(
      HubExchange exchange, ResolveTarget target, HubFile file, String name, boolean download)
      throws IOException {
    String sha256 = content.register(file);
    exchange.header("ETag", quote(sha256));
    exchange.header("X-Linked-Etag", quote(sha256));
    exchange.header("X-Linked-Size", Long.toString(file.size()));
    exchange.header("Accept-Ranges", "bytes");
    exchange.header("Content-Disposition", ContentResponse.disposition(name, download));
    String location =
        exchange.baseUrl()
            + "/cdn/"
            + sha256
            + "/"
            + target.repo().id()
            + "/"
            + UrlPaths.encodePath(target.path())
            + "?Expires="
            + LINK_EXPIRES
            + (download ? "&download=true" : "");
    exchange.sendRedirect(302, location, "Found");
  }

  static String quote(String etag) {
    return "\"" + etag + "\"";
  }

  /** What a resolve URL names: repository, revision, file path and whether it is {@code /raw/}. */
  private record ResolveTarget(HubRepo repo, String revision, String path, boolean raw) {}
}
