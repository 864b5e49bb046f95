package dev.maverick.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.pipeline.PodSecurityTest;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.PodSecurityStandards;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `render` prints is what a restricted namespace admits, with and without user security fields. */
class RenderPodSecurityTest {

  @Test
  void renderedDeploymentsMeetRestricted(@TempDir Path dir) throws Exception {
    for (String yaml : List.of(Fixtures.PAPERLESS_PIPELINE, PodSecurityTest.USER_CONTEXTS)) {
      Path file = dir.resolve("pipeline.yaml");
      Files.writeString(file, yaml);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      assertThat(Main.run(List.of("render", "-f", file.toString()),
          new PrintStream(out, true, StandardCharsets.UTF_8), err)).isZero();
      @SuppressWarnings("unchecked")
      List<HasMetadata> children = (List<HasMetadata>) new KubernetesSerialization()
          .unmarshal(out.toString(StandardCharsets.UTF_8));
      List<Deployment> deployments = children.stream()
          .filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
      assertThat(deployments).hasSize(2);
      deployments.forEach(d -> PodSecurityStandards.assertRestricted("rendered " + d.getMetadata().getName(),
          d.getSpec().getTemplate()));
    }
  }
}
