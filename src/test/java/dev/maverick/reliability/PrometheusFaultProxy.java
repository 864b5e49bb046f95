package dev.maverick.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP proxy in front of a Prometheus (here the fake one) that breaks answers on demand;
 * with no fault set it passes requests through. {@link Fault#STOPPED} closes the listening socket
 * (connection refused) and healing binds the same port again, as a restarted Prometheus would.
 */
final class PrometheusFaultProxy implements AutoCloseable {
  enum Fault { HTTP_500, MALFORMED_JSON, HANG_5S, SEVERAL_SERIES, STOPPED }

  private final String upstream;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
  private volatile Fault fault;
  private HttpServer server;

  PrometheusFaultProxy(String upstream) {
    this.upstream = upstream;
    this.server = bind(0);
    this.port = server.getAddress().getPort();
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Answers every request with this fault from now on. */
  synchronized void inject(Fault next) {
    if (next == Fault.STOPPED && server != null) {
      server.stop(0);
      server = null;
    }
    fault = next;
  }

  /** Passes requests through again (re-opening the port if it was stopped). */
  synchronized void heal() {
    fault = null;
    if (server == null) {
      server = bind(port);
    }
  }

  /** Requests answered with each fault (a stopped proxy answers none). */
  synchronized Map<Fault, Integer> injected() {
    return new EnumMap<>(injected);
  }

  private HttpServer bind(int onPort) {
    try {
      HttpServer bound = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
      bound.setExecutor(executor);
      bound.createContext("/", this::handle);
      bound.start();
      return bound;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Fault now = fault;
      if (now != null) {
        synchronized (this) {
          injected.merge(now, 1, Integer::sum);
        }
      }
      if (now == null) {
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
            .timeout(Duration.ofSeconds(5));
        exchange.getRequestHeaders().forEach((name, values) -> {
          if (!Set.of("host", "connection", "content-length", "expect", "upgrade").contains(name.toLowerCase())) {
            values.forEach(value -> forward.header(name, value));
          }
        });
        HttpResponse<String> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofString());
        send(exchange, answer.statusCode(), answer.body());
        return;
      }
      switch (now) {
        case HTTP_500 -> send(exchange, 500, "internal error: query processing would load too many samples");
        case MALFORMED_JSON -> send(exchange, 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{");
        case HANG_5S -> {
          Thread.sleep(5000);
          send(exchange, 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000,\"0.1\"]}}");
        }
        case SEVERAL_SERIES -> send(exchange, 200, """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"pod":"a"},"value":[1700000000,"0.1"]},
              {"metric":{"pod":"b"},"value":[1700000000,"0.2"]}]}}""");
        case STOPPED -> exchange.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
    }
    executor.shutdownNow();
  }
}
