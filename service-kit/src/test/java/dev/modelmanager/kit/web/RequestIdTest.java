package dev.modelmanager.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc-123",
        "0HN4:00000001",
        "trace.span_1",
        "7c9e6679-7425-40de-944b",
        "AZaz09.:_-",
        "9"
      })
  void aWellFormedIncomingIdIsKept(String incoming) {
    assertThat(RequestId.acceptOrCreate(incoming)).isEqualTo(incoming);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "has space",
        "<script>",
        "a\nb",
        "ünïcode",
        "semi;colon",
        // Each just outside a range of the accepted characters.
        "a/b",
        "a@b",
        "a[b",
        "a`b",
        "a{b",
        "a,b",
        "a~b"
      })
  void anythingElseIsReplacedByAFreshUuid(String incoming) {
    String id = RequestId.acceptOrCreate(incoming);
    assertThat(id).isNotEqualTo(incoming);
    assertThat(UUID.fromString(id).toString()).isEqualTo(id);
  }

  @org.junit.jupiter.api.Test
  void anOverlongIdIsReplaced() {
    String longId = "a".repeat(129);
    assertThat(RequestId.acceptOrCreate(longId)).isNotEqualTo(longId);
    assertThat(RequestId.acceptOrCreate("a".repeat(128))).isEqualTo("a".repeat(128));
  }

  @org.junit.jupiter.api.Test
  void freshIdsAreDistinctVersion4Uuids() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String id = RequestId.create();
      UUID uuid = UUID.fromString(id);
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
      assertThat(uuid.toString()).isEqualTo(id);
      seen.add(id);
    }
    assertThat(seen).hasSize(100_000);
  }

  @org.junit.jupiter.api.Test
  void outsideARequestThereIsNoCurrentId() {
    assertThat(RequestId.current()).isNull();
  }
}
