package dev.modelmanager.discovery.store;

import java.time.Instant;

/** A Hub list page as fetched: the raw JSON array, the next page's URL and when it was fetched. */
public record CachedHubPage(String body, String nextUrl, Instant fetchedAt) {}
