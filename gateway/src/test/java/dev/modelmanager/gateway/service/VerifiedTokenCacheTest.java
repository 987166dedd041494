package dev.modelmanager.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.gateway.domain.ApiToken;
import dev.modelmanager.model.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {
  private final AtomicLong clock = new AtomicLong();
  private final AtomicBoolean heard = new AtomicBoolean(true);
  private final VerifiedTokenCache cache =
      new VerifiedTokenCache(Duration.ofSeconds(60).toNanos(), 3, clock::get);

  VerifiedTokenCacheTest() {
    cache.listenTo(heard::get);
  }

  @Test
  void aVerifiedTokenIsServedUntilItsTimeIsUp() {
    cache.put("h1", token("tok_1"), cache.generation());
    assertThat(cache.get("h1")).map(ApiToken::id).contains("tok_1");

    clock.addAndGet(Duration.ofSeconds(60).toNanos());
    assertThat(cache.get("h1")).isPresent();
    clock.addAndGet(1);
    assertThat(cache.get("h1")).isEmpty();
  }

  @Test
  void anInvalidationForgetsEveryToken() {
    cache.put("h1", token("tok_1"), cache.generation());
    cache.put("h2", token("tok_2"), cache.generation());

    cache.invalidateAll();

    assertThat(cache.get("h1")).isEmpty();
    assertThat(cache.get("h2")).isEmpty();
  }

  @Test
  void aLookupThatRacedAnInvalidationIsNotRemembered() {
    long startedAt = cache.generation();
    cache.invalidateAll(); // the token was revoked while the store read was on its way

    cache.put("h1", token("tok_1"), startedAt);

    assertThat(cache.get("h1")).isEmpty();
    cache.put("h1", token("tok_1"), cache.generation());
    assertThat(cache.get("h1")).isPresent();
  }

  @Test
  void nothingIsServedWhileChangesCannotBeHeard() {
    cache.put("h1", token("tok_1"), cache.generation());

    heard.set(false); // the LISTEN connection is down: a revocation could go unnoticed
    assertThat(cache.get("h1")).isEmpty();
    cache.put("h2", token("tok_2"), cache.generation());

    heard.set(true);
    assertThat(cache.get("h2")).isEmpty();
  }

  @Test
  void aFullCacheStartsOver() {
    for (int i = 0; i < 3; i++) {
      cache.put("h" + i, token("tok_" + i), cache.generation());
    }
    cache.put("h3", token("tok_3"), cache.generation());

    assertThat(cache.get("h0")).isEmpty();
    assertThat(cache.get("h3")).isPresent();
  }

  @Test
  void aZeroTimeToLiveTurnsTheCacheOff() {
    VerifiedTokenCache off = new VerifiedTokenCache(0, 10, clock::get);
    off.listenTo(() -> true);

    off.put("h1", token("tok_1"), off.generation());

    assertThat(off.get("h1")).isEmpty();
  }

  private static ApiToken token(String id) {
    return new ApiToken(
        id,
        "name",
        "mm_abcd",
        "hash-" + id,
        "alice",
        "Alice",
        Role.VIEWER,
        Set.of("discovery:read"),
        "alice",
        Instant.EPOCH,
        null,
        null,
        null);
  }
}
