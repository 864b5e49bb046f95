package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubectl-plugin/maverick.yaml is a krew Plugin (v1alpha2) for the archive that
 * scripts/package-kubectl-plugin.sh builds: same version as the chart, the archive's sha256, and
 * the plugin script as the binary.
 */
class KrewManifestTest {
  static final Path MANIFEST = Path.of("deploy/kubectl-plugin/maverick.yaml");

  @Test
  void manifestIsAKrewPluginForTheChartsVersion() {
    JsonNode manifest = Yaml.file(MANIFEST);
    String appVersion = Yaml.file(Path.of("deploy/helm/maverick-operator/Chart.yaml")).path("appVersion").asText();

    assertThat(manifest.path("apiVersion").asText()).isEqualTo("krew.googlecontainertools.github.com/v1alpha2");
    assertThat(manifest.path("kind").asText()).isEqualTo("Plugin");
    assertThat(manifest.at("/metadata/name").asText()).isEqualTo("maverick");
    assertThat(manifest.at("/spec/version").asText()).isEqualTo("v" + appVersion);
    assertThat(manifest.at("/spec/shortDescription").asText()).isNotBlank().hasSizeLessThan(50);
    assertThat(manifest.at("/spec/description").asText()).contains("status", "rollback", "dashboard");
    assertThat(manifest.at("/spec/homepage").asText()).startsWith("https://");

    JsonNode platforms = manifest.at("/spec/platforms");
    assertThat(platforms).hasSize(1);
    JsonNode platform = platforms.get(0);
    assertThat(platform.at("/selector/matchExpressions/0/key").asText()).isEqualTo("os");
    assertThat(platform.at("/selector/matchExpressions/0/values")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("linux", "darwin");
    assertThat(platform.path("uri").asText()).isEqualTo("https://github.com/maverick-dev/maverick-operator/releases/download/v"
        + appVersion + "/kubectl-maverick.tar.gz");
    assertThat(platform.path("bin").asText()).isEqualTo("kubectl-maverick");
    assertThat(platform.at("/files/0/from").asText()).isEqualTo("kubectl-maverick");
  }

  @Test
  void manifestHoldsTheSha256OfThePackagedPlugin() {
    ProcessResult packaged = ProcessResult.run(List.of("bash", "scripts/package-kubectl-plugin.sh", "--sha256"))
        .assertSuccess();
    assertThat(Yaml.file(MANIFEST).at("/spec/platforms/0/sha256").asText())
        .as("sha256 in %s: run `bash scripts/package-kubectl-plugin.sh` and commit the result", MANIFEST)
        .isEqualTo(packaged.stdout().strip());
  }
}
