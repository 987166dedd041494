package dev.modelmanager.testkit.hub;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * LFS content by sha256, what the CDN serves. Files are registered when the Hub hands out their
 * hash (resolve, tree), like a CDN only knows objects that were uploaded.
 */
final class ContentStore {

  private final Map<String, HubFile> bySha256 = new ConcurrentHashMap<>();

  /** Registers an LFS file and returns its sha256. */
  String register(HubFile file) {
    String sha256 = file.sha256();
    bySha256.putIfAbsent(sha256, file);
    return sha256;
  }

  Optional<HubFile> find(String sha256) {
    return Optional.ofNullable(bySha256.get(sha256));
  }
}
