package dev.modelmanager.discovery.api;

import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.hf.RepoId;

/** Repo ids from requests: a validation problem instead of an exception from deep inside. */
final class Repos {
  private Repos() {}

  static RepoId parse(String field, String id) {
    try {
      return RepoId.parse(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalidField(field, "not a Hugging Face repo id org/name");
    }
  }
}
