package dev.modelmanager.gateway.notify.service;

import java.time.Duration;

/** The pause of a poll loop, cut short by {@link #wake} (new work arrived, or stop). */
final class PollSignal {
  private boolean woken;

  /** Ends the current pause, or the next one if none is under way. */
  synchronized void wake() {
    woken = true;
    notifyAll();
  }

  /** Waits up to {@code timeout}, not at all when woken since the last pause. */
  synchronized void pause(Duration timeout) throws InterruptedException {
    if (!woken) {
      wait(timeout.toMillis());
    }
    woken = false;
  }
}
