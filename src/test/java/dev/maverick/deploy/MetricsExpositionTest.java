package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.metrics.PrometheusRegistry;
import dev.maverick.runtime.HttpEndpoints;
import dev.maverick.runtime.MaverickOperator;
import dev.maverick.runtime.OperatorSettings;
import dev.maverick.testing.ExternalTools;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The /metrics that {@code run} serves, with the operator reconciling a pipeline whose policy's
 * Prometheus fails, passes {@code promtool check metrics}: every family has HELP, names follow the
 * Prometheus conventions (units, _total on counters).
 */
class MetricsExpositionTest {
  @Test
  void liveMetricsPassPromtoolCheckMetrics(@TempDir Path dir) throws Exception {
    Path promtool = ExternalTools.require("promtool");
    PrometheusMeterRegistry registry = PrometheusRegistry.create();
    try (OperatorHarness harness = OperatorHarness.builder().dispatcher(new KubernetesCrudDispatcher())
        .withoutOperator().start();
        HttpEndpoints endpoints = HttpEndpoints.start(0, registry, () -> true, java.util.Optional::empty);
        MaverickOperator operator = MaverickOperator.start(harness.client, OperatorSettings.embedded(),
            Clock.systemUTC(), registry)) {
      harness.create(Fixtures.paperlessPolicy().build());
      harness.create(Fixtures.paperlessUsing("standard-rollout"));

      String metrics = await().until(() -> scrape(endpoints.port()), text -> text.contains("maverick_leader ")
          && text.contains("maverick_prometheus_query_errors_total{") && text.contains("maverick_trigger_value{")
          && text.contains("operator_sdk_reconciliations_success_total"));

      Path file = dir.resolve("metrics.txt");
      Files.writeString(file, metrics);
      ProcessResult check = ProcessResult.run(List.of("sh", "-c", promtool + " check metrics < " + file));
      assertThat(check.exitCode()).as("promtool check metrics:\n%s%s", check.stdout(), check.stderr()).isZero();
    }
  }

  private static String scrape(int port) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
