package dev.modelmanager.discovery.api;

import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.hf.RepoId;

/**
 * Repo ids assembled from path segments ({@code /models/{org}/{name}}): each segment is checked by
 * its {@code @Pattern}, but the Hub's rules span the whole id (no '..', no trailing '.'), so the
 * assembled id is checked once more here and a failure is the same validation problem.
 */
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
