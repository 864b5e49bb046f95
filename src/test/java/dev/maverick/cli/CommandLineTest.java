package dev.maverick.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.runtime.OperatorSettings;
import dev.maverick.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as a user meets it: help, errors, version, and what each verb says when it cannot go on. */
class CommandLineTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int main(String... args) {
    return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h", "run --help", "run -h", "render --help", "render -h", "demo --help",
      "demo -h", "version --help", "version -h", "help", "help render"})
  void everyVerbAnswersHelpAndExitsZero(String args) {
    assertThat(main(args.split(" "))).isZero();
    assertThat(out()).startsWith("Usage: ");
    assertThat(err()).isEmpty();
  }

  @Test
  void topLevelHelpListsTheVerbs() {
    main("--help");
    assertThat(out()).contains("run ", "render ", "demo ", "version ");
  }

  @Test
  void runHelpListsEverySettingWithItsEnvironmentVariable() {
    main("run", "--help");
    for (Map.Entry<String, String> setting : OperatorSettings.FLAGS.entrySet()) {
      assertThat(out()).contains(setting.getValue()).contains(setting.getKey());
    }
    assertThat(out()).contains("--verbose");
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "render -f pipeline.yaml", "demo", "version"})
  void anUnknownOptionExitsTwoWithOneLineAndTheUsage(String verbAndOptions) {
    List<String> args = new java.util.ArrayList<>(List.of(verbAndOptions.split(" ")));
    args.add("--bogus");
    String verb = args.get(0);
    assertThat(main(args.toArray(String[]::new))).isEqualTo(2);
    List<String> lines = err().lines().toList();
    assertThat(lines.get(0)).isEqualTo("maverick-operator " + verb + ": unknown option '--bogus'");
    assertThat(lines.get(1)).startsWith("Usage: maverick-operator " + verb);
    assertThat(out()).isEmpty();
  }

  @Test
  void anUnknownOptionBeforeAnyVerbIsAnOptionOfRun() {
    assertThat(main("--bogus")).isEqualTo(2);
    assertThat(err().lines().findFirst()).contains("maverick-operator run: unknown option '--bogus'");
  }

  @Test
  void anUnknownVerbExitsTwoWithTheVerbs() {
    assertThat(main("deploy")).isEqualTo(2);
    List<String> lines = err().lines().toList();
    assertThat(lines.get(0)).isEqualTo("maverick-operator: unknown verb 'deploy'");
    assertThat(err()).contains("Usage: maverick-operator").contains("render");
  }

  @Test
  void versionPrintsTheOperatorVersionTheCommitAndTheApiVersion() {
    assertThat(main("version")).isZero();
    assertThat(out()).contains("maverick-operator 0.1.0-SNAPSHOT")
        .containsPattern("commit ([0-9a-f]{7,40}|unknown)")
        .contains("API maverick.dev/v1alpha1");
  }

  @Test
  void versionNamesTheCommitThatWasBuilt() throws Exception {
    Process git = new ProcessBuilder("git", "rev-parse", "--short=7", "HEAD").start();
    String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    org.junit.jupiter.api.Assumptions.assumeTrue(git.waitFor() == 0, "not a git checkout");

    main("version");
    assertThat(out()).contains("commit " + head + "\n");
  }

  @Test
  void versionSaysUnknownForACommitTheBuildCouldNotRead() {
    Properties unfiltered = new Properties();
    unfiltered.setProperty("version", "0.1.0");
    unfiltered.setProperty("commit", "${buildNumber}");
    assertThat(BuildInfo.of(unfiltered)).isEqualTo(new BuildInfo("0.1.0", "unknown"));
    assertThat(BuildInfo.of(new Properties())).isEqualTo(new BuildInfo("unknown", "unknown"));
  }

  @Test
  void runFlagsOverrideEnvironmentVariablesInBothSpellings() {
    OperatorSettings settings = Main.runSettings(Map.of("MAVERICK_HTTP_PORT", "9000", "MAVERICK_LEASE_NAME", "env-lease"),
        "--watch-namespaces=a,b", "--http-port", "9090", "--leader-election=false", "--reconcile-threads=3");
    assertThat(settings.watchNamespaces()).isEqualTo(Set.of("a", "b"));
    assertThat(settings.httpPort()).isEqualTo(9090);
    assertThat(settings.leaderElection()).isFalse();
    assertThat(settings.leaseName()).isEqualTo("env-lease");
    assertThat(settings.reconcileThreads()).isEqualTo(3);
  }

  @Test
  void aBadSettingExitsTwoNamingIt() {
    assertThat(main("run", "--http-port=eighty")).isEqualTo(2);
    assertThat(err()).startsWith("maverick-operator run: MAVERICK_HTTP_PORT must be a whole number, got 'eighty'");
  }

  @Test
  void runWithoutAReachableClusterNamesTheApiUrlAndShowsNoStackTrace() throws Exception {
    String url = "http://127.0.0.1:" + closedPort();
    int status = withUnreachableCluster(url, () -> main("run", "--leader-election=false", "--http-port=0"));

    assertThat(status).isEqualTo(1);
    assertThat(err()).startsWith("maverick-operator run: cannot reach the Kubernetes API at " + url)
        .doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void verboseShowsTheStackTrace() throws Exception {
    String url = "http://127.0.0.1:" + closedPort();
    int status = withUnreachableCluster(url, () -> main("run", "--verbose", "--leader-election=false"));

    assertThat(status).isEqualTo(1);
    assertThat(err()).contains(url).contains("\tat ");
  }

  @Test
  void renderNamesAMissingFileAndTheReason(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    assertThat(main("render", "-f", missing.toString())).isEqualTo(1);
    assertThat(err()).isEqualTo("maverick-operator render: cannot read " + missing + ": no such file\n");
  }

  @Test
  void renderNamesTheFieldPathAndTheExpectedTypeOfAWrongValue(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pipeline.yaml");
    Files.writeString(file, Fixtures.MINIMAL_PIPELINE.replace("app: {image: registry.example/app:1.0.0}",
        "app: {image: registry.example/app:1.0.0, replicas: {min: three, max: 4}}"));

    assertThat(main("render", "-f", file.toString())).isEqualTo(1);
    assertThat(err()).contains("EmbeddingPipeline minimal")
        .contains("spec.app.replicas.min: cannot read \"three\", expected a whole number")
        .doesNotContain("dev.maverick").doesNotContain("java.");
  }

  @Test
  void renderNamesAListWhereAnObjectWasExpected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pipeline.yaml");
    Files.writeString(file, Fixtures.MINIMAL_PIPELINE.replace("worker: {image: registry.example/worker:1.0.0}",
        "worker: [registry.example/worker:1.0.0]"));

    assertThat(main("render", "-f", file.toString())).isEqualTo(1);
    assertThat(err()).contains("EmbeddingPipeline minimal")
        .contains("spec.worker: cannot read [\"registry.example/worker:1.0.0\"], expected an object\n")
        .doesNotContain("dev.maverick").doesNotContain("java.");
  }

  @Test
  void renderWithoutAFileSaysWhatIsMissing() {
    assertThat(main("render")).isEqualTo(2);
    assertThat(err().lines().findFirst()).contains("maverick-operator render: missing required option: '--filename=FILE'");
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** fabric8 reads its configuration from system properties before kubeconfig and the in-cluster files. */
  private static int withUnreachableCluster(String url, java.util.function.IntSupplier body) {
    Map<String, String> properties = Map.of("kubernetes.master", url, "kubernetes.auth.tryKubeConfig", "false",
        "kubernetes.auth.tryServiceAccount", "false", "kubernetes.namespace", "default");
    properties.forEach(System::setProperty);
    try {
      return body.getAsInt();
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
  }
}
