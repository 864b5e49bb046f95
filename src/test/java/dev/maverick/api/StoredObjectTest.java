package dev.maverick.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maverick.testing.Fixtures;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 11.2, for every field: each value of the example pipeline and policy (spec and status) is
 * replaced by a value of the wrong JSON type, and each enum by an unknown name. Reading the object
 * as the informer does never throws; when the operator's types cannot hold the value, the object
 * records the field's path and the value, and that is what its message names.
 */
class StoredObjectTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  @Test
  void everyFieldOfAPipelineGivenAWrongTypeIsRecordedNotThrown() throws IOException {
    int unreadable = mutateEveryField(pipelineWithStatus(), EmbeddingPipeline.class);
    assertThat(unreadable).isGreaterThan(60);
  }

  @Test
  void everyFieldOfAPolicyGivenAWrongTypeIsRecordedNotThrown() throws IOException {
    ObjectNode policy = json(Files.readString(Path.of("examples/paperless-maverick/policy.yaml")));
    policy.set("status", JSON.readTree("""
        {"observedGeneration": 3, "conditions": [{"type": "Ready", "status": "True", "reason": "Valid",
         "message": "the policy is valid", "lastTransitionTime": "2026-11-23T10:00:00Z", "observedGeneration": 3}]}"""));
    int unreadable = mutateEveryField(policy, RolloutPolicy.class);
    assertThat(unreadable).isGreaterThan(40);
  }

  @Test
  void anUnknownActionTypeNamesTheFieldTheValueAndTheKnownTypes() throws IOException {
    ObjectNode policy = json(Fixtures.paperlessPolicy().yaml());
    ((ObjectNode) policy.at("/spec/triggers/0/actions/0")).put("type", "PageOnCall");
    RolloutPolicy read = serialization.unmarshal(policy.toString(), RolloutPolicy.class);
    assertThat(read.getSpec()).isNull();
    assertThat(read.unreadable()).hasValueSatisfying(field -> assertThat(field.message()).isEqualTo(
        "spec.triggers[0].actions[0].type: cannot read \"PageOnCall\", expected one of DisableFlag, "
            + "SetFlagPercentage, SetRateLimitProfile, ScaleWorkers, RevertImages, FullRollback"));
  }

  @Test
  void aReadableObjectRecordsNothingAndSerializesAsBefore() throws IOException {
    ObjectNode pipeline = pipelineWithStatus();
    EmbeddingPipeline read = serialization.unmarshal(pipeline.toString(), EmbeddingPipeline.class);
    assertThat(read.unreadable()).isEmpty();
    assertThat(read.getSpec().app().replicas().min()).isEqualTo(3);
    assertThat(read.getStatus().phase()).isEqualTo(Phase.Healthy);
    EmbeddingPipeline again = serialization.unmarshal(serialization.asJson(read), EmbeddingPipeline.class);
    assertThat(again.getSpec()).isEqualTo(read.getSpec());
    assertThat(again.getStatus()).isEqualTo(read.getStatus());
  }

  /** Replaces each field in turn; returns how many replacements left the object unreadable. */
  private <T extends StoredObject> int mutateEveryField(ObjectNode object, Class<T> type) {
    List<String> failures = new ArrayList<>();
    int[] unreadable = {0};
    for (String root : List.of("spec", "status")) {
      forEachNode(object.get(root), root, (mutation) -> {
        for (JsonNode wrong : wrongValues(mutation.original())) {
          mutation.replace().accept(wrong);
          T read;
          try {
            read = serialization.unmarshal(object.toString(), type);
          } catch (RuntimeException e) {
            failures.add(mutation.path() + " = " + wrong + ": threw " + e);
            continue;
          } finally {
            mutation.replace().accept(mutation.original());
          }
          if (read.unreadable().isPresent()) {
            unreadable[0]++;
            UnreadableField field = read.unreadable().get();
            // a value a record's constructor rejects is reported on the record holding it
            if (!mutation.path().startsWith(field.path()) || !field.message().contains(field.value())) {
              failures.add(mutation.path() + " = " + wrong + ": reported as " + field.message());
            }
            if (field.path().equals(mutation.path()) && !field.value().equals(wrong.toString())) {
              failures.add(mutation.path() + " = " + wrong + ": value shown as " + field.value());
            }
          }
        }
      });
    }
    assertThat(failures).isEmpty();
    return unreadable[0];
  }

  private record Mutation(String path, JsonNode original, Consumer<JsonNode> replace) {}

  private static void forEachNode(JsonNode node, String path, Consumer<Mutation> visit) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode child = object.get(name);
        visit.accept(new Mutation(path + "." + name, child, value -> object.set(name, value)));
        forEachNode(child, path + "." + name, visit);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        int index = i;
        JsonNode child = array.get(i);
        visit.accept(new Mutation(path + "[" + i + "]", child, value -> array.set(index, value)));
        forEachNode(child, path + "[" + i + "]", visit);
      }
    }
  }

  /** Values of another JSON type than {@code original}, and an unknown name for a text (enums). */
  private static List<JsonNode> wrongValues(JsonNode original) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (original.isTextual()) {
      return List.of(f.textNode("NotAKnownValue"), f.objectNode().put("wrong", true), f.arrayNode().add(1));
    }
    if (original.isNumber()) {
      return List.of(f.textNode("many"), f.objectNode().put("wrong", true), f.arrayNode().add(1));
    }
    if (original.isBoolean()) {
      return List.of(f.textNode("maybe"), f.objectNode().put("wrong", true));
    }
    if (original.isArray()) {
      return List.of(f.textNode("a list"), f.objectNode().put("wrong", true), f.numberNode(7));
    }
    return List.of(f.textNode("an object"), f.numberNode(7), f.arrayNode().add("x"));
  }

  private static ObjectNode json(String yaml) throws IOException {
    Map<?, ?> map = new org.yaml.snakeyaml.Yaml().load(yaml);
    return JSON.valueToTree(map);
  }

  private static ObjectNode pipelineWithStatus() throws IOException {
    ObjectNode pipeline = json(Fixtures.PAPERLESS_PIPELINE);
    ((ObjectNode) pipeline.get("spec")).set("rolloutPolicyRef", JSON.readTree("{\"name\": \"standard-rollout\"}"));
    ((ObjectNode) pipeline.get("spec")).put("paused", false);
    String flags = "[{\"name\": \"embeddingMonitoring\", \"enabled\": true, \"rolloutPercentage\": 10}]";
    String revision = "{\"appImage\": \"a:1\", \"workerImage\": \"w:1\", \"flagsHash\": \"abc\", \"flags\": " + flags
        + ", \"rateLimitProfile\": \"balanced\"}";
    pipeline.set("status", JSON.readTree("""
        {"observedGeneration": 2,
         "conditions": [{"type": "Ready", "status": "True", "reason": "RolledOut", "message": "ok",
                         "lastTransitionTime": "2026-11-23T10:00:00Z", "observedGeneration": 2}],
         "phase": "Healthy",
         "stage": {"index": 1, "name": "monitoring-25", "startedAt": "2026-11-23T10:00:00Z", "promoted": false,
                   "gates": [{"name": "successRate", "value": 0.99, "holds": true, "lastEvaluated": "2026-11-23T10:00:00Z",
                              "error": "none"}]},
         "effective": {"flags": %s, "rateLimitProfile": "balanced"},
         "stableRevision": %s,
         "currentRevision": %s,
         "triggers": [{"name": "t", "value": 0.5, "breaching": true, "breachingSince": "2026-11-23T10:00:00Z",
                       "lastEvaluated": "2026-11-23T10:00:00Z", "error": "none"}],
         "actions": [{"trigger": "t", "type": "DisableFlag", "detail": "off", "at": "2026-11-23T10:00:00Z"}],
         "app": {"replicas": 3, "readyReplicas": 3, "summary": "3/3"},
         "worker": {"replicas": 2, "readyReplicas": 2, "summary": "2/2"},
         "rolloutGeneration": 2,
         "overrides": [{"trigger": "t", "action": {"type": "ScaleWorkers", "replicas": 0}, "at": "2026-11-23T10:00:00Z"}],
         "handledAnnotations": {"maverick.dev/retry": "1"},
         "metricsUnavailableSince": "2026-11-23T10:00:00Z",
         "cleanSince": "2026-11-23T10:00:00Z",
         "lastEvaluated": "2026-11-23T10:00:00Z",
         "rolloutSpecHash": "h"}""".formatted(flags, revision, revision)));
    return pipeline;
  }
}
