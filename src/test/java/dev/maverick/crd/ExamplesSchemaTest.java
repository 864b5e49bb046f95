package dev.maverick.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every maverick.dev document under examples/ is valid against the openAPIV3Schema of its CRD in
 * crds/, and the schema rejects what the API server would reject.
 */
class ExamplesSchemaTest {
  private static final Path EXAMPLES = Path.of("examples");
  private static final Path PIPELINE = EXAMPLES.resolve("paperless-maverick/pipeline.yaml");
  private static final Path POLICY = EXAMPLES.resolve("paperless-maverick/policy.yaml");
  private static final Map<String, StructuralSchema> SCHEMAS = new ConcurrentHashMap<>();

  @Test
  void everyMaverickDocumentUnderExamplesIsValid() {
    List<String> checked = new ArrayList<>();
    for (Path file : Crds.yamlFiles(EXAMPLES)) {
      for (JsonNode document : Crds.readDocuments(file)) {
        String apiVersion = document.path("apiVersion").asText();
        if (!apiVersion.startsWith(Crds.GROUP + "/")) {
          continue; // other tools' manifests (Argo CD, Flux) live here too
        }
        String kind = document.path("kind").asText();
        assertThat(Crds.schemaFor(apiVersion, kind)).as(file + ": a CRD in crds/ serving " + apiVersion + " " + kind)
            .isPresent();
        assertThat(validate(document)).as(file + " " + kind).isEmpty();
        checked.add(file + " " + kind);
      }
    }
    assertThat(checked).contains(
        PIPELINE + " EmbeddingPipeline",
        POLICY + " RolloutPolicy",
        EXAMPLES.resolve("minimal/pipeline.yaml") + " EmbeddingPipeline");
  }

  @Test
  void theExamplesAreInTheirNamespace() {
    for (Path file : List.of(PIPELINE, POLICY, EXAMPLES.resolve("minimal/pipeline.yaml"))) {
      assertThat(Crds.readDocuments(file).get(0).at("/metadata/namespace").asText()).isEqualTo("paperless-maverick");
    }
  }

  static List<Arguments> invalidPipelines() {
    return List.of(
        invalid("rolloutPercentage above 100", "/spec/featureFlags/0/rolloutPercentage",
            doc -> flag(doc).put("rolloutPercentage", 101)),
        invalid("negative replicas", "/spec/app/replicas/min",
            doc -> ((ObjectNode) doc.at("/spec/app/replicas")).put("min", -1)),
        invalid("flag name not camelCase", "/spec/featureFlags/0/name",
            doc -> flag(doc).put("name", "embedding-monitoring")),
        invalid("unknown rate-limit profile", "/spec/rateLimiting/profile",
            doc -> ((ObjectNode) doc.at("/spec/rateLimiting")).put("profile", "turbo")),
        invalid("missing app image", "/spec/app",
            doc -> ((ObjectNode) doc.at("/spec/app")).remove("image")),
        invalid("misspelt field", "/spec/worker",
            doc -> ((ObjectNode) doc.at("/spec/worker")).put("imagePullPolicyy", "Always")),
        invalid("cpu utilization above 100", "/spec/worker/autoscaling/cpuUtilization",
            doc -> ((ObjectNode) doc.at("/spec/worker/autoscaling")).put("cpuUtilization", 150)),
        invalid("probe path not absolute", "/spec/app/probes/livenessPath",
            doc -> ((ObjectNode) doc.at("/spec/app/probes")).put("livenessPath", "health")),
        invalid("two flags with one name", "/spec/featureFlags",
            doc -> ((ArrayNode) doc.at("/spec/featureFlags")).add(flag(doc).deepCopy())));
  }

  static List<Arguments> invalidPolicies() {
    return List.of(
        invalid("duration without unit", "/spec/triggers/0/for",
            doc -> trigger(doc).put("for", "10")),
        invalid("duration in words", "/spec/stages/0/pause",
            doc -> ((ObjectNode) doc.at("/spec/stages/0")).put("pause", "two days")),
        invalid("unknown action type", "/spec/triggers/1/actions/0/type",
            doc -> ((ObjectNode) doc.at("/spec/triggers/1/actions/0")).put("type", "Panic")),
        invalid("unknown operator", "/spec/triggers/0/condition/operator",
            doc -> ((ObjectNode) doc.at("/spec/triggers/0/condition")).put("operator", "Below")),
        invalid("stage percentage above 100", "/spec/stages/0/flags/0/rolloutPercentage",
            doc -> ((ObjectNode) doc.at("/spec/stages/0/flags/0")).set("rolloutPercentage", IntNode.valueOf(101))),
        invalid("missing prometheus url", "/spec/prometheus",
            doc -> ((ObjectNode) doc.at("/spec/prometheus")).remove("url")),
        invalid("prometheus url without scheme", "/spec/prometheus/url",
            doc -> ((ObjectNode) doc.at("/spec/prometheus")).set("url", TextNode.valueOf("prometheus:9090"))),
        invalid("two triggers with one name", "/spec/triggers",
            doc -> trigger(doc).put("name", "systemErrorRate")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPipelines")
  void theSchemaRejectsAnInvalidPipeline(String what, String location, Consumer<ObjectNode> change) {
    assertRejected(PIPELINE, location, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPolicies")
  void theSchemaRejectsAnInvalidPolicy(String what, String location, Consumer<ObjectNode> change) {
    assertRejected(POLICY, location, change);
  }

  @Test
  void quantitiesMayBeIntegersOrStrings() {
    ObjectNode pipeline = example(PIPELINE);
    ((ObjectNode) pipeline.at("/spec/app/resources/limits")).put("cpu", 1);

    assertThat(validate(pipeline)).isEmpty();
  }

  private static void assertRejected(Path example, String location, Consumer<ObjectNode> change) {
    ObjectNode document = example(example);
    assertThat(validate(document)).as("the unchanged example").isEmpty();
    change.accept(document);

    assertThat(validate(document)).isNotEmpty().anySatisfy(error -> assertThat(error).contains(location));
  }

  private static List<String> validate(JsonNode document) {
    return SCHEMAS.computeIfAbsent(document.path("kind").asText(), kind -> new StructuralSchema(
        Crds.schemaFor(document.path("apiVersion").asText(), kind).orElseThrow())).validate(document);
  }

  private static ObjectNode example(Path file) {
    return (ObjectNode) Crds.readDocuments(file).get(0);
  }

  private static ObjectNode flag(JsonNode pipeline) {
    return (ObjectNode) pipeline.at("/spec/featureFlags/0");
  }

  private static ObjectNode trigger(JsonNode policy) {
    return (ObjectNode) policy.at("/spec/triggers/0");
  }

  private static Arguments invalid(String what, String location, Consumer<ObjectNode> change) {
    return Arguments.of(what, location, change);
  }
}
