package dev.maverick.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.PendingAnnouncement;
import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11.9: an action's webhook announcement is stored with the action, so an operator that stops
 * before the webhook accepted it (here: the webhook answers 503 until the operator is gone) does not
 * lose it: the next instance sends it, with the same delivery id, and then drops it from status.
 */
class UndeliveredAnnouncementIT {
  private static final String PIPELINE = "paperless-maverick";
  private static final String WEBHOOK_PATH = "/services/T000/B000/undelivered";

  private final FakePrometheusServer prometheus = new FakePrometheusServer();
  private final FakePrometheusServer webhook = new FakePrometheusServer();
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().build();

  @BeforeEach
  void start() {
    Checks.guardedPolicyBreachingAtOnce(k8s, prometheus, webhook, WEBHOOK_PATH);
    webhook.answer(503, "{}");
    k8s.create(Fixtures.paperlessUsing("guarded"));
  }

  @AfterEach
  void stop() {
    prometheus.close();
    webhook.close();
  }

  @Test
  void anAnnouncementTheWebhookRefusedIsSentByTheNextInstance() {
    await().until(() -> status().actions() != null && !deliveryIds().isEmpty());
    assertThat(status().actions()).hasSize(1);
    PendingAnnouncement pending = status().memory().pendingAnnouncements().get(0);
    assertThat(status().memory().pendingAnnouncements()).hasSize(1);
    assertThat(pending.text()).startsWith("maverick-operator: EmbeddingPipeline paperless-maverick/paperless-maverick:"
        + " DisableFlag by embeddingSuccessRate: disabled flag embeddingMonitoring");
    assertThat(deliveryIds()).containsOnly(pending.id());

    k8s.stopOperator(); // its retries die with it, as with a SIGKILL
    int refusedAttempts = deliveryIds().size();
    webhook.answerData("{}");
    k8s.startOperator();

    await().until(() -> status().memory().pendingAnnouncements() == null);
    assertThat(deliveryIds()).hasSizeGreaterThan(refusedAttempts).containsOnly(pending.id());
    assertThat(status().actions()).hasSize(1);
    Figures.print("undelivered-announcement", "refusedAttempts=" + refusedAttempts + " deliveredByNextInstance=1"
        + " deliveryIds=1 actions=1");
  }

  private EmbeddingPipelineStatus status() {
    return k8s.pipeline(PIPELINE).getStatus();
  }

  private List<String> deliveryIds() {
    return Checks.deliveryIds(webhook, WEBHOOK_PATH);
  }
}
