package dev.modelmanager.weights.service;

import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.api.Page;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Offset cursors over an already filtered, ordered list. */
final class Cursors {
  private Cursors() {}

  static <T> Page<T> page(List<T> all, int limit, String cursor) {
    if (limit < 1 || limit > 500) {
      throw ProblemException.invalidField("limit", "must be between 1 and 500");
    }
    int offset = 0;
    if (cursor != null && !cursor.isBlank()) {
      try {
        offset =
            Integer.parseInt(
                new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalidField("cursor", "is not a cursor this service issued");
      }
    }
    int from = Math.min(Math.max(0, offset), all.size());
    int to = Math.min(all.size(), from + limit);
    String next =
        to < all.size()
            ? Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8))
            : null;
    return new Page<>(all.subList(from, to), next);
  }
}
