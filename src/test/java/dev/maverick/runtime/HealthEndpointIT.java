package dev.maverick.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.testing.MutableClock;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.javaoperatorsdk.operator.processing.Controller;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** /healthz (the liveness probe) fails when the operator's informers or its reconcile loop are dead. */
class HealthEndpointIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(HttpEndpoints endpoints, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthzTurns503WhenAnInformerStopsAndWhenTheOperatorStops() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (OperatorHarness k8s = OperatorHarness.builder().dispatcher(new KubernetesCrudDispatcher()).withoutOperator()
        .start()) {
      MaverickOperator operator = MaverickOperator.start(k8s.client, OperatorSettings.embedded(),
          MutableClock.at("2026-11-23T10:00:00Z"), registry);
      try (HttpEndpoints endpoints = HttpEndpoints.start(0, registry, operator::healthy, operator::deadReason)) {
        await().until(() -> get(endpoints, "/readyz").statusCode() == 200);
        assertThat(get(endpoints, "/healthz").statusCode()).isEqualTo(200);

        // an informer dies (as fabric8 stops one after a fatal error) while the process lives on
        Controller<?> pipelines = (Controller<?>) operator.runtimeInfo().getRegisteredControllers().stream()
            .filter(c -> c.getConfiguration().getName().contains("embeddingpipeline"))
            .findFirst().orElseThrow();
        pipelines.getEventSourceManager().getEventSourcesFor(Deployment.class).forEach(source -> source.stop());

        await().untilAsserted(() -> {
          HttpResponse<String> health = get(endpoints, "/healthz");
          assertThat(health.statusCode()).isEqualTo(503);
          assertThat(health.body()).contains("informer").contains("stopped");
        });

        operator.close();
        HttpResponse<String> stopped = get(endpoints, "/healthz");
        assertThat(stopped.statusCode()).isEqualTo(503);
        assertThat(stopped.body()).contains("operator stopped");
      } finally {
        operator.close();
      }
    }
  }

  @Test
  void healthzIsOkBeforeTheOperatorHasStarted() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (HttpEndpoints endpoints = HttpEndpoints.start(0, registry, () -> false, Optional::empty)) {
      assertThat(get(endpoints, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(endpoints, "/readyz").statusCode()).isEqualTo(503);
    }
  }
}
