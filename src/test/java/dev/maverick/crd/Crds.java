package dev.maverick.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The committed CRDs in {@code crds/}, read as plain YAML trees, and YAML reading for the tests. */
final class Crds {
  static final Path COMMITTED = Path.of("crds");
  static final Path BUILT = Path.of("target", "crds");
  static final String GROUP = "maverick.dev";

  private static final YAMLMapper YAML = new YAMLMapper();

  /** The committed CRD of each kind, by kind. */
  static final Map<String, JsonNode> BY_KIND = Stream.of(EmbeddingPipeline.class, RolloutPolicy.class)
      .map(type -> readDocuments(COMMITTED.resolve(CrdFinisher.fileName(type))).get(0))
      .collect(Collectors.toUnmodifiableMap(crd -> crd.at("/spec/names/kind").asText(), Function.identity()));

  private Crds() {}

  /** The openAPIV3Schema of the served version named by {@code apiVersion}, if a CRD in crds/ has it. */
  static Optional<JsonNode> schemaFor(String apiVersion, String kind) {
    JsonNode crd = BY_KIND.get(kind);
    if (crd == null || !apiVersion.startsWith(GROUP + "/")) {
      return Optional.empty();
    }
    String version = apiVersion.substring(GROUP.length() + 1);
    for (JsonNode candidate : crd.at("/spec/versions")) {
      if (candidate.path("name").asText().equals(version) && candidate.path("served").asBoolean()) {
        return Optional.of(candidate.at("/schema/openAPIV3Schema"));
      }
    }
    return Optional.empty();
  }

  static JsonNode openApiSchema(String kind) {
    return BY_KIND.get(kind).at("/spec/versions/0/schema/openAPIV3Schema");
  }

  /** Every non-empty YAML document of a file. */
  static List<JsonNode> readDocuments(Path file) {
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      return documents.readAll().stream().filter(document -> !document.isMissingNode() && !document.isNull()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static JsonNode readYaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The YAML files under a directory, sorted. */
  static List<Path> yamlFiles(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile)
          .filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
