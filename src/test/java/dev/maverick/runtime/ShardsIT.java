package dev.maverick.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.Groups;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Shards: instances started with {@code --shard} each handle only the pipelines and policies
 * labelled with their shard, the instance without a shard those without the label; no object is
 * written by two instances, and a pipeline may refer to a policy of another shard.
 */
class ShardsIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String UNSHARDED = OperatorHarness.OPERATOR_USER_AGENT;

  @Test
  void eachInstanceConvergesItsOwnPipelinesAndPoliciesOnly() {
    WriteRecorder writes = new WriteRecorder();
    try (OperatorHarness k8s = OperatorHarness.builder().dispatcher(writes).withoutOperator().start()) {
      k8s.startOperator();
      k8s.startAnotherOperator(settings("a"), "shard-a");
      k8s.startAnotherOperator(settings("b"), "shard-b");

      Map<String, String> expectedWriter = new TreeMap<>();
      k8s.create(policy("policy-a", "a"));
      k8s.create(policy("policy-none", null));
      expectedWriter.put("policy-a", "shard-a");
      expectedWriter.put("policy-none", UNSHARDED);
      // pipeline-a2 refers to a policy of another shard: it reads it, the policy's shard writes it
      Map<String, List<String>> pipelines = Map.of(
          "pipeline-a1", List.of("a", "policy-a"),
          "pipeline-a2", List.of("a", "policy-none"),
          "pipeline-b1", List.of("b", "policy-none"),
          "pipeline-none", List.of("", "policy-a"));
      pipelines.forEach((name, shardAndPolicy) -> {
        k8s.create(pipeline(name, shardAndPolicy.get(0), shardAndPolicy.get(1)));
        expectedWriter.put(name, shardAndPolicy.get(0).isEmpty() ? UNSHARDED : "shard-" + shardAndPolicy.get(0));
      });

      for (String name : pipelines.keySet()) {
        k8s.awaitChild(Deployment.class, name + "-worker");
        k8s.rollOut(name + "-app");
        k8s.rollOut(name + "-worker");
      }
      await().untilAsserted(() -> {
        for (String name : pipelines.keySet()) {
          EmbeddingPipeline pipeline = k8s.pipeline(name);
          assertThat(pipeline.getStatus().observedGeneration()).as(name).isEqualTo(pipeline.getMetadata().getGeneration());
          assertThat(pipeline.getStatus().phase()).as(name).hasToString("Healthy");
        }
        for (String name : List.of("policy-a", "policy-none")) {
          assertThat(k8s.policy(name).getStatus().observedGeneration()).as(name).isEqualTo(1L);
        }
      });

      // a shard's children carry its label (not their pods: relabelling must not restart them), and
      // its operator watches those only, so that its caches hold its own children, not every shard's
      Deployment sharded = k8s.get(Deployment.class, "pipeline-a1-app");
      assertThat(sharded.getMetadata().getLabels()).containsEntry(Groups.SHARD_LABEL, "a");
      assertThat(sharded.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey(Groups.SHARD_LABEL);
      assertThat(k8s.get(Deployment.class, "pipeline-none-app").getMetadata().getLabels())
          .doesNotContainKey(Groups.SHARD_LABEL);
      List<String> childWatches = k8s.takeRequests().stream()
          .filter(r -> "shard-a".equals(r.getHeader("User-Agent")) && r.getPath().contains("/deployments?"))
          .map(r -> URLDecoder.decode(r.getPath(), StandardCharsets.UTF_8)).toList();
      assertThat(childWatches).isNotEmpty()
          .allMatch(path -> path.contains("labelSelector=app.kubernetes.io/managed-by=maverick-operator,"
              + Groups.SHARD_LABEL + "=a"));

      Map<String, Set<String>> writers = new HashMap<>();
      for (Write write : writes.writes) {
        if (write.agent().equals(UNSHARDED) || write.agent().startsWith("shard-")) {
          writers.computeIfAbsent(owner(write, expectedWriter.keySet()), o -> new TreeSet<>()).add(write.agent());
        }
      }
      expectedWriter.forEach((object, writer) ->
          assertThat(writers.get(object)).as("instances that wrote %s or its children", object).containsExactly(writer));
      assertThat(writers.keySet()).as("every write belongs to a pipeline or policy").isEqualTo(expectedWriter.keySet());

      // out of its shard: the instance without a shard takes the pipeline over, and its children with it
      k8s.edit(EmbeddingPipeline.class, "pipeline-a1", pipeline -> {
        pipeline.getMetadata().setLabels(Map.of());
        return pipeline;
      });
      await().untilAsserted(() -> assertThat(k8s.get(Deployment.class, "pipeline-a1-app").getMetadata().getLabels())
          .doesNotContainKey(Groups.SHARD_LABEL));
    }
  }

  @Test
  void theShardIsALabelValueAndNamesTheLease() {
    assertThat(settings("a").leaseName()).isEqualTo("maverick-operator-a");
    assertThat(settings("a").shardSelector()).isEqualTo("maverick.dev/shard=a");
    assertThat(OperatorSettings.from(Map.of(), List.of()).shardSelector()).isEqualTo("!maverick.dev/shard");
    assertThat(OperatorSettings.from(Map.of(), List.of("--shard=b")).shard()).isEqualTo("b");
    assertThat(OperatorSettings.from(Map.of("MAVERICK_SHARD", "a", "MAVERICK_LEASE_NAME", "mine"), List.of()).leaseName())
        .isEqualTo("mine");
    for (String bad : List.of("a b", "-a", "a=b", "A", "a_b", "x".repeat(64))) {
      assertThatThrownBy(() -> settings(bad)).hasMessageContaining("MAVERICK_SHARD must be a DNS label");
    }
  }

  private static OperatorSettings settings(String shard) {
    OperatorSettings from = OperatorSettings.from(Map.of("MAVERICK_SHARD", shard), List.of());
    // as embedded(): no leader election, no HTTP port, in-test thread count
    return new OperatorSettings(Set.of(), 0, false, "", from.leaseName(), 4, from.allowedPrometheusUrls(),
        from.allowedWebhookUrls(), from.shard(), false);
  }

  private static RolloutPolicy policy(String name, String shard) {
    RolloutPolicy policy = Fixtures.paperlessPolicy().build();
    policy.getMetadata().setName(name);
    if (shard != null) {
      policy.getMetadata().setLabels(Map.of(Groups.SHARD_LABEL, shard));
    }
    return policy;
  }

  private static EmbeddingPipeline pipeline(String name, String shard, String policy) {
    EmbeddingPipeline pipeline = Fixtures.paperless(name, policy);
    if (!shard.isEmpty()) {
      pipeline.getMetadata().setLabels(Map.of(Groups.SHARD_LABEL, shard));
    }
    return pipeline;
  }

  /** The pipeline or policy a write is about: the object itself (status) or one of its children. */
  private static String owner(Write write, Set<String> owners) {
    return owners.stream().filter(o -> write.name().equals(o) || write.name().startsWith(o + "-")).findFirst()
        .orElseThrow(() -> new AssertionError("a write to " + write + " of no pipeline or policy"));
  }

  record Write(String agent, String method, String path, String name) {}

  /**
   * The CRUD store, recording who writes which object (Events and Leases aside). The store reads a
   * request's body, so the name of a created object is taken before it does.
   */
  static final class WriteRecorder extends KubernetesCrudDispatcher {
    final List<Write> writes = new CopyOnWriteArrayList<>();

    WriteRecorder() {
      super(List.of());
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath().split("\\?")[0];
      if (!OperatorHarness.isWrite(request) || path.contains("/events") || path.contains("/leases")) {
        return super.dispatch(request);
      }
      byte[] body = request.getBody().readByteArray();
      String[] segments = path.split("/");
      String name = request.getMethod().equals("POST") ? nameIn(body)
          : segments[segments.length - 1].equals("status") ? segments[segments.length - 2] : segments[segments.length - 1];
      writes.add(new Write(request.getHeader("User-Agent"), request.getMethod(), path, name));
      return super.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
          request.getHeaders(), new Buffer(body)));
    }

    private static String nameIn(byte[] body) {
      try {
        return JSON.readTree(body).path("metadata").path("name").asText();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
