package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The fault knobs of the fake hub, settable at runtime from Java or {@code POST /_fake/faults}. */
public final class FaultInjector {

  private final List<ActiveFault> faults = new CopyOnWriteArrayList<>();

  /** Activates a fault; faults are tried in the order they were added. */
  public FaultInjector add(Fault fault) {
    faults.add(new ActiveFault(fault, new AtomicInteger(fault.times())));
    return this;
  }

  /** Delays every request by {@code millis}. */
  public FaultInjector latency(long millis) {
    return add(Fault.latency(millis));
  }

  /** The next {@code count} requests answer 429 with {@code Retry-After: retryAfterSeconds}. */
  public FaultInjector rateLimit(int count, int retryAfterSeconds) {
    return add(Fault.rateLimit(retryAfterSeconds).times(count));
  }

  /** The next {@code count} requests answer {@code status} (500, 502, 503...). */
  public FaultInjector serverErrors(int count, int status) {
    return add(Fault.serverError(status).times(count));
  }

  /** Removes every fault. */
  public void clear() {
    faults.clear();
  }

  /** The faults still active. */
  public List<Fault> active() {
    return faults.stream().filter(ActiveFault::live).map(ActiveFault::fault).toList();
  }

  /** Total latency to add to a request on {@code path}. */
  long takeLatency(String path) {
    return take(Fault.Type.LATENCY, path).map(Fault::amount).orElse(0L);
  }

  /** A 429 or 5xx to answer instead of handling the request, if one applies. */
  Optional<Fault> takeStatusFault(String path) {
    for (ActiveFault active : faults) {
      Fault.Type type = active.fault().type();
      boolean statusFault = type == Fault.Type.RATE_LIMIT || type == Fault.Type.SERVER_ERROR;
      if (statusFault && active.matches(path) && active.consume()) {
        return Optional.of(active.fault());
      }
    }
    return Optional.empty();
  }

  /** The body faults for a successful response body on {@code path}. */
  BodyFaults takeBodyFaults(String path) {
    Optional<Fault> truncate = take(Fault.Type.TRUNCATE, path);
    Optional<Fault> corrupt = take(Fault.Type.CORRUPT, path);
    Optional<Fault> stall = take(Fault.Type.STALL, path);
    return new BodyFaults(
        truncate.map(Fault::amount).orElse(-1L),
        corrupt.map(Fault::amount).orElse(-1L),
        corrupt.map(Fault::extra).orElse(0L),
        stall.map(Fault::amount).orElse(-1L),
        stall.map(Fault::extra).orElse(0L));
  }

  private Optional<Fault> take(Fault.Type type, String path) {
    for (ActiveFault active : faults) {
      if (active.fault().type() == type && active.matches(path) && active.consume()) {
        return Optional.of(active.fault());
      }
    }
    return Optional.empty();
  }

  ArrayNode toJson(ObjectMapper json) {
    ArrayNode array = json.createArrayNode();
    faults.stream()
        .filter(ActiveFault::live)
        .forEach(a -> array.add(a.fault().toJson(json, a.remaining().get())));
    return array;
  }

  /** A fault and how many more requests it applies to (-1: unlimited). */
  private record ActiveFault(Fault fault, AtomicInteger remaining) {

    boolean matches(String path) {
      return PathPattern.of(fault.path()).matches(path);
    }

    boolean live() {
      return remaining.get() != 0;
    }

    boolean consume() {
      while (true) {
        int left = remaining.get();
        if (left < 0) {
          return true;
        }
        if (left == 0) {
          return false;
        }
        if (remaining.compareAndSet(left, left - 1)) {
          return true;
        }
      }
    }
  }

  /**
   * Faults applied while a body is written: byte counts are relative to the body sent, the corrupt
   * offset to the file content; -1 means "not active".
   */
  record BodyFaults(
      long truncateAfter,
      long corruptOffset,
      long corruptLength,
      long stallAfter,
      long stallMillis) {

    static final BodyFaults NONE = new BodyFaults(-1, -1, 0, -1, 0);
  }
}
