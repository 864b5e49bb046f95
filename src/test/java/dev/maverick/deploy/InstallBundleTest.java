package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maverick.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * crds/ is the single source of the CRDs; the chart holds copies (Helm cannot read outside the
 * chart) and deploy/install.yaml is the chart rendered with defaults. Both are refreshed by
 * scripts/render-install-bundle.sh, and these tests fail while either is stale.
 */
class InstallBundleTest {
  static final String FIX = "run `bash scripts/render-install-bundle.sh` and commit the result";
  static final Path CRDS = Path.of("crds");
  static final Path CHART_CRDS = Path.of("deploy/helm/maverick-operator/files/crds");
  static final Path BUNDLE = Path.of("deploy/install.yaml");

  static Map<String, String> yamlFiles(Path directory) throws IOException {
    Map<String, String> contents = new TreeMap<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).toList()) {
        contents.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    return contents;
  }

  @Test
  void chartCrdsAreCopiesOfCrdsDirectory() throws IOException {
    assumeTrue(Files.isDirectory(CRDS), "crds/ does not exist yet");
    Map<String, String> source = yamlFiles(CRDS);
    assertThat(source).as("crds/*.yaml").isNotEmpty();
    assertThat(yamlFiles(CHART_CRDS)).as("%s is stale: %s", CHART_CRDS, FIX).isEqualTo(source);
  }

  @Test
  void chartCrdsAreNamedForTheFinalCrdFiles() throws IOException {
    assertThat(yamlFiles(CHART_CRDS)).containsOnlyKeys(
        "embeddingpipelines.maverick.dev.yaml", "rolloutpolicies.maverick.dev.yaml");
  }

  @Test
  void installBundleIsTheChartRenderedWithDefaults() throws IOException {
    Path helm = ExternalTools.require("helm");
    String rendered = ProcessResult.run(List.of("bash", "scripts/render-install-bundle.sh", "--stdout"),
        Map.of("HELM", helm.toString())).assertSuccess().stdout();
    assertThat(Files.readString(BUNDLE)).as("%s is stale: %s", BUNDLE, FIX).isEqualTo(rendered);
  }

  @Test
  void installBundleCreatesItsNamespaceFirst() throws IOException {
    List<JsonNode> documents = Yaml.documents(Files.readString(BUNDLE));
    assertThat(documents.get(0).path("kind").asText()).isEqualTo("Namespace");
    assertThat(documents.get(0).at("/metadata/name").asText()).isEqualTo("maverick-system");
    assertThat(documents.stream().filter(d -> d.at("/metadata/namespace").isTextual())
        .map(d -> d.at("/metadata/namespace").asText())).containsOnly("maverick-system");
    assertThat(documents.stream().map(d -> d.path("kind").asText()))
        .contains("CustomResourceDefinition", "ClusterRole", "Deployment");
  }

  @Test
  void installBundleExtendsTheBuiltInViewEditAndAdminRoles() throws IOException {
    List<JsonNode> documents = Yaml.documents(Files.readString(BUNDLE));
    assertThat(HelmChartTest.aggregatedRoles(documents)).containsOnlyKeys("view", "edit", "admin");
  }

  @Test
  void chartAlertsAndDashboardAreCopiesOfTheirSources() throws IOException {
    Path chart = Path.of("deploy/helm/maverick-operator/files");
    assertThat(Files.readString(chart.resolve("prometheus/maverick-rules.yaml"))).as("chart copy of the rules: %s", FIX)
        .isEqualTo(Files.readString(Path.of("deploy/prometheus/maverick-rules.yaml")));
    assertThat(Files.readString(chart.resolve("grafana/maverick-dashboard.json"))).as("chart copy of the dashboard: %s", FIX)
        .isEqualTo(Files.readString(Path.of("deploy/grafana/maverick-dashboard.json")));
  }
}
