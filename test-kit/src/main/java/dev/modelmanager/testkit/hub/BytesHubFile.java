package dev.modelmanager.testkit.hub;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** A file held in memory. */
final class BytesHubFile extends HubFile {

  private final byte[] content;

  BytesHubFile(byte[] content) {
    this.content = content.clone();
  }

  @Override
  public long size() {
    return content.length;
  }

  @Override
  public InputStream open(long offset) {
    int start = (int) Math.min(Math.max(offset, 0), content.length);
    return new ByteArrayInputStream(content, start, content.length - start);
  }

  @Override
  public String fingerprint() {
    return "git:" + gitSha1();
  }
}
