package dev.maverick.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.Groups;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11.2: objects whose JSON the operator's types cannot hold (a newer CRD's enum value, a
 * schema that was bypassed; the mock server, like such a cluster, enforces no schema) are stored
 * raw. The operator keeps running: each such object is Stalled with a Warning Event naming the
 * field and the value, a pipeline using an unreadable policy is stalled by it, and a good pipeline
 * beside them is still protected (its trigger acts).
 */
class UnreadableObjectsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API_VERSION = Groups.GROUP + "/" + Groups.VERSION;

  private final FakePrometheusServer prometheus = new FakePrometheusServer();
  private final ScheduledExecutorService time = Executors.newSingleThreadScheduledExecutor();
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().build();

  /** A bad object: its kind, name, the JSON pointer changed, the value stored there and the path the operator names. */
  private record Bad(String kind, String name, String pointer, String valueJson, String path) {}

  private static final List<Bad> BAD = List.of(
      new Bad("RolloutPolicy", "newer-action", "/spec/triggers/0/actions/0/type", "\"PageOnCall\"",
          "spec.triggers[0].actions[0].type"),
      new Bad("RolloutPolicy", "operator-typo", "/spec/triggers/0/condition/operator", "\"Below\"",
          "spec.triggers[0].condition.operator"),
      new Bad("RolloutPolicy", "threshold-text", "/spec/triggers/0/condition/threshold", "\"high\"",
          "spec.triggers[0].condition.threshold"),
      new Bad("RolloutPolicy", "triggers-map", "/spec/triggers", "{\"a\": 1}", "spec.triggers"),
      new Bad("EmbeddingPipeline", "replicas-text", "/spec/app/replicas/min", "\"three\"", "spec.app.replicas.min"),
      new Bad("EmbeddingPipeline", "enabled-maybe", "/spec/featureFlags/0/enabled", "\"maybe\"",
          "spec.featureFlags[0].enabled"),
      new Bad("EmbeddingPipeline", "profile-turbo", "/spec/rateLimiting/profile", "\"turbo\"",
          "spec.rateLimiting.profile"),
      new Bad("EmbeddingPipeline", "flags-map", "/spec/featureFlags", "{\"embeddingMonitoring\": true}",
          "spec.featureFlags"),
      new Bad("EmbeddingPipeline", "params-list", "/spec/featureFlags/1/params", "[\"x\"]",
          "spec.featureFlags[1].params"),
      new Bad("EmbeddingPipeline", "app-number", "/spec/app", "42", "spec.app"));

  @BeforeEach
  void start() {
    time.scheduleAtFixedRate(() -> k8s.mutableClock().advance(Duration.ofMillis(100)), 100, 100, TimeUnit.MILLISECONDS);
  }

  @AfterEach
  void stop() {
    time.shutdownNow();
    prometheus.close();
  }

  @Test
  void unreadableObjectsAreStalledAndTheRestIsStillProtected() throws Exception {
    for (Bad bad : BAD) {
      ObjectNode json = bad.kind().equals("RolloutPolicy") ? policyJson(bad.name()) : pipelineJson(bad.name(), "good");
      set(json, bad.pointer(), JSON.readTree(bad.valueJson()));
      store(json);
    }
    // a readable pipeline that uses an unreadable policy
    store(pipelineJson("uses-newer-action", "newer-action"));
    // and a good policy and pipeline beside them
    prometheus.answerData("""
        {"resultType":"vector","result":[{"metric":{},"value":[1700000000,"0.5"]}]}""");
    store(policyJson("good"));
    store(pipelineJson("protected", "good"));

    await().untilAsserted(() -> assertThat(status("EmbeddingPipeline", "protected").path("actions"))
        .as("the good pipeline's trigger acted").hasSize(1));
    for (Bad bad : BAD) {
      await().untilAsserted(() -> assertThat(stalled(bad.kind(), bad.name()))
          .as(bad.name()).contains(bad.path()).contains(bad.valueJson().replace(" ", "")));
      JsonNode ready = condition(bad.kind(), bad.name(), "Ready");
      assertThat(ready.path("status").asText()).as(bad.name()).isEqualTo("False");
      assertThat(warnings(bad.name())).as(bad.name()).anySatisfy(e -> {
        assertThat(e.getReason()).isEqualTo("Unreadable");
        assertThat(e.getMessage()).contains(bad.path()).contains(bad.valueJson().replace(" ", ""));
      });
    }
    await().untilAsserted(() -> assertThat(stalled("EmbeddingPipeline", "uses-newer-action"))
        .contains("RolloutPolicy 'newer-action'").contains("spec.triggers[0].actions[0].type")
        .contains("\"PageOnCall\""));

    // still running: a new good object after all that is reconciled
    store(pipelineJson("late", "good"));
    await().untilAsserted(() -> assertThat(status("EmbeddingPipeline", "late").path("observedGeneration").asLong())
        .isEqualTo(1L));
  }

  private ObjectNode policyJson(String name) {
    return tree(Fixtures.paperlessPolicy().withName(name).withPrometheus(prometheus.url(), "1s").withInterval("1s")
        .withFor("2s").build());
  }

  private static ObjectNode pipelineJson(String name, String policy) {
    return tree(Fixtures.paperless(name, policy));
  }

  private static ObjectNode tree(Object resource) {
    ObjectNode json = JSON.valueToTree(Serialization.unmarshal(Serialization.asJson(resource), Map.class));
    json.remove("status");
    return json;
  }

  private static void set(ObjectNode json, String pointer, JsonNode value) {
    JsonPointer at = JsonPointer.compile(pointer);
    JsonNode parent = json.at(at.head());
    if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(at.last().getMatchingProperty()), value);
    } else {
      ((ObjectNode) parent).set(at.last().getMatchingProperty(), value);
    }
  }

  /** Stores the JSON as it is, as a cluster whose schema allows it would. */
  private void store(ObjectNode json) {
    GenericKubernetesResource raw = Serialization.unmarshal(json.toString(), GenericKubernetesResource.class);
    k8s.client.resource(raw).inNamespace(OperatorHarness.NAMESPACE).create();
  }

  private JsonNode status(String kind, String name) {
    GenericKubernetesResource raw = k8s.client.genericKubernetesResources(API_VERSION, kind)
        .inNamespace(OperatorHarness.NAMESPACE).withName(name).get();
    return JSON.valueToTree(raw.getAdditionalProperties()).path("status");
  }

  private JsonNode condition(String kind, String name, String type) {
    for (JsonNode condition : status(kind, name).path("conditions")) {
      if (condition.path("type").asText().equals(type)) {
        return condition;
      }
    }
    throw new AssertionError(kind + " " + name + " has no " + type + " condition");
  }

  /** The message of a Stalled=True condition (fails otherwise). */
  private String stalled(String kind, String name) {
    JsonNode stalled = condition(kind, name, "Stalled");
    assertThat(stalled.path("status").asText()).as(name).isEqualTo("True");
    return stalled.path("message").asText();
  }

  private List<Event> warnings(String name) {
    return k8s.client.v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems().stream()
        .filter(e -> "Warning".equals(e.getType()) && name.equals(e.getInvolvedObject().getName())).toList();
  }
}
