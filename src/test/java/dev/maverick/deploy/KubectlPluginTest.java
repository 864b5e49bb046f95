package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs deploy/kubectl-plugin/kubectl-maverick with a recording fake kubectl (and a fixed date)
 * first on PATH, and checks the exact kubectl command lines it issues.
 */
class KubectlPluginTest {
  static final String PLUGIN = "deploy/kubectl-plugin/kubectl-maverick";
  static final String NOW = "2026-11-23T18:30:00.123456789Z";

  @TempDir Path fakeBin;
  Path recording;

  @BeforeEach
  void installFakes() throws IOException {
    recording = fakeBin.resolve("kubectl.argv");
    // One argument per line, then a separator line per call.
    executable("kubectl", "#!/usr/bin/env bash\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> '" + recording
        + "'\necho '--' >> '" + recording + "'\necho 'fake kubectl output'\n");
    executable("date", "#!/usr/bin/env bash\necho '" + NOW + "'\n");
  }

  private void executable(String name, String script) throws IOException {
    Path file = fakeBin.resolve(name);
    Files.writeString(file, script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  ProcessResult plugin(String... args) {
    List<String> command = new ArrayList<>(List.of("bash", PLUGIN));
    command.addAll(List.of(args));
    return ProcessResult.run(command, Map.of("PATH", fakeBin + ":" + System.getenv("PATH")));
  }

  /** The argv of each kubectl call, in order. */
  List<List<String>> kubectlCalls() throws IOException {
    List<List<String>> calls = new ArrayList<>();
    if (!Files.exists(recording)) {
      return calls;
    }
    List<String> current = new ArrayList<>();
    for (String line : Files.readAllLines(recording)) {
      if (line.equals("--")) {
        calls.add(current);
        current = new ArrayList<>();
      } else {
        current.add(line);
      }
    }
    return calls;
  }

  @ParameterizedTest
  @CsvSource({"rollback", "retry", "promote"})
  void controlVerbsSetTheirAnnotationWithAFreshValue(String verb) throws IOException {
    ProcessResult result = plugin(verb, "paperless-maverick", "-n", "paperless-maverick").assertSuccess();

    assertThat(kubectlCalls()).containsExactly(List.of("annotate", "embeddingpipelines.maverick.dev",
        "paperless-maverick", "maverick.dev/" + verb + "=" + NOW, "--overwrite", "-n", "paperless-maverick"));
    assertThat(result.stdout()).isEqualTo("fake kubectl output\n");
  }

  @Test
  void namespaceFlagIsOptionalAndMayComeFirst() throws IOException {
    plugin("rollback", "p").assertSuccess();
    plugin("retry", "--namespace=team-a", "p").assertSuccess();
    assertThat(kubectlCalls()).containsExactly(
        List.of("annotate", "embeddingpipelines.maverick.dev", "p", "maverick.dev/rollback=" + NOW, "--overwrite"),
        List.of("annotate", "embeddingpipelines.maverick.dev", "p", "maverick.dev/retry=" + NOW, "--overwrite",
            "-n", "team-a"));
  }

  @Test
  void statusReadsThePipelineWithOneJsonpathQuery() throws IOException {
    plugin("status", "paperless-maverick", "-n", "pm").assertSuccess();

    List<List<String>> calls = kubectlCalls();
    assertThat(calls).hasSize(1);
    List<String> argv = calls.get(0);
    assertThat(argv.subList(0, 5)).containsExactly("get", "embeddingpipelines.maverick.dev", "paperless-maverick",
        "-n", "pm");
    assertThat(argv.get(5)).isEqualTo("-o");
    assertThat(String.join("\n", argv.subList(6, argv.size()))).startsWith("jsonpath=")
        .contains("{.status.phase}", "{.status.stage.name}", "{.status.app.readyReplicas}",
            "{.status.worker.replicas}", "{range .status.triggers[*]}");
  }

  @Test
  void statusTemplateRendersWithTheRealKubectl() throws IOException {
    assertThat(renderWithRealKubectl("status", "pipeline.yaml")).isEqualTo("""
        Pipeline:  paperless-maverick/paperless-maverick
        Phase:     Progressing
        Stage:     quarter (index 1, since 2026-11-20T10:00:00Z)
        App:       3/3 ready
        Worker:    1/2 ready
        Profile:   balanced
        Triggers:
          embeddingSuccessRate: value=0.97 breaching=false since= error=
          queueBacklog: value=650 breaching=true since=2026-11-23T18:20:00Z error=
        """);
  }

  @Test
  void misuseExplainsItselfAndCallsNothing() throws IOException {
    ProcessResult noName = plugin("rollback");
    assertThat(noName.exitCode()).isEqualTo(2);
    assertThat(noName.stderr()).contains("rollback needs the name of an EmbeddingPipeline");

    ProcessResult unknown = plugin("explode", "p");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.stderr()).contains("unknown command 'explode'");

    assertThat(plugin("--help").assertSuccess().stdout()).contains("Usage: kubectl maverick");
    assertThat(kubectlCalls()).isEmpty();
  }

  @Test
  void contextNamespaceAndKubeconfigArePassedToEveryKubectlCall() throws IOException {
    plugin("--kubeconfig", "/tmp/kc", "rollback", "p", "--context=staging", "-n", "team-a").assertSuccess();
    plugin("status", "p", "--kubeconfig=/tmp/kc", "--context", "staging", "--namespace", "team-a").assertSuccess();

    List<List<String>> calls = kubectlCalls();
    assertThat(calls.get(0)).containsExactly("annotate", "embeddingpipelines.maverick.dev", "p",
        "maverick.dev/rollback=" + NOW, "--overwrite", "--kubeconfig", "/tmp/kc", "--context", "staging", "-n", "team-a");
    assertThat(calls.get(1).subList(0, 9)).containsExactly("get", "embeddingpipelines.maverick.dev", "p",
        "--kubeconfig", "/tmp/kc", "--context", "staging", "-n", "team-a");
  }

  @Test
  void statusWatchFollowsThePipelineThroughKubectlWatch() throws IOException {
    plugin("status", "p", "--watch").assertSuccess();
    plugin("status", "-w", "p", "-n", "pm").assertSuccess();

    List<List<String>> calls = kubectlCalls();
    assertThat(calls.get(0).subList(0, 4)).containsExactly("get", "embeddingpipelines.maverick.dev", "p", "--watch");
    assertThat(calls.get(0).get(5)).startsWith("jsonpath=");
    assertThat(calls.get(1).subList(0, 6)).containsExactly("get", "embeddingpipelines.maverick.dev", "p", "-n", "pm",
        "--watch");
    assertThat(plugin("rollback", "p", "--watch").exitCode()).isEqualTo(2);
  }

  @Test
  void dashboardPortForwardsToTheOperatorServiceAndPrintsTheUrl() throws IOException {
    ProcessResult defaults = plugin("dashboard").assertSuccess();
    ProcessResult chosen = plugin("dashboard", "--port", "9999", "-n", "ops", "--service", "maverick-a-metrics",
        "--context", "prod").assertSuccess();

    assertThat(defaults.stdout()).startsWith("Dashboard: http://localhost:8080/dashboard/\n");
    assertThat(chosen.stdout()).startsWith("Dashboard: http://localhost:9999/dashboard/\n");
    assertThat(kubectlCalls()).containsExactly(
        List.of("port-forward", "service/maverick-operator-metrics", "8080:http", "-n", "maverick-system"),
        List.of("port-forward", "service/maverick-a-metrics", "9999:http", "--context", "prod", "-n", "ops"));
    assertThat(plugin("dashboard", "p").exitCode()).isEqualTo(2);
    assertThat(plugin("dashboard", "--port", "http").exitCode()).isEqualTo(2);
  }

  @Test
  void everyCommandAnswersHelp() throws IOException {
    for (String command : List.of("status", "rollback", "retry", "promote", "dashboard")) {
      assertThat(plugin(command, "--help").assertSuccess().stdout()).as(command).contains("Usage: kubectl maverick");
    }
    assertThat(plugin("--help").stdout()).contains("dashboard", "--watch", "--kubeconfig", "--context");
    assertThat(kubectlCalls()).isEmpty();
  }
  @Test
  void undoSetsRollbackToTheRevisionOrRollsBackAndAbortAborts() throws IOException {
    plugin("undo", "p", "--to-revision", "3", "-n", "pm").assertSuccess();
    plugin("undo", "p").assertSuccess();
    plugin("abort", "p").assertSuccess();

    assertThat(kubectlCalls()).containsExactly(
        List.of("annotate", "embeddingpipelines.maverick.dev", "p", "maverick.dev/rollback-to=3", "--overwrite",
            "-n", "pm"),
        List.of("annotate", "embeddingpipelines.maverick.dev", "p", "maverick.dev/rollback=" + NOW, "--overwrite"),
        List.of("annotate", "embeddingpipelines.maverick.dev", "p", "maverick.dev/abort=" + NOW, "--overwrite"));
  }

  @Test
  void undoNeedsANumberAndToRevisionBelongsToUndo() throws IOException {
    ProcessResult notANumber = plugin("undo", "p", "--to-revision=last");
    assertThat(notANumber.exitCode()).isEqualTo(2);
    assertThat(notANumber.stderr()).contains("--to-revision needs a revision number, got 'last'");
    ProcessResult elsewhere = plugin("rollback", "p", "--to-revision", "3");
    assertThat(elsewhere.exitCode()).isEqualTo(2);
    assertThat(elsewhere.stderr()).contains("--to-revision is an option of undo");
    assertThat(kubectlCalls()).isEmpty();
  }

  /**
   * Renders a verb's jsonpath template with the real kubectl on a local object, without a cluster:
   * annotate --local renders it through the same printer.
   */
  private String renderWithRealKubectl(String verb, String fixture) throws IOException {
    Path kubectl = ExternalTools.require("kubectl");
    plugin(verb, "p").assertSuccess();
    List<String> argv = kubectlCalls().get(0);
    String output = String.join("\n", argv.subList(4, argv.size()));
    return ProcessResult.run(List.of(kubectl.toString(), "annotate", "--local", "-f",
        "src/test/resources/dev/maverick/deploy/kubectl-plugin/" + fixture, "unused=x", "-o", output),
        Map.of("KUBECONFIG", "/dev/null")).assertSuccess().stdout();
  }

  @Test
  void historyShowsTheRevisionsWithTheRealKubectl() throws IOException {
    assertThat(renderWithRealKubectl("history", "pipeline-controls.yaml")).isEqualTo(
        "REVISION\tOUTCOME\tFIRST SEEN\tAPP\tWORKER\tPROFILE\tFLAGS HASH\n"
        + "3\tStable\t2026-11-20T10:00:00Z\tregistry.example/paperless-maverick:1.4.0\t"
        + "registry.example/embedding-worker:1.4.0\tbalanced\t5f2c\n"
        + "4\tCurrent\t2026-12-23T10:00:00Z\tregistry.example/paperless-maverick:1.5.0\t"
        + "registry.example/embedding-worker:1.5.0\tbalanced\t9a01\n");
  }

  @Test
  void statusShowsFrozenQueuedAndObserveOnlyWithTheRealKubectl() throws IOException {
    assertThat(renderWithRealKubectl("status", "pipeline-controls.yaml")).isEqualTo("""
        Pipeline:  paperless-maverick/paperless-maverick
        Phase:     Queued
        Stage:     internal (index 0, since 2026-12-23T10:00:00Z)
        Frozen:    until 2026-12-27T00:00:00Z (holiday change freeze); no stage advances, triggers and rollbacks still act
        Queued:    waiting for a rollout slot: 5 of 5 in use by policy standard-rollout
        App:       3/3 ready
        Worker:    2/2 ready
        Profile:   balanced
        Triggers:
          embeddingSuccessRate: value=0.97 breaching=false since= error=
          latencyGuard: value=1.2 breaching=true since=2026-12-23T18:20:00Z error=
          latencyGuard is observe-only: evaluated, announces WouldAct, never acts
        """);
  }
}
