package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the metadata of a {@code _hub.json} (or a demo manifest entry) to a {@link
 * HubRepoBuilder}. Keys: sha, private, gated, disabled, tokens, renamedFrom, tags, cardData,
 * pipeline_tag, library_name, downloads, likes, trendingScore, createdAt, lastModified, author,
 * spaces, gitattributes (true adds the default .gitattributes), generateSafetensors {shards, dtype}
 * (weights generated from the repo's config.json), and the git side: commit {title, author, date}
 * (main's head), history [{title, author, date}] (older commits of main, newest first), gitTags
 * [names] (tags on main's commit) and branches [{name, title, author, date}] (branches with one
 * commit on top of main).
 */
final class RepoMetadata {

  private RepoMetadata() {}

  static void apply(HubRepoBuilder builder, JsonNode meta) {
    text(meta, "sha").ifPresent(builder::sha);
    builder.privateRepo(meta.path("private").asBoolean(false));
    builder.disabled(meta.path("disabled").asBoolean(false));
    if (meta.has("gated")) {
      builder.gated(Gated.parse(meta.get("gated").asText()));
    }
    builder.tokens(strings(meta, "tokens"));
    builder.renamedFrom(strings(meta, "renamedFrom"));
    builder.tags(strings(meta, "tags"));
    builder.spaces(strings(meta, "spaces"));
    if (meta.has("cardData")) {
      builder.cardData(meta.get("cardData"));
    }
    text(meta, "pipeline_tag").ifPresent(builder::pipelineTag);
    text(meta, "library_name").ifPresent(builder::libraryName);
    text(meta, "author").ifPresent(builder::author);
    text(meta, "createdAt").map(Instant::parse).ifPresent(builder::createdAt);
    text(meta, "lastModified").map(Instant::parse).ifPresent(builder::lastModified);
    builder.downloads(meta.path("downloads").asLong(0));
    builder.likes(meta.path("likes").asLong(0));
    builder.trendingScore(meta.path("trendingScore").asDouble(0));
    if (meta.path("gitattributes").asBoolean(false)) {
      builder.gitattributes();
    }
    JsonNode head = meta.path("commit");
    if (head.isObject()) {
      builder.commit(text(head, "title").orElse(null), author(head), date(head));
    }
    meta.path("history")
        .forEach(c -> builder.history(text(c, "title").orElse(null), author(c), date(c)));
    for (String tag : strings(meta, "gitTags")) {
      builder.tag(tag);
    }
    meta.path("branches")
        .forEach(
            b ->
                builder.revision(
                    b.path("name").asText(),
                    r -> r.commit(text(b, "title").orElse(null), author(b), date(b))));
  }

  private static String author(JsonNode commit) {
    return text(commit, "author").orElse(null);
  }

  private static Instant date(JsonNode commit) {
    return text(commit, "date").map(Instant::parse).orElse(null);
  }

  /** Generates weights when {@code generateSafetensors} is present, from the given config text. */
  static void generateWeights(
      HubRepoBuilder builder, JsonNode meta, String configJson, String seed) {
    JsonNode generate = meta.path("generateSafetensors");
    if (generate.isMissingNode() || generate.isNull()) {
      return;
    }
    if (configJson == null) {
      throw new IllegalArgumentException(seed + ": generateSafetensors needs a config.json");
    }
    SafetensorsGenerator generator =
        SafetensorsGenerator.forConfig(configJson)
            .seed(seed)
            .shards(generate.path("shards").asInt(1));
    text(generate, "dtype").ifPresent(generator::dtype);
    builder.model(generator.generate());
  }

  private static java.util.Optional<String> text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull()
        ? java.util.Optional.empty()
        : java.util.Optional.of(value.asText());
  }

  private static String[] strings(JsonNode node, String key) {
    List<String> values = new ArrayList<>();
    node.path(key).forEach(v -> values.add(v.asText()));
    return values.toArray(String[]::new);
  }
}
