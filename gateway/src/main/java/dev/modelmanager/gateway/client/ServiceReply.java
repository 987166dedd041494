package dev.modelmanager.gateway.client;

import io.vertx.mutiny.core.buffer.Buffer;

/** A service's answer to a probe: status and body. */
public record ServiceReply(int status, Buffer body) {
  public boolean ok() {
    return status >= 200 && status < 300;
  }
}
