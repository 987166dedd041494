package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.IntSupplier;

/**
 * {@code GET /api/models/{id}/tree/{rev}[/{path}]} with {@code recursive}, {@code expand} and
 * cursor paging, and {@code POST /api/models/{id}/paths-info/{rev}}.
 */
final class TreeHandler {

  private final RepoAccess access;
  private final ContentStore content;
  private final IntSupplier pageSize;

  TreeHandler(RepoAccess access, ContentStore content, IntSupplier pageSize) {
    this.access = access;
    this.content = content;
    this.pageSize = pageSize;
  }

  void tree(HubExchange exchange, HubRepo repo, String revisionName, String path)
      throws IOException {
    Optional<RepoRevision> found = access.revision(exchange, repo, revisionName);
    if (found.isEmpty()) {
      return;
    }
    RepoRevision revision = found.get();
    RepoTree tree = new RepoTree(revision.files());
    if (!path.isEmpty() && !tree.isDirectory(path)) {
      exchange.sendError(
          404, "EntryNotFound", path + " does not exist on \"" + revisionName + "\"");
      return;
    }
    boolean recursive = exchange.query().flag("recursive");
    boolean expand = exchange.query().flag("expand");
    List<String> paths = tree.list(path, recursive);
    int offset = Math.min(ModelSearch.decodeCursor(exchange.query().first("cursor")), paths.size());
    int end = Math.min(paths.size(), offset + Math.max(1, pageSize.getAsInt()));
    ArrayNode body = HubExchange.JSON.createArrayNode();
    for (String entryPath : paths.subList(offset, end)) {
      body.add(entry(repo, revision, tree, entryPath, expand));
    }
    if (end < paths.size()) {
      String next =
          exchange.baseUrl()
              + exchange.rawPathOnly()
              + "?"
              + ModelSearch.withCursor(exchange.rawQuery(), end);
      exchange.header("Link", "<" + next + ">; rel=\"next\"");
    }
    exchange.sendJson(200, body);
  }

  void pathsInfo(HubExchange exchange, HubRepo repo, String revisionName) throws IOException {
    Optional<RepoRevision> found = access.revision(exchange, repo, revisionName);
    if (found.isEmpty()) {
      return;
    }
    RepoRevision revision = found.get();
    RepoTree tree = new RepoTree(revision.files());
    PathsInfoRequest request =
        PathsInfoRequest.parse(exchange.requestHeader("Content-Type"), exchange.readBody());
    ArrayNode body = HubExchange.JSON.createArrayNode();
    for (String path : request.paths()) {
      if (revision.files().containsKey(path) || tree.isDirectory(path)) {
        body.add(entry(repo, revision, tree, path, request.expand()));
      }
    }
    exchange.sendJson(200, body);
  }

  private ObjectNode entry(
      HubRepo repo, RepoRevision revision, RepoTree tree, String path, boolean expand) {
    ObjectNode node = HubExchange.JSON.createObjectNode();
    HubFile file = revision.files().get(path);
    if (file == null) {
      node.put("type", "directory")
          .put("oid", tree.directoryOid(path))
          .put("size", 0)
          .put("path", path);
    } else if (LfsPointer.isLfs(path, file.size())) {
      String sha256 = content.register(file);
      byte[] pointer = LfsPointer.pointer(sha256, file.size());
      node.put("type", "file")
          .put("oid", Hashes.gitBlobSha1(pointer))
          .put("size", file.size())
          .put("path", path);
      node.putObject("lfs")
          .put("oid", sha256)
          .put("size", file.size())
          .put("pointerSize", pointer.length);
    } else {
      node.put("type", "file")
          .put("oid", file.gitSha1())
          .put("size", file.size())
          .put("path", path);
    }
    if (expand) {
      node.putObject("lastCommit")
          .put("id", revision.sha())
          .put("title", "Upload folder using huggingface_hub")
          .put("date", ModelJson.isoDate(repo.lastModified));
      if (file != null) {
        node.putObject("securityFileStatus").put("status", "safe");
      }
    }
    return node;
  }

  /** The directory structure implied by a flat path-to-file map. */
  static final class RepoTree {
    private final Map<String, HubFile> files;
    private final TreeSet<String> directories = new TreeSet<>();

    RepoTree(Map<String, HubFile> files) {
      this.files = files;
      for (String path : files.keySet()) {
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
          directories.add(path.substring(0, slash));
        }
      }
    }

    boolean isDirectory(String path) {
      return directories.contains(path);
    }

    /** Entries under {@code directory} ("" for the root), sorted by path. */
    List<String> list(String directory, boolean recursive) {
      String prefix = directory.isEmpty() ? "" : directory + "/";
      TreeSet<String> result = new TreeSet<>();
      for (String candidate : concat(files.keySet(), directories)) {
        if (candidate.startsWith(prefix)
            && (recursive || candidate.indexOf('/', prefix.length()) < 0)) {
          result.add(candidate);
        }
      }
      return new ArrayList<>(result);
    }

    /** A stable oid for a directory, from the fingerprints below it (not git's tree hash). */
    String directoryOid(String directory) {
      StringBuilder listing = new StringBuilder("tree\0");
      files.forEach(
          (path, file) -> {
            if (path.startsWith(directory + "/")) {
              listing.append(path).append('\0').append(file.fingerprint()).append('\n');
            }
          });
      return Hashes.hex(Hashes.sha1(listing.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> concat(Iterable<String> first, Iterable<String> second) {
      List<String> all = new ArrayList<>();
      first.forEach(all::add);
      second.forEach(all::add);
      return all;
    }
  }

  /** The body of a paths-info request: JSON {@code {"paths": [...], "expand": bool}} or a form. */
  record PathsInfoRequest(List<String> paths, boolean expand) {

    static PathsInfoRequest parse(String contentType, byte[] body) throws IOException {
      String text = new String(body, StandardCharsets.UTF_8);
      if (contentType != null && contentType.contains("json")) {
        JsonNode json = HubExchange.JSON.readTree(text);
        List<String> paths = new ArrayList<>();
        json.path("paths").forEach(p -> paths.add(p.asText()));
        return new PathsInfoRequest(paths, json.path("expand").asBoolean(false));
      }
      QueryParams form = QueryParams.parse(text);
      return new PathsInfoRequest(form.all("paths"), form.flag("expand"));
    }
  }
}
