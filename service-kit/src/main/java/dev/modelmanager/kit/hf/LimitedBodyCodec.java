package dev.modelmanager.kit.hf;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A response body kept in memory up to a limit: past {@code maxBytes} the rest is dropped as it
 * arrives (never buffered) and the response fails with {@link TooLarge}.
 */
final class LimitedBodyCodec implements BodyCodec<Buffer> {
  private final long maxBytes;

  LimitedBodyCodec(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The body had more than the limit. */
  static final class TooLarge extends RuntimeException {
    TooLarge() {
      super("response body over the limit", null, false, false);
    }
  }

  @Override
  public void create(Handler<AsyncResult<BodyStream<Buffer>>> handler) {
    handler.handle(Future.succeededFuture(new Stream()));
  }

  private final class Stream implements BodyStream<Buffer> {
    private final Buffer body = Buffer.buffer();
    private final Promise<Buffer> result = Promise.promise();

    @Override
    public Future<Buffer> result() {
      return result.future();
    }

    @Override
    public void handle(Throwable failure) {
      result.tryFail(failure);
    }

    @Override
    public Future<Void> write(Buffer data) {
      if (body.length() + (long) data.length() > maxBytes) {
        result.tryFail(new TooLarge());
        return Future.failedFuture(new TooLarge());
      }
      body.appendBuffer(data);
      return Future.succeededFuture();
    }

    @Override
    public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
      Future<Void> f = write(data);
      if (handler != null) {
        handler.handle(f);
      }
    }

    @Override
    public Future<Void> end() {
      result.tryComplete(body);
      return Future.succeededFuture();
    }

    @Override
    public void end(Handler<AsyncResult<Void>> handler) {
      Future<Void> f = end();
      if (handler != null) {
        handler.handle(f);
      }
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      return this;
    }
  }
}
