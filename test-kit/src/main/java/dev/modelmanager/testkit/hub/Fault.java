package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * One fault the {@link FaultInjector} applies to matching requests: latency, 429, 5xx, a truncated,
 * corrupted or stalled body. Scoped by {@link #onPath} and limited by {@link #times}.
 */
public final class Fault {

  /** What the fault does. */
  public enum Type {
    LATENCY,
    RATE_LIMIT,
    SERVER_ERROR,
    TRUNCATE,
    CORRUPT,
    STALL
  }

  private final Type type;
  private final String path;
  private final int times;
  private final long amount;
  private final long extra;

  private Fault(Type type, String path, int times, long amount, long extra) {
    this.type = type;
    this.path = path;
    this.times = times;
    this.amount = amount;
    this.extra = extra;
  }

  /** Delays every matching request by {@code millis} before it is handled. */
  public static Fault latency(long millis) {
    return new Fault(Type.LATENCY, null, -1, millis, 0);
  }

  /** Answers 429 with {@code Retry-After: <seconds>}; use {@link #times} for "the next N". */
  public static Fault rateLimit(int retryAfterSeconds) {
    return new Fault(Type.RATE_LIMIT, null, -1, retryAfterSeconds, 0);
  }

  /** Answers a 5xx status (500, 502, 503...). */
  public static Fault serverError(int status) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("not a 5xx status: " + status);
    }
    return new Fault(Type.SERVER_ERROR, null, -1, status, 0);
  }

  /** Sends the full Content-Length but closes the connection after {@code afterBytes} of body. */
  public static Fault truncate(long afterBytes) {
    return new Fault(Type.TRUNCATE, null, -1, afterBytes, 0);
  }

  /** Flips (xor 0xff) {@code length} content bytes starting at file offset {@code offset}. */
  public static Fault corrupt(long offset, long length) {
    return new Fault(Type.CORRUPT, null, -1, offset, length);
  }

  /** Sends {@code afterBytes} of body, then hangs {@code millis} before sending the rest. */
  public static Fault stall(long afterBytes, long millis) {
    return new Fault(Type.STALL, null, -1, afterBytes, millis);
  }

  /** Limits the fault to request paths matching a {@link PathPattern}. */
  public Fault onPath(String pattern) {
    PathPattern.of(pattern);
    return new Fault(type, pattern, times, amount, extra);
  }

  /** Applies the fault to the next {@code count} matching requests only (default: all). */
  public Fault times(int count) {
    return new Fault(type, path, count, amount, extra);
  }

  public Type type() {
    return type;
  }

  /** The path pattern, or null for every path. */
  public String path() {
    return path;
  }

  /** How many matching requests it applies to; -1 for unlimited. */
  public int times() {
    return times;
  }

  /** Latency ms, Retry-After seconds, status, byte count or corrupt offset, by type. */
  long amount() {
    return amount;
  }

  /** Stall ms or corrupt length, by type. */
  long extra() {
    return extra;
  }

  /** Reads the admin endpoint's JSON form (see {@link #toJson}). */
  static Fault fromJson(JsonNode node) {
    String type = node.path("type").asText("").toLowerCase(Locale.ROOT).replace("_", "");
    Fault fault =
        switch (type) {
          case "latency" -> latency(node.path("ms").asLong());
          case "ratelimit", "429" -> rateLimit(node.path("retryAfterSeconds").asInt(1));
          case "servererror", "5xx" -> serverError(node.path("status").asInt(500));
          case "truncate" -> truncate(node.path("afterBytes").asLong());
          case "corrupt" -> corrupt(node.path("offset").asLong(0), node.path("length").asLong(1));
          case "stall" -> stall(node.path("afterBytes").asLong(), node.path("ms").asLong());
          default -> throw new IllegalArgumentException("unknown fault type '" + type + "'");
        };
    fault = node.hasNonNull("path") ? fault.onPath(node.get("path").asText()) : fault;
    return node.has("times") ? fault.times(node.get("times").asInt()) : fault;
  }

  ObjectNode toJson(ObjectMapper json, int remaining) {
    ObjectNode node = json.createObjectNode();
    node.put("type", type.name());
    node.put("path", path);
    node.put("times", times);
    node.put("remaining", remaining);
    switch (type) {
      case LATENCY -> node.put("ms", amount);
      case RATE_LIMIT -> node.put("retryAfterSeconds", amount);
      case SERVER_ERROR -> node.put("status", amount);
      case TRUNCATE -> node.put("afterBytes", amount);
      case CORRUPT -> node.put("offset", amount).put("length", extra);
      case STALL -> node.put("afterBytes", amount).put("ms", extra);
      default -> throw new IllegalStateException();
    }
    return node;
  }

  @Override
  public String toString() {
    return type
        + "("
        + amount
        + (extra != 0 ? ", " + extra : "")
        + ") on "
        + (path == null ? "*" : path)
        + " x"
        + times;
  }
}
