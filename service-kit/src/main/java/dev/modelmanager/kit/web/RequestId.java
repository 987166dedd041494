package dev.modelmanager.kit.web;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** The {@code X-Request-ID} of the request being served, kept on the Vert.x duplicated context. */
public final class RequestId {
  public static final String HEADER = "X-Request-ID";
  private static final String KEY = "mm.request-id";
  // Accept what proxies and clients commonly send; anything else is replaced, never echoed.
  private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestId() {}

  /** The incoming id when it is well-formed, else a fresh random (version 4) UUID. */
  public static String acceptOrCreate(String incoming) {
    if (incoming != null && ACCEPTABLE.matcher(incoming).matches()) {
      return incoming;
    }
    return create();
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
