package dev.modelmanager.kit.web;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The {@code X-Request-ID} of the request being served, kept on the Vert.x duplicated context. */
public final class RequestId {
  public static final String HEADER = "X-Request-ID";
  private static final String KEY = "mm.request-id";

  /** The longest incoming id kept. */
  private static final int MAX_LENGTH = 128;

  private RequestId() {}

  /** The incoming id when it is well-formed, else a fresh random (version 4) UUID. */
  public static String acceptOrCreate(String incoming) {
    if (acceptable(incoming)) {
      return incoming;
    }
    return create();
  }

  /**
   * Whether an incoming id is kept: 1 to {@value #MAX_LENGTH} of {@code A-Z a-z 0-9 . _ : -}, what
   * proxies and clients commonly send; anything else is replaced, never echoed. A loop, not a
   * regular expression: every service checks the gateway's id on every request (a regex was over a
   * percent of a service's CPU).
   */
  static boolean acceptable(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= ':') // digits and ':'
              || c == '.'
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * A new random UUID from the thread's {@link ThreadLocalRandom}: an id only has to be unique, it
   * is no secret (every answer echoes it), and {@link UUID#randomUUID()}'s SecureRandom cost more
   * than a percent of the gateway's CPU per request.
   */
  public static String create() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
    return new UUID(high, low).toString();
  }

  static void bind(String id) {
    Context ctx = Vertx.currentContext();
    if (ctx != null) {
      ctx.putLocal(KEY, id);
    }
  }

  /** The current request's id, or null outside a request. */
  public static String current() {
    Context ctx = Vertx.currentContext();
    return ctx == null ? null : ctx.getLocal(KEY);
  }
}
