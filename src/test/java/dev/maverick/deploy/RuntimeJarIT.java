package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.bench.OperatorProcess;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: the image's jar ({@code target/maverick-operator-runtime.jar}, what the Dockerfile
 * copies) carries the operator only, and runs it. Run by failsafe after {@code package}, because
 * the jar does not exist while the other tests run.
 */
class RuntimeJarIT {
  private static final Path JAR = Path.of("target/maverick-operator-runtime.jar");

  @Test
  void carriesNeitherTheDemoNorItsApiServerNorBuildTimeCode() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> entries = jar.stream().map(java.util.zip.ZipEntry::getName).toList();
      assertThat(entries).contains("dev/maverick/cli/Main.class", "dev/maverick/pipeline/EmbeddingPipelineReconciler.class",
          "io/fabric8/kubernetes/client/jdkhttp/JdkHttpClientFactory.class");
      assertThat(entries).filteredOn(name -> name.startsWith("dev/maverick/demo/") || name.startsWith("dev/maverick/crd/")
          || name.startsWith("io/fabric8/kubernetes/client/server/mock/") || name.startsWith("io/fabric8/mockwebserver/")
          || name.startsWith("io/vertx/") || name.startsWith("io/netty/")).isEmpty();
    }
  }

  @Test
  void hasNoDemoVerbAndSaysWhereItIs() throws Exception {
    Process help = new ProcessBuilder("java", "-jar", JAR.toString(), "--help").redirectErrorStream(true).start();
    String usage = output(help);
    assertThat(help.exitValue()).isZero();
    assertThat(usage).contains("run", "render", "version").doesNotContain("demo");

    Process demo = new ProcessBuilder("java", "-jar", JAR.toString(), "demo").redirectErrorStream(true).start();
    String refusal = output(demo);
    assertThat(demo.exitValue()).isEqualTo(2);
    assertThat(refusal).contains("the demo is in target/maverick-operator.jar");
  }

  @Test
  void runsTheOperator(@TempDir Path dir) throws Exception {
    try (OperatorHarness k8s = OperatorHarness.builder().withoutOperator().start();
        OperatorProcess operator = OperatorProcess.start(JAR, k8s.client.getMasterUrl().toString(), dir, 2)) {
      k8s.create(Fixtures.paperless());
      k8s.awaitChild(Deployment.class, "paperless-maverick-app");
      k8s.awaitChild(Deployment.class, "paperless-maverick-worker");
    }
  }

  /** The image maps its classes from the archive the Dockerfile dumps; -Xshare:on fails if it cannot. */
  @Test
  void startsFromTheImagesClassDataArchive() throws Exception {
    Path archive = OperatorProcess.classDataArchive(JAR);
    Process version = new ProcessBuilder("java", "-Xshare:on", "-XX:SharedArchiveFile=" + archive,
        "-Xlog:class+load=info", "-jar", JAR.toString(), "version").redirectErrorStream(true).start();
    String log = output(version);
    assertThat(version.exitValue()).isZero();
    assertThat(log).contains("dev.maverick.cli.Main source: shared objects file",
        "picocli.CommandLine source: shared objects file");
  }

  private static String output(Process process) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    process.getInputStream().transferTo(out);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out.toString();
  }
}
