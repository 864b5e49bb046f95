package dev.maverick.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A tiny /metrics endpoint on 127.0.0.1 serving the Prometheus text format; tests set the gauge
 * and counter values it exposes. A series that is removed disappears (Prometheus marks it stale).
 */
public final class MetricsEndpoint implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, Family> families = new LinkedHashMap<>();

  private record Family(String type, Map<SortedMap<String, String>, Double> samples) {}

  private MetricsEndpoint(HttpServer server) {
    this.server = server;
  }

  public static MetricsEndpoint start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      MetricsEndpoint endpoint = new MetricsEndpoint(server);
      server.createContext("/metrics", exchange -> {
        byte[] body = endpoint.exposition().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      server.start();
      return endpoint;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** host:port, as a scrape target. */
  public String target() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public MetricsEndpoint gauge(String name, Map<String, String> labels, double value) {
    return set("gauge", name, labels, value);
  }

  public MetricsEndpoint counter(String name, Map<String, String> labels, double value) {
    return set("counter", name, labels, value);
  }

  public synchronized MetricsEndpoint remove(String name, Map<String, String> labels) {
    Family family = families.get(name);
    if (family != null) {
      family.samples().remove(new TreeMap<>(labels));
    }
    return this;
  }

  private synchronized MetricsEndpoint set(String type, String name, Map<String, String> labels, double value) {
    Family family = families.computeIfAbsent(name, n -> new Family(type, new LinkedHashMap<>()));
    if (!family.type().equals(type)) {
      throw new IllegalArgumentException(name + " is already a " + family.type());
    }
    family.samples().put(new TreeMap<>(labels), value);
    return this;
  }

  /** The text this endpoint serves right now. */
  public synchronized String exposition() {
    StringBuilder text = new StringBuilder();
    families.forEach((name, family) -> {
      text.append("# TYPE ").append(name).append(' ').append(family.type()).append('\n');
      family.samples().forEach((labels, value) -> {
        text.append(name);
        if (!labels.isEmpty()) {
          text.append('{');
          labels.forEach((label, labelValue) -> text.append(label).append("=\"").append(escape(labelValue)).append("\","));
          text.setLength(text.length() - 1);
          text.append('}');
        }
        text.append(' ').append(format(value)).append('\n');
      });
    });
    return text.toString();
  }

  private static String escape(String labelValue) {
    return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return Double.toString(value);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
