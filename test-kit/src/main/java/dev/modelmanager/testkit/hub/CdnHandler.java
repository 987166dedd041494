package dev.modelmanager.testkit.hub;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET|HEAD /cdn/{sha256}/{repo id}/{path}}: the CDN the resolve endpoint redirects LFS files
 * to. Like a pre-signed URL it needs no token; the trailing path only names the file.
 */
final class CdnHandler {

  private final ContentStore content;

  CdnHandler(ContentStore content) {
    this.content = content;
  }

  void handle(HubExchange exchange) throws IOException {
    List<String> segments = exchange.segments();
    Optional<HubFile> file =
        segments.size() >= 2 ? content.find(segments.get(1)) : Optional.empty();
    if (file.isEmpty()) {
      exchange.sendText(
          404, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code></Error>");
      return;
    }
    String name = segments.get(segments.size() - 1);
    ContentResponse.send(
        exchange,
        file.get(),
        ResolveHandler.quote(segments.get(1)),
        name,
        exchange.query().flag("download"));
  }
}
