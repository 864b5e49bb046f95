package dev.maverick.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Just enough of the Prometheus HTTP API for the demo: {@code GET /api/v1/query?query=...} answers a
 * one-element vector whose value is that of the first series fragment (in the order they were first
 * set) the query contains, or an empty vector ("no data") when none matches. The demo script sets
 * the values as its story unfolds.
 */
final class FakePrometheus implements AutoCloseable {
  private final HttpServer server;
  private final Clock clock;
  private final Map<String, Double> values = new LinkedHashMap<>();

  private FakePrometheus(HttpServer server, Clock clock) {
    this.server = server;
    this.clock = clock;
  }

  /** Listens on 127.0.0.1, on a free port. */
  static FakePrometheus start(Clock clock) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a port on 127.0.0.1 for the fake Prometheus", e);
    }
    FakePrometheus prometheus = new FakePrometheus(server, clock);
    server.createContext("/api/v1/query", prometheus::answer);
    server.start();
    return prometheus;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** From now on, queries that contain {@code seriesFragment} read {@code value}. */
  synchronized void set(String seriesFragment, double value) {
    values.put(seriesFragment, value);
  }

  private synchronized Optional<Double> valueFor(String query) {
    return values.entrySet().stream().filter(e -> query.contains(e.getKey())).map(Map.Entry::getValue).findFirst();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String query = queryParameter(exchange.getRequestURI().getRawQuery());
      String result = valueFor(query)
          .map(v -> "{\"metric\":{},\"value\":[" + clock.millis() / 1000.0 + ",\"" + v + "\"]}")
          .orElse("");
      byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String queryParameter(String rawQuery) {
    return rawQuery == null ? "" : Arrays.stream(rawQuery.split("&"))
        .filter(p -> p.startsWith("query="))
        .map(p -> URLDecoder.decode(p.substring("query=".length()), StandardCharsets.UTF_8))
        .findFirst().orElse("");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
