package dev.maverick.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {

  @Test
  void narratesTheStagedRolloutTheDisabledFlagAndTheRollback() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int status;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      status = Demo.run(out, false);
    }
    String narration = buffer.toString(StandardCharsets.UTF_8);
    System.out.println(narration);

    assertThat(status).as(narration).isZero();
    assertThat(narration).contains(
        "The operator created the pipeline's children:",
        "Deployment               paperless-maverick-app",
        "HorizontalPodAutoscaler  paperless-maverick-worker",
        "ConfigMap                paperless-maverick-flags",
        "Stage 1/3 internal: embeddingMonitoring reaches 10%",
        "Stage 2/3 quarter: embeddingMonitoring reaches 25%",
        "Stage 3/3 half: embeddingMonitoring reaches 50%",
        "All stages done: embeddingMonitoring takes its spec value, 100%",
        "the revision is stable",
        "DisableFlag by embeddingSuccessRate",
        "ConfigMap paperless-maverick-flags: ENABLE_EMBEDDING_MONITORING true -> false",
        "FullRollback by systemErrorRate",
        "registry.example/paperless-maverick:1.5.0 -> registry.example/paperless-maverick:1.4.0",
        "registry.example/embedding-worker:1.5.0 -> registry.example/embedding-worker:1.4.0",
        "phase     RolledBack",
        "The dashboard, live while the demo runs: http://localhost:",
        "Blue-green: EmbeddingPipeline paperless-maverick-bg releases its app as two colours",
        "Release registry.example/paperless-maverick:1.6.0 goes to green at 1 replica (the preview)",
        "then one write switched Service paperless-maverick-bg-app to green",
        "RevertImages switched Service paperless-maverick-bg-app back to blue",
        "pods kept running, none restarted (pod template unchanged)",
        "Demo finished in");
  }
}
