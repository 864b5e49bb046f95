package dev.maverick.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.cli.Main;
import dev.maverick.pipeline.PipelineValidator;
import dev.maverick.policy.PolicyValidator;
import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.reliability.PrometheusFaultProxy.Fault;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.Meter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 6.6: a run with a bearer token and a webhook URL configured, Prometheus and webhook
 * faults, and an action taken, leaves neither secret value in logs (our code at TRACE), Events,
 * status, metrics or {@code render} output.
 */
class SecretsIT {
  private static final String TOKEN = "mvk-tok-Zq7Xw2Lp9Ks4Vb1N";
  private static final String HOOK_SECRET_PATH = "/services/T0S3CR3T/B0S3CR3T/hook-Hx82kQv5Pm";

  private final FakePrometheusServer prometheus = new FakePrometheusServer();
  private final PrometheusFaultProxy prometheusProxy = new PrometheusFaultProxy(prometheus.url());
  private final FakePrometheusServer webhook = new FakePrometheusServer();
  private final PrometheusFaultProxy webhookProxy = new PrometheusFaultProxy(webhook.url());
  private final ScheduledExecutorService time = Executors.newSingleThreadScheduledExecutor();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final java.util.Map<Logger, Level> raised = new java.util.LinkedHashMap<>();
  private OperatorHarness k8s;

  @BeforeEach
  void start() {
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    raise("dev.maverick", Level.TRACE);
    raise("io.javaoperatorsdk", Level.DEBUG);
    k8s = OperatorHarness.start();
    time.scheduleAtFixedRate(() -> k8s.mutableClock().advance(Duration.ofMillis(100)), 100, 100, TimeUnit.MILLISECONDS);
  }

  @AfterEach
  void stop() {
    time.shutdownNow();
    k8s.close();
    prometheusProxy.close();
    webhookProxy.close();
    prometheus.close();
    webhook.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    raised.forEach(Logger::setLevel); // back to the configured levels; other tests share this JVM
  }

  @Test
  void neitherTheTokenNorTheWebhookUrlLeaks(@TempDir Path dir) throws IOException {
    String webhookUrl = webhookProxy.url() + HOOK_SECRET_PATH;
    k8s.create(Checks.secret("prom-token", "token", TOKEN + "\n"));
    k8s.create(Checks.secret("slack-webhook", "url", webhookUrl));
    String policyYaml = Fixtures.paperlessPolicy().withPrometheus(prometheusProxy.url(), "1s")
        .withPrometheusField("bearerTokenSecretRef: {name: prom-token, key: token}").withInterval("1s").withFor("2s")
        .withWebhook().yaml();
    k8s.create(Serialization.unmarshal(policyYaml, RolloutPolicy.class));
    EmbeddingPipeline pipeline = Fixtures.paperlessUsing("standard-rollout");
    k8s.create(pipeline);

    // Prometheus fails first, then answers with a breach; the webhook fails first, then accepts
    prometheus.answerData("""
        {"resultType":"vector","result":[{"metric":{},"value":[1700000000,"0.5"]}]}""");
    webhook.answerData("{}");
    webhookProxy.inject(Fault.HTTP_500);
    for (Fault fault : List.of(Fault.HTTP_500, Fault.STOPPED)) {
      prometheusProxy.inject(fault);
      await().untilAsserted(() -> assertThat(k8s.pipeline("paperless-maverick").getStatus().triggers())
          .singleElement().satisfies(t -> assertThat(t.error()).isNotBlank()));
      prometheusProxy.heal();
    }
    await().untilAsserted(() -> assertThat(k8s.pipeline("paperless-maverick").getStatus().actions()).hasSize(1));
    await().until(() -> webhookProxy.injected().getOrDefault(Fault.HTTP_500, 0) >= 2);
    webhookProxy.heal();
    await().until(() -> webhook.requests().stream().anyMatch(r -> r.path().equals(HOOK_SECRET_PATH)));
    assertThat(prometheus.requests()).allSatisfy(r ->
        assertThat(r.headers().getFirst("Authorization")).isEqualTo("Bearer " + TOKEN));

    List<String> secrets = List.of(TOKEN, webhookUrl, HOOK_SECRET_PATH, base64(TOKEN), base64(webhookUrl));
    // render exits the JVM on invalid input: make sure it is valid first, so a failure stays a test failure
    RolloutPolicy policy = Serialization.unmarshal(policyYaml, RolloutPolicy.class);
    assertThat(PipelineValidator.validate(pipeline.getMetadata().getName(), pipeline.getSpec())).isEmpty();
    assertThat(PolicyValidator.validate(policy.getSpec())).isEmpty();
    assertThat(PolicyValidator.validateAgainst(policy.getSpec(), pipeline.getSpec())).isEmpty();
    String render = render(dir, Serialization.asYaml(pipeline) + "\n---\n" + policyYaml);
    k8s.stopOperator();
    List<ILoggingEvent> logged;
    synchronized (logs) { // the appender adds under its own lock
      logged = new ArrayList<>(logs.list);
    }
    List<String> logLines = logged.stream().map(SecretsIT::fullText).toList();
    String events = Serialization.asJson(k8s.client.v1().events().inNamespace(OperatorHarness.NAMESPACE).list());
    String statuses = Serialization.asJson(k8s.pipeline("paperless-maverick")) + Serialization.asJson(
        k8s.policy("standard-rollout"));
    String metrics = String.join("\n", k8s.meters.getMeters().stream().map(Meter::getId).map(Object::toString)
        .toList());
    for (String secret : secrets) {
      assertThat(logLines).as("logs").noneMatch(line -> line.contains(secret));
      assertThat(events).as("events").doesNotContain(secret);
      assertThat(statuses).as("status").doesNotContain(secret);
      assertThat(metrics).as("metrics").doesNotContain(secret);
      assertThat(render).as("render").doesNotContain(secret);
    }
    assertThat(render).contains("kind: \"Deployment\"");
    Figures.print("secrets", "logLinesScanned=" + logLines.size() + " events=" + events.length() + "chars status="
        + statuses.length() + "chars meters=" + k8s.meters.getMeters().size() + " renderChars=" + render.length()
        + " prometheusFaults=" + prometheusProxy.injected() + "+STOPPED webhookFaults=" + webhookProxy.injected()
        + " leaks=0");
  }

  private void raise(String name, Level level) {
    Logger logger = (Logger) LoggerFactory.getLogger(name);
    raised.put(logger, logger.getLevel());
    logger.setLevel(level);
  }

  /** The message, MDC and every exception message and stack frame of a log event. */
  private static String fullText(ILoggingEvent event) {
    StringBuilder text = new StringBuilder(event.getFormattedMessage()).append(' ').append(event.getMDCPropertyMap());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
    }
    return text.toString();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code render -f} on the same objects, through the command line entry point. */
  private static String render(Path dir, String yaml) throws IOException {
    Path file = Files.writeString(dir.resolve("pipeline.yaml"), yaml);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      Main.main(new String[] {"render", "-f", file.toString()});
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
