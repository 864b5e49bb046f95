package dev.maverick.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.maverick.api.ActionType;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.pipeline.ChildNames;
import dev.maverick.pipeline.Component;
import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.runtime.HttpEndpoints;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.HeadlessChromium;
import dev.maverick.testing.OperatorHarness;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real headless Chromium (Debian's package), fed by the real operator (mock
 * Kubernetes API, a fake Prometheus) through a scripted breach: the success rate drops below its
 * threshold for longer than its {@code for} window (the operator disables the flag), the error rate
 * breaches for less than its window. The screenshot is kept in target/dashboard/; with
 * {@code -Ddashboard.docs=true} it also replaces docs/dashboard.png.
 */
class DashboardBrowserIT {
  private static final String PIPELINE = "paperless-maverick";
  private static final Path SCREENSHOT = Path.of("target", "dashboard", "dashboard.png");
  private static final int TICKS = 24;

  /** The success rate of evaluation {@code tick} (30s apart): below 0.85 from tick 10 to 15 (3m). */
  private static double successRate(int tick) {
    return tick >= 10 && tick <= 15 ? 0.72 + 0.03 * Math.sin(tick) : 0.975 + 0.01 * Math.sin(tick / 2.0);
  }

  /** The error rate: above 0.1 from tick 12 to 15 (2m, shorter than its 5m window). */
  private static double errorRate(int tick) {
    return tick >= 12 && tick <= 15 ? 0.14 + 0.01 * Math.cos(tick) : 0.03 + 0.01 * Math.cos(tick / 3.0);
  }

  @Test
  void rendersTheBreachWithoutConsoleErrors() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.require();
    int[] tick = {0};
    try (FakePrometheusServer prometheus = new FakePrometheusServer();
        OperatorHarness k8s = OperatorHarness.start();
        HttpEndpoints endpoints = HttpEndpoints.start(0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            () -> true, java.util.Optional::empty)) {
      Dashboard dashboard = k8s.operator().dashboard().orElseThrow();
      EvaluationHistory history = dashboard.history();
      endpoints.serve(Dashboard.CONTEXT, dashboard);
      prometheus.answerEach(query -> vector(query.contains("error") ? errorRate(tick[0]) : successRate(tick[0])));
      // the Prometheus timeout is the default, 5s
      k8s.create(DashboardData.policy("standard-rollout", prometheus.url(),
          DashboardData.SUCCESS_TRIGGER + DashboardData.ERROR_TRIGGER));
      k8s.create(Fixtures.paperlessUsing("standard-rollout"));
      k8s.awaitQueries(2);
      for (tick[0] = 1; tick[0] < TICKS; tick[0]++) {
        rollOut(k8s);
        k8s.mutableClock().advance(Duration.ofSeconds(30));
        Instant now = k8s.mutableClock().instant();
        int current = tick[0];
        k8s.edit(EmbeddingPipeline.class, PIPELINE, p -> {
          Map<String, String> annotations = new HashMap<>(p.getMetadata().getAnnotations() == null ? Map.of()
              : p.getMetadata().getAnnotations());
          annotations.put("test.example/tick", Integer.toString(current));
          p.getMetadata().setAnnotations(annotations);
          return p;
        });
        // both triggers evaluated at the new time, by whichever reconcile (one already running when the clock
        // moved may do it; the one the edit causes then finds nothing due), as the dashboard recorded it;
        // status is no signal: it is written only when it carries news
        await().until(() -> evaluatedAt(history, now));
      }
      await().until(() -> k8s.pipeline(PIPELINE).getStatus().actions() != null);
      assertThat(k8s.pipeline(PIPELINE).getStatus().actions()).singleElement()
          .satisfies(a -> assertThat(a.type()).isEqualTo(ActionType.DisableFlag));

      String url = "http://127.0.0.1:" + endpoints.port() + Dashboard.PATH;
      HeadlessChromium.Page page = chromium.load(url, SCREENSHOT, 1280, 1600);
      assertThat(page.consoleMessages()).as("console messages of %s", url).isEmpty();
      String success = chart(page.stdout(), "embeddingSuccessRate");
      assertThat(success).contains("class=\"series\"", "class=\"threshold\"", "class=\"breach\"",
          "class=\"for-window\"", "class=\"for-window-end\"", "threshold 0.85");
      String errors = chart(page.stdout(), "systemErrorRate");
      // its breach ended before its 5m window: shaded, but no action was due
      assertThat(errors).contains("class=\"threshold\"", "class=\"breach\"", "class=\"for-window\"")
          .doesNotContain("for-window-end");
      assertThat(page.stdout()).contains("DisableFlag", "disabled flag embeddingMonitoring", "Stalled: ActionInForce");

      byte[] png = Files.readAllBytes(SCREENSHOT);
      assertThat(png.length).isGreaterThan(20_000);
      assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
      if (Boolean.getBoolean("dashboard.docs")) {
        Files.copy(SCREENSHOT, Path.of("docs", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Guards the check above: a page with a script error and a blocked load must show console messages. */
  @Test
  void theConsoleCheckSeesErrors(@TempDir Path screenshots) throws Exception {
    HeadlessChromium chromium = HeadlessChromium.require();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "<!DOCTYPE html><link rel=icon href='data:,'><img src='https://cdn.example/x.png'><script>nope()</script>"
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Security-Policy", Dashboard.CONTENT_SECURITY_POLICY
          + "; script-src 'unsafe-inline'");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      HeadlessChromium.Page page = chromium.load("http://127.0.0.1:" + server.getAddress().getPort() + "/",
          screenshots.resolve("broken.png"), 400, 300);
      assertThat(page.consoleMessages()).anySatisfy(m -> assertThat(m).contains("nope is not defined"))
          .anySatisfy(m -> assertThat(m).contains("violates the following Content Security Policy"));
    } finally {
      server.stop(0);
    }
  }

  private static void rollOut(OperatorHarness k8s) {
    for (Component component : Component.values()) {
      if (k8s.get(io.fabric8.kubernetes.api.model.apps.Deployment.class, ChildNames.of(PIPELINE, component)) != null) {
        k8s.rollOut(ChildNames.of(PIPELINE, component));
      }
    }
  }

  private static boolean evaluatedAt(EvaluationHistory history, Instant at) {
    List<TriggerSeries> series = history.series(new PipelineKey(OperatorHarness.NAMESPACE, PIPELINE));
    return series.size() == 2 && series.stream().allMatch(s -> s.points().stream().anyMatch(p -> p.at().equals(at)));
  }

  /** The SVG of one trigger's chart in the dumped DOM. */
  private static String chart(String dom, String trigger) {
    Matcher matcher = Pattern.compile("<svg[^>]*data-trigger=\"" + trigger + "\".*?</svg>", Pattern.DOTALL).matcher(dom);
    assertThat(matcher.find()).as("a chart for %s in the DOM", trigger).isTrue();
    return matcher.group();
  }

  private static String vector(double value) {
    return String.format(Locale.ROOT, "{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1700000000,\"%.4f\"]}]}",
        value);
  }
}
