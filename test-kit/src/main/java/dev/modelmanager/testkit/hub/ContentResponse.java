package dev.modelmanager.testkit.hub;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Sends file content with the HTTP range semantics of the Hub and its CDN: 200, 206, 416. */
final class ContentResponse {

  private ContentResponse() {}

  /** Answers a GET/HEAD for {@code file}, honouring {@code Range} and {@code If-Range}. */
  static void send(
      HubExchange exchange, HubFile file, String etag, String fileName, boolean download)
      throws IOException {
    exchange.header("Accept-Ranges", "bytes");
    exchange.header("ETag", etag);
    exchange.header("Content-Type", contentType(fileName));
    exchange.header("Content-Disposition", disposition(fileName, download));
    String range = exchange.requestHeader("Range");
    String ifRange = exchange.requestHeader("If-Range");
    if (ifRange != null && !ifRange.equals(etag)) {
      range = null;
    }
    ByteRange.Outcome outcome = ByteRange.parse(range, file.size());
    if (outcome instanceof ByteRange.Unsatisfiable) {
      exchange.header("Content-Range", "bytes */" + file.size());
      exchange.sendBytes(416, new byte[0]);
    } else if (outcome instanceof ByteRange.Partial partial) {
      ByteRange part = partial.range();
      exchange.header("Content-Range", part.contentRange(file.size()));
      stream(exchange, 206, file, part.first(), part.length());
    } else {
      stream(exchange, 200, file, 0, file.size());
    }
  }

  private static void stream(
      HubExchange exchange, int status, HubFile file, long offset, long length) throws IOException {
    if (exchange.isHead()) {
      exchange.sendStream(status, InputStream.nullInputStream(), length, offset);
      return;
    }
    try (InputStream in = file.open(offset)) {
      exchange.sendStream(status, in, length, offset);
    }
  }

  /** The Hub's Content-Disposition: {@code inline; filename*=UTF-8''x; filename="x";}. */
  static String disposition(String fileName, boolean download) {
    String ascii = fileName.replaceAll("[^\\x20-\\x7e]|\"", "_");
    return (download ? "attachment" : "inline")
        + "; filename*=UTF-8''"
        + UrlPaths.encodeSegment(fileName)
        + "; filename=\""
        + ascii
        + "\";";
  }

  static String contentType(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json")) {
      return "application/json";
    }
    if (lower.endsWith(".md") || lower.endsWith(".txt") || lower.equals(".gitattributes")) {
      return "text/plain; charset=utf-8";
    }
    return "application/octet-stream";
  }

  static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
