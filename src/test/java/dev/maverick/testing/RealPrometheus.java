package dev.maverick.testing;

import static org.awaitility.Awaitility.await;

import dev.maverick.api.PrometheusSpec;
import dev.maverick.prometheus.HttpPrometheusClient;
import dev.maverick.prometheus.PrometheusClient;
import dev.maverick.prometheus.QueryResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The real {@code prometheus} binary as a plain process on 127.0.0.1, scraping a {@link
 * MetricsEndpoint} every second. Use it as a JUnit extension ({@code @RegisterExtension static
 * final RealPrometheus prometheus = new RealPrometheus();}: started before the class, stopped after
 * it, log tail printed when a test fails) or on its own with {@link #start()} and
 * try-with-resources. {@link #stop()} and {@link #start()} simulate an outage and the recovery
 * (same port, same storage).
 *
 * <p>Prometheus 2.x hands new scrape targets to its scrape loop on a 5-second tick, so the first
 * sample appears about 5s after the first start; later value changes show up within ~1s. Start one
 * instance per test class and set all series up front ({@link #awaitSample} once).
 */
public final class RealPrometheus implements AutoCloseable, BeforeAllCallback, AfterAllCallback, TestWatcher {
  private static final Duration READY_WITHIN = Duration.ofSeconds(30);
  private static final Duration SAMPLE_WITHIN = Duration.ofSeconds(20);
  private static final int LOG_TAIL_LINES = 40;

  private final HttpClient http = HttpClient.newHttpClient();
  private MetricsEndpoint metrics;
  private Path workDir;
  private Path binary;
  private int port;
  private volatile Process process;
  private Thread killOnExit;
  private PrometheusClient client;

  /** Starts Prometheus: the first time on a new port and storage, afterwards again on the same ones. */
  public synchronized RealPrometheus start() {
    if (process != null && process.isAlive()) {
      return this;
    }
    if (workDir == null) {
      prepare();
    }
    try {
      process = new ProcessBuilder(binary.toString(),
          "--config.file=" + workDir.resolve("prometheus.yml"),
          "--storage.tsdb.path=" + workDir.resolve("data"),
          "--web.listen-address=127.0.0.1:" + port)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
    awaitReady();
    return this;
  }

  private void prepare() {
    binary = ExternalTools.require("prometheus");
    try {
      workDir = Files.createTempDirectory("real-prometheus");
      metrics = MetricsEndpoint.start();
      port = freePort();
      Files.writeString(workDir.resolve("prometheus.yml"), """
          global:
            scrape_interval: 1s
            scrape_timeout: 1s
            evaluation_interval: 1s
          scrape_configs:
            - job_name: metrics-endpoint
              static_configs:
                - targets: ['%s']
          """.formatted(metrics.target()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    client = HttpPrometheusClient.create(new PrometheusSpec(url(), "5s", null, null), Optional.empty(), http);
    killOnExit = new Thread(() -> {
      Process running = process;
      if (running != null) {
        running.destroyForcibly();
      }
    }, "real-prometheus-kill");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  private void awaitReady() {
    HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/-/ready")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited with code " + process.exitValue() + "; log tail:\n" + logTail());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for prometheus", e);
      }
      sleep(Duration.ofMillis(50));
    }
    throw new IllegalStateException("prometheus not ready within " + READY_WITHIN + "; log tail:\n" + logTail());
  }

  /** Stops the process (as an outage would); {@link #start()} brings it back. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The endpoint this Prometheus scrapes (job {@code metrics-endpoint}). */
  public MetricsEndpoint metrics() {
    return metrics;
  }

  /** Runs {@code promql} now, without authentication. */
  public QueryResult query(String promql) {
    return client.query(promql);
  }

  /** Waits until {@code promql} yields {@code expected} (e.g. after the next scrape picked a value up). */
  public void awaitSample(String promql, double expected) {
    awaitResult(promql, new QueryResult.Value(expected));
  }

  /** Waits until {@code promql} yields {@code expected}; fails with the last answer and the log tail. */
  public void awaitResult(String promql, QueryResult expected) {
    AtomicReference<QueryResult> last = new AtomicReference<>();
    try {
      await().atMost(SAMPLE_WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> {
        last.set(client.query(promql));
        return last.get().equals(expected);
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Prometheus at " + url() + " never answered " + promql + " with " + expected
          + "; last answer: " + last.get() + "\nprometheus log tail:\n" + logTail(), e);
    }
  }

  /** The last lines Prometheus logged (all starts appended). */
  public String logTail() {
    if (workDir == null || !Files.exists(log())) {
      return "(no log)";
    }
    try {
      List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private Path log() {
    return workDir.resolve("prometheus.log");
  }

  @Override
  public synchronized void close() {
    stop();
    if (killOnExit != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook kills the process anyway
      }
      killOnExit = null;
    }
    if (metrics != null) {
      metrics.close();
    }
    if (workDir != null) {
      deleteRecursively(workDir);
      workDir = null;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    System.err.println("prometheus log tail after " + context.getDisplayName() + " failed:\n" + logTail());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
      for (Path path : deepestFirst) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
