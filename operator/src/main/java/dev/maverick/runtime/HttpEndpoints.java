package dev.maverick.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.maverick.metrics.PipelineGauges;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One port serving /metrics (Prometheus text), /healthz (the liveness probe: 503 with the reason when the
 * operator or one of its informers is dead) and /readyz (informers synced).
 */
public final class HttpEndpoints implements AutoCloseable {
  private final HttpServer server;

  private HttpEndpoints(HttpServer server) {
    this.server = server;
  }

  public static HttpEndpoints start(int port, PrometheusMeterRegistry registry, BooleanSupplier ready,
      Supplier<Optional<String>> deadReason) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "http-endpoints");
      thread.setDaemon(true);
      return thread;
    }));
    server.createContext("/metrics", exchange -> {
      // streamed, not built as one String: at 10,000 pipelines the text is some 13 MB
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16);
          Writer pipelines = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 14)) {
        registry.scrape(out);
        PipelineGauges.of(registry).write(pipelines);
      }
    });
    server.createContext("/healthz", exchange -> {
      Optional<String> dead = deadReason.get();
      reply(exchange, dead.isPresent() ? 503 : 200, "text/plain", dead.map(reason -> reason + "\n").orElse("ok\n"));
    });
    server.createContext("/readyz", exchange -> {
      boolean isReady = ready.getAsBoolean();
      reply(exchange, isReady ? 200 : 503, "text/plain", isReady ? "ready\n" : "informers not synced\n");
    });
    server.start();
    return new HttpEndpoints(server);
  }

  /** Serves {@code handler} under {@code path} too, e.g. the dashboard once the operator runs. */
  public void serve(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
