package dev.modelmanager.catalog.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.catalog.client.GitCatalogWriter;
import dev.modelmanager.catalog.config.CatalogConfig;
import dev.modelmanager.catalog.domain.CanonicalJson;
import dev.modelmanager.catalog.domain.EntryDiff;
import dev.modelmanager.catalog.domain.EntryIds;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Diff: an entry against its file at the head of the base branch. */
@ApplicationScoped
public class DiffService {
  private final GitCatalogWriter git;
  private final CatalogConfig config;

  DiffService(GitCatalogWriter git, CatalogConfig config) {
    this.git = git;
    this.config = config;
  }

  /** The entry's file path; the id was checked to be a slug before anything reads files. */
  public String pathOf(JsonNode entry) {
    return EntryIds.path(config.entriesPath(), entry.path("id").asText());
  }

  public Uni<EntryDiff> diff(JsonNode entry) {
    String path = pathOf(entry);
    return git.readAtBase(path)
        .map(base -> EntryDiff.of(path, base.commit(), parse(path, base), entry));
  }

  private static JsonNode parse(String path, GitCatalogWriter.BaseFile base) {
    if (base.content() == null) {
      return null;
    }
    try {
      return CanonicalJson.mapper().readTree(base.content());
    } catch (java.io.IOException e) {
      throw new ProblemException(
          ProblemType.INVALID_CONTENT, path + " at the base branch is not valid JSON");
    }
  }
}
