package dev.modelmanager.kit.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OutboxOrderTest {

  @Test
  void eachPublishStartsOnlyAfterThePreviousWasAcknowledged() {
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    List<Long> started = new ArrayList<>();
    List<PendingEvent> pending = List.of(event(1), event(2), event(3));

    CompletableFuture<List<Long>> done =
        OutboxStore.publishInOrder(
                pending,
                e -> {
                  started.add(e.id());
                  CompletableFuture<Void> ack = new CompletableFuture<>();
                  acks.add(ack);
                  return Uni.createFrom().completionStage(ack);
                })
            .subscribeAsCompletionStage();

    assertThat(started).containsExactly(1L);
    acks.get(0).complete(null);
    assertThat(started).containsExactly(1L, 2L);
    acks.get(1).complete(null);
    acks.get(2).complete(null);
    assertThat(done.join()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void aFailureStopsTheBatchAndOnlyTheAcknowledgedIdsAreReturned() {
    List<Long> started = new ArrayList<>();
    List<Long> acknowledged =
        OutboxStore.publishInOrder(
                List.of(event(1), event(2), event(3)),
                e -> {
                  started.add(e.id());
                  return e.id() == 2
                      ? Uni.createFrom().failure(new IllegalStateException("no ack"))
                      : Uni.createFrom().voidItem();
                })
            .await()
            .indefinitely();

    assertThat(acknowledged).containsExactly(1L);
    assertThat(started).containsExactly(1L, 2L);
  }

  private static PendingEvent event(long id) {
    return new PendingEvent(id, "mm.test", "agg", "{}");
  }
}
