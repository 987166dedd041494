package dev.modelmanager.kit.hf;

import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.buffer.Buffer;

/** A final (non-redirect, non-retried) Hub response and the URL that produced it. */
public record HubResponse(int status, MultiMap headers, Buffer body, String url) {
  public String header(String name) {
    return headers.get(name);
  }

  public String bodyText() {
    return body == null ? "" : body.toString();
  }
}
