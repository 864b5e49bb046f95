package dev.maverick.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maverick.api.EmbeddingPipeline;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's own machinery (not the operator): seeding the mock's store, the floor's writes, the mock's CPU. */
class BenchSetupTest {
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void seededPipelinesAreStoredAsCreatesThroughTheApiWouldStoreThem(boolean indexedStore) {
    try (BenchCluster cluster = BenchCluster.start(5, indexedStore)) {
      cluster.createPolicy(Duration.ofSeconds(30), true);
      cluster.seedPipelines();

      List<EmbeddingPipeline> stored = cluster.pipelines();
      assertThat(stored).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(cluster.pipelineNames);
      assertThat(stored).allSatisfy(p -> {
        assertThat(p.getMetadata().getUid()).isNotBlank();
        assertThat(p.getMetadata().getResourceVersion()).isNotBlank();
        assertThat(p.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(p.getMetadata().getNamespace()).isEqualTo(BenchCluster.NAMESPACE);
        assertThat(p.getSpec().rolloutPolicyRef().name()).isEqualTo(BenchCluster.POLICY);
      });
      assertThatThrownBy(() -> cluster.client.resource(BenchCluster.pipeline(cluster.pipelineNames.get(0))).create())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
      EmbeddingPipeline first = stored.get(0); // a status write through the API finds the seeded object
      first.setStatus(dev.maverick.api.EmbeddingPipelineStatus.initial());
      assertThat(cluster.client.resource(first).updateStatus().getStatus()).isNotNull();
      EmbeddingPipeline created = cluster.client.resource(BenchCluster.pipeline("created")).create();
      created.getMetadata().setLabels(java.util.Map.of("touched", "yes"));
      assertThat(cluster.client.resource(created).update().getMetadata().getLabels()).containsEntry("touched", "yes");
      assertThat(cluster.pipelines()).hasSize(6);
    }
  }

  @Test
  void theFloorWritesEveryChildAndOneStatusPerPipeline() throws Exception {
    for (BenchCluster.Preload preload : BenchCluster.Preload.values()) {
      Floor.Result floor = Floor.measure(3, Duration.ofSeconds(30), true, preload, preload == BenchCluster.Preload.SEED);
      assertThat(floor.writes()).as("%s", preload).isEqualTo(3 * (BenchCluster.CHILDREN_PER_PIPELINE + 1));
      assertThat(floor.apiServer().cpu()).as("%s", preload).isPositive();
    }
  }

  @Test
  void theApiServerCountsTheRequestsItServesAndTheirCpu() {
    try (BenchCluster cluster = BenchCluster.start(0)) {
      ApiServerBusy.Reading before = cluster.apiServer();
      for (int i = 0; i < 200; i++) {
        cluster.client.configMaps().inNamespace(BenchCluster.NAMESPACE).resource(new ConfigMapBuilder()
            .withNewMetadata().withName("cm-" + i).endMetadata().build()).create();
      }

      ApiServerBusy served = ApiServerBusy.between(before, cluster.apiServer(), Duration.ofSeconds(1));
      assertThat(served.requests()).isEqualTo(200);
      assertThat(served.cpu()).isPositive();
    }
  }

  @Test
  void busyIsTheServingCpuOverTheWallTime() {
    ApiServerBusy busy = ApiServerBusy.between(new ApiServerBusy.Reading(Duration.ofSeconds(1), 100),
        new ApiServerBusy.Reading(Duration.ofSeconds(4), 1100), Duration.ofSeconds(6));

    assertThat(busy.fraction()).isEqualTo(0.5);
    assertThat(busy.text()).isEqualTo("3.0 s of CPU, 50% of the 6.0 s; 1000 requests, 3.00 ms each");
    assertThat(busy.fields("floor_")).isEqualTo(" floor_api_cpu_s=3.0 floor_api_busy=0.50 floor_api_requests=1000");
    ApiServerBusy run = ApiServerBusy.between(new ApiServerBusy.Reading(Duration.ZERO, 0),
        new ApiServerBusy.Reading(Duration.ofSeconds(6), 1500), Duration.ofSeconds(10));
    assertThat(run.workRatio(busy)).isEqualTo(2.0);
    assertThat(run.fieldsAgainst(busy)).isEqualTo(" api_cpu_s=6.0 api_busy=0.60 api_requests=1500"
        + " floor_api_cpu_s=3.0 floor_api_busy=0.50 floor_api_requests=1000 api_work_ratio=2.00");
  }
}
