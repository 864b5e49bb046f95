package dev.maverick.prometheus;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An HTTP server on 127.0.0.1 that answers every request as the test tells it to, and records requests. */
public final class FakePrometheusServer implements AutoCloseable {

  /** One received request: path, decoded {@code query} parameter, headers. */
  public record Request(String path, String query, Headers headers) {}

  @FunctionalInterface
  interface Responder {
    void respond(HttpExchange exchange) throws IOException, InterruptedException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile Responder responder = exchange -> send(exchange, 404, "no answer set");

  public FakePrometheusServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      URI uri = exchange.getRequestURI();
      requests.add(new Request(uri.getPath(), queryParameter(uri.getRawQuery()), exchange.getRequestHeaders()));
      try {
        responder.respond(exchange);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Request> requests() {
    return requests;
  }

  /** Every request gets this status and body. */
  public void answer(int status, String body) {
    responder = exchange -> send(exchange, status, body);
  }

  /** Every request gets a successful instant-query answer with this {@code data} object. */
  public void answerData(String dataJson) {
    answer(200, "{\"status\":\"success\",\"data\":" + dataJson + "}");
  }

  /** Every request gets a successful instant-query answer whose {@code data} object depends on its query. */
  public void answerEach(java.util.function.Function<String, String> dataJsonForQuery) {
    responder = exchange -> send(exchange, 200, "{\"status\":\"success\",\"data\":"
        + dataJsonForQuery.apply(queryParameter(exchange.getRequestURI().getRawQuery())) + "}");
  }

  /** Requests are accepted but never answered (until close). */
  void hangBeforeHeaders() {
    responder = exchange -> released.await();
  }

  /** The status line and headers are sent, then the body never completes (until close). */
  void hangInBody() {
    responder = exchange -> {
      exchange.sendResponseHeaders(200, 0);
      exchange.getResponseBody().write("{\"status\":".getBytes(StandardCharsets.UTF_8));
      exchange.getResponseBody().flush();
      released.await();
    };
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String queryParameter(String rawQuery) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("query=")) {
        return URLDecoder.decode(pair.substring("query=".length()), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
