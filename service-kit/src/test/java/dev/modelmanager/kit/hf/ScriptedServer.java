package dev.modelmanager.kit.hf;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** An HTTP server answering each path from a script and logging what it received. */
final class ScriptedServer implements AutoCloseable {
  /** One request as received. */
  record Received(String path, String authorization, String range) {}

  /** How to answer a path. */
  @FunctionalInterface
  interface Answer {
    void answer(HttpExchange exchange, int nth) throws IOException;
  }

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, Integer> counts = new ConcurrentHashMap<>();
  final List<Received> log = new CopyOnWriteArrayList<>();

  ScriptedServer(String host) {
    try {
      server = HttpServer.create(new InetSocketAddress(host, 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  ScriptedServer on(String path, Answer answer) {
    answers.put(path, answer);
    return this;
  }

  List<Received> requests(String path) {
    return log.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    log.add(
        new Received(
            path,
            x.getRequestHeaders().getFirst("Authorization"),
            x.getRequestHeaders().getFirst("Range")));
    int nth = counts.merge(path, 1, Integer::sum);
    Answer a = answers.get(path);
    try {
      if (a == null) {
        send(x, 404, "not scripted");
      } else {
        a.answer(x, nth);
      }
    } finally {
      x.close();
    }
  }

  static void send(HttpExchange x, int status, String body) throws IOException {
    byte[] bytes = body.getBytes();
    x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  static void redirect(HttpExchange x, int status, String location) throws IOException {
    x.getResponseHeaders().add("Location", location);
    x.sendResponseHeaders(status, -1);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
