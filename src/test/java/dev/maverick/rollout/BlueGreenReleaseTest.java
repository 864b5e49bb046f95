package dev.maverick.rollout;

import static dev.maverick.api.ComparisonOperator.GreaterThan;
import static dev.maverick.api.ComparisonOperator.LessThan;
import static dev.maverick.rollout.RolloutHarness.START;
import static dev.maverick.rollout.RolloutHarness.flag;
import static dev.maverick.rollout.RolloutHarness.fullRollback;
import static dev.maverick.rollout.RolloutHarness.revertImages;
import static dev.maverick.rollout.RolloutHarness.spec;
import static dev.maverick.rollout.RolloutHarness.stage;
import static dev.maverick.rollout.RolloutHarness.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.AppSpec;
import dev.maverick.api.AppStrategy;
import dev.maverick.api.AppStrategyType;
import dev.maverick.api.BlueGreenSpec;
import dev.maverick.api.BlueGreenStatus;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.FreezeWindow;
import dev.maverick.api.Gate;
import dev.maverick.api.Groups;
import dev.maverick.api.MetricCondition;
import dev.maverick.api.MetricsUnavailablePolicy;
import dev.maverick.api.Phase;
import dev.maverick.api.PrometheusSpec;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.Replicas;
import dev.maverick.api.RolloutPolicySpec;
import dev.maverick.api.Stage;
import dev.maverick.api.StageFlag;
import dev.maverick.api.Trigger;
import dev.maverick.pipeline.PipelineChildren;
import dev.maverick.pipeline.PipelineModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every transition of a blue-green release (issue 13), driven through the engine with an injected
 * clock, and the children the renderers make of each state. {@link #kubelet} plays the Deployment
 * controller: it "rolls out" exactly the Deployments the renderers want.
 */
class BlueGreenReleaseTest {
  private static final String GATE = "previewErrors";
  private static final String GATE_READING = BlueGreenRelease.GATE_PREFIX + GATE;
  private static final Gate PREVIEW_ERRORS = new Gate(GATE,
      "sum(rate(http_requests_total{pipeline=\"{{pipeline}}\",color=\"{{color}}\",code=~\"5..\"}[2m]))",
      new MetricCondition(LessThan, 1.0));

  // ---- the first release and the preview

  @Test
  void aNewPipelineStartsOnBlueWithGreenIdleAndBothServices() {
    RolloutHarness h = harness(blueGreen("1", true, "10m"), policy(List.of()));

    RolloutStep step = h.tick();

    BlueGreenStatus state = step.status().blueGreen();
    assertThat(state.activeColor()).isEqualTo("blue");
    assertThat(state.activeImage()).isEqualTo("registry.example/app:1");
    assertThat(state.hasPreview()).isFalse();
    Map<String, HasMetadata> children = children(h, step);
    assertThat(children).containsKeys("Deployment/paperless-app-blue", "Deployment/paperless-app-green",
        "Service/paperless-app", "Service/paperless-app-preview").doesNotContainKey("Deployment/paperless-app");
    assertThat(deployment(children, "blue")).satisfies(d -> {
      assertThat(image(d)).isEqualTo("registry.example/app:1");
      assertThat(d.getSpec().getReplicas()).isEqualTo(3);
      assertThat(d.getSpec().getSelector().getMatchLabels()).containsEntry("maverick.dev/color", "blue");
      assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("maverick.dev/color", "blue");
    });
    assertThat(deployment(children, "green").getSpec().getReplicas()).isZero();
    assertThat(selector(children, "paperless-app")).containsEntry("maverick.dev/color", "blue");
    assertThat(selector(children, "paperless-app-preview")).containsEntry("maverick.dev/color", "green");
  }

  @Test
  void aNewImageGoesToTheInactiveColourAtPreviewReplicasAndTheStagesWait() {
    RolloutHarness h = harness(blueGreen("1", true, "10m"), policy(List.of(stage("internal", "5m",
        List.of(new StageFlag("monitoring", 10))))));
    kubelet(h, h.tick());

    h.edit(blueGreen("2", true, "10m"));
    RolloutStep step = h.tick();

    assertThat(step.transitions()).extracting(Transition::reason).contains(Transition.PREVIEW_DEPLOYED);
    BlueGreenStatus state = step.status().blueGreen();
    assertThat(state.previewColor()).isEqualTo("green");
    assertThat(state.previewRevision()).isEqualTo("registry.example/app:2");
    assertThat(state.activeColor()).isEqualTo("blue");
    Map<String, HasMetadata> children = children(h, step);
    assertThat(image(deployment(children, "green"))).isEqualTo("registry.example/app:2");
    assertThat(deployment(children, "green").getSpec().getReplicas()).isEqualTo(1);
    assertThat(image(deployment(children, "blue"))).isEqualTo("registry.example/app:1");
    assertThat(deployment(children, "blue").getSpec().getReplicas()).isEqualTo(3);
    assertThat(selector(children, "paperless-app")).containsEntry("maverick.dev/color", "blue");
    assertThat(step.phaseHint()).isEqualTo(Phase.Progressing);

    // the preview never rolls out: the stage's pause does not run meanwhile
    RolloutStep later = h.after(Duration.ofMinutes(20));
    assertThat(later.status().stage().index()).isZero();
    assertThat(later.status().blueGreen().activeColor()).isEqualTo("blue");
  }

  @Test
  void aFailingPreviewGateBlocksTheSwitchAndAPassingOneScalesUpThenSwitches() {
    RolloutHarness h = harness(blueGreen("1", true, "10m", PREVIEW_ERRORS), policy(List.of()));
    kubelet(h, h.tick());
    h.edit(blueGreen("2", true, "10m", PREVIEW_ERRORS));
    h.set(GATE_READING, 5.0);
    RolloutStep deployed = h.tick();

    kubelet(h, deployed);
    RolloutStep failing = h.afterSeconds(30);
    assertThat(h.lastDue.gates()).singleElement().satisfies(g -> {
      assertThat(g.name()).isEqualTo(GATE_READING);
      assertThat(g.query()).contains("color=\"green\"").doesNotContain("{{color}}");
    });
    assertThat(failing.warnings()).extracting(Transition::reason).containsExactly(Transition.PREVIEW_GATE_FAILED);
    assertThat(failing.warnings().get(0).message()).contains(GATE, "5.0");
    assertThat(failing.status().blueGreen().gates()).singleElement()
        .satisfies(g -> assertThat(g.holds()).isFalse());
    assertThat(failing.status().blueGreen().activeColor()).isEqualTo("blue");
    RolloutStep stillFailing = h.afterSeconds(30);
    assertThat(stillFailing.warnings()).as("announced once per change").isEmpty();
    assertThat(stillFailing.status().blueGreen().previewScale()).isEqualTo(1);

    h.set(GATE_READING, 0.0);
    RolloutStep scaling = h.afterSeconds(30);
    assertThat(scaling.transitions()).extracting(Transition::reason).containsExactly(Transition.PREVIEW_SCALED_UP);
    assertThat(deployment(children(h, scaling), "green").getSpec().getReplicas()).isEqualTo(3);
    assertThat(selector(children(h, scaling), "paperless-app")).containsEntry("maverick.dev/color", "blue");
    assertThat(h.tick().status().blueGreen().activeColor()).as("not before the scaled preview is rolled out")
        .isEqualTo("blue");

    kubelet(h, scaling);
    RolloutStep switched = h.tick();

    assertThat(switched.transitions()).extracting(Transition::reason).containsExactly(Transition.SWITCHED);
    BlueGreenStatus state = switched.status().blueGreen();
    assertThat(state.activeColor()).isEqualTo("green");
    assertThat(state.activeImage()).isEqualTo("registry.example/app:2");
    assertThat(state.previewColor()).isNull();
    assertThat(state.switchedAt()).isEqualTo(h.now().toString());
    assertThat(state.scaleDownAt()).isEqualTo(h.now().plus(Duration.ofMinutes(10)).toString());
    Map<String, HasMetadata> children = children(h, switched);
    assertThat(selector(children, "paperless-app")).containsEntry("maverick.dev/color", "green");
    assertThat(selector(children, "paperless-app-preview")).containsEntry("maverick.dev/color", "blue");
    assertThat(deployment(children, "blue").getSpec().getReplicas()).as("the previous colour keeps its pods")
        .isEqualTo(3);
    assertThat(switched.phaseHint()).isEqualTo(Phase.Healthy);
  }

  @Test
  void withoutAutoPromoteTheSwitchWaitsForThePromoteAnnotation() {
    RolloutHarness h = harness(blueGreen("1", false, "10m"), policy(List.of()));
    kubelet(h, h.tick());
    h.edit(blueGreen("2", false, "10m"));
    kubelet(h, h.tick());

    assertThat(h.after(Duration.ofHours(1)).status().blueGreen().activeColor()).isEqualTo("blue");

    h.annotate(Groups.ANNOTATION_PROMOTE, "now");
    RolloutStep promoted = h.tick();
    assertThat(promoted.transitions()).extracting(Transition::reason)
        .containsExactly(Transition.PREVIEW_PROMOTED, Transition.PREVIEW_SCALED_UP);
    kubelet(h, promoted);
    assertThat(h.tick().status().blueGreen().activeColor()).isEqualTo("green");
  }

  @Test
  void noSwitchWhileAFreezeWindowIsOpen() {
    FreezeWindow freeze = new FreezeWindow(START.toString(), START.plus(Duration.ofHours(1)).toString(), "release freeze");
    RolloutHarness h = harness(blueGreen("1", true, "10m"), new RolloutPolicySpec(
        new PrometheusSpec("http://prometheus:9090", null, null, null), "30s", MetricsUnavailablePolicy.Hold, "5m",
        "10m", List.of(), List.of(), null, null, List.of(freeze)));
    kubelet(h, h.tick());
    h.edit(blueGreen("2", true, "10m"));
    RolloutStep preview = h.tick();
    assertThat(preview.status().blueGreen().previewColor()).as("a preview may deploy during a freeze").isEqualTo("green");
    kubelet(h, preview);

    assertThat(h.after(Duration.ofMinutes(59)).status().blueGreen().activeColor()).isEqualTo("blue");

    RolloutStep thawed = h.after(Duration.ofMinutes(1));
    assertThat(thawed.transitions()).extracting(Transition::reason)
        .containsExactly(Transition.UNFROZEN, Transition.PREVIEW_SCALED_UP);
    kubelet(h, thawed);
    assertThat(h.tick().status().blueGreen().activeColor()).isEqualTo("green");
  }

  @Test
  void withoutAPolicyTheSwitchFollowsTheRollout() {
    RolloutHarness h = harness(blueGreen("1", true, "10m"), null);
    kubelet(h, h.tick());
    h.edit(blueGreen("2", true, "10m"));
    RolloutStep preview = h.tick();
    kubelet(h, preview);
    RolloutStep scaled = h.tick();
    kubelet(h, scaled);

    RolloutStep switched = h.tick();

    assertThat(switched.transitions()).extracting(Transition::reason).containsExactly(Transition.SWITCHED);
    assertThat(switched.status().blueGreen().activeImage()).isEqualTo("registry.example/app:2");
  }

  @Test
  void aPausedPipelineDeploysThePreviewButDoesNotSwitch() {
    RolloutHarness h = harness(blueGreen("1", true, "10m"), policy(List.of()));
    kubelet(h, h.tick());
    h.edit(RolloutHarness.paused(blueGreen("2", true, "10m"), true));
    RolloutStep preview = h.tick();
    assertThat(preview.status().blueGreen().previewRevision()).isEqualTo("registry.example/app:2");
    kubelet(h, preview);

    assertThat(h.after(Duration.ofMinutes(30)).status().blueGreen().activeColor()).isEqualTo("blue");

    h.edit(blueGreen("2", true, "10m"));
    assertThat(h.tick().transitions()).extracting(Transition::reason).contains(Transition.PREVIEW_SCALED_UP);
  }

  @Test
  void thePreviewIsScaledToTheCountTheAutoscalerSetOnTheActiveColour() {
    RolloutHarness h = harness(autoscaled(blueGreen("1", true, "10m")), policy(List.of()));
    kubelet(h, h.tick());
    h.app = new AppDeployments(null, new AppDeployments.Observed("registry.example/app:1", 7, true), h.app.green());
    h.edit(autoscaled(blueGreen("2", true, "10m")));
    RolloutStep preview = h.tick();
    kubelet(h, preview);
    h.app = new AppDeployments(null, new AppDeployments.Observed("registry.example/app:1", 7, true), h.app.green());

    RolloutStep scaled = h.tick();

    assertThat(scaled.status().blueGreen().previewScale()).isEqualTo(7);
    Map<String, HasMetadata> children = children(h, scaled);
    assertThat(deployment(children, "green").getSpec().getReplicas()).isEqualTo(7);
    assertThat(((io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler)
        children.get("HorizontalPodAutoscaler/paperless-app")).getSpec().getScaleTargetRef().getName())
        .isEqualTo("paperless-app-blue");
  }

  // ---- after the switch

  @Test
  void theRollbackAnnotationWithinTheDelaySwitchesBack() {
    RolloutHarness h = switchedToV2(policy(List.of()));

    h.annotate(Groups.ANNOTATION_ROLLBACK, "now");
    RolloutStep back = h.tick();

    assertThat(back.actions()).extracting(AppliedAction::trigger).containsExactly(RolloutEngine.MANUAL_ROLLBACK);
    assertThat(back.transitions()).extracting(Transition::reason).containsExactly(Transition.SWITCHED_BACK);
    assertThat(selector(children(h, back), "paperless-app")).containsEntry("maverick.dev/color", "blue");
  }

  @Test
  void thePreviousColourGoesToZeroAfterTheScaleDownDelay() {
    RolloutHarness h = switchedToV2(policy(List.of()));
    Instant switchedAt = h.now();

    RolloutStep before = h.after(Duration.ofMinutes(9));
    assertThat(deployment(children(h, before), "blue").getSpec().getReplicas()).isEqualTo(3);
    assertThat(before.requeueAfter()).isLessThanOrEqualTo(Duration.ofMinutes(1));

    RolloutStep after = h.after(Duration.ofMinutes(1));
    assertThat(h.now()).isEqualTo(switchedAt.plus(Duration.ofMinutes(10)));
    assertThat(after.transitions()).extracting(Transition::reason).contains(Transition.PREVIOUS_COLOR_SCALED_DOWN);
    assertThat(after.status().blueGreen().previousColor()).isNull();
    assertThat(deployment(children(h, after), "blue").getSpec().getReplicas()).isZero();
    assertThat(deployment(children(h, after), "green").getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void aRevertWithinTheDelaySwitchesBackWithoutStartingAPod() {
    Trigger errors = trigger("errors", GreaterThan, 0.1, "0s", revertImages());
    RolloutHarness h = switchedToV2(policy(List.of(), errors));
    Map<String, HasMetadata> beforeBreach = children(h, h.tick());

    h.set("errors", 0.5);
    RolloutStep breach = h.afterSeconds(30);

    assertThat(breach.actions()).extracting(AppliedAction::trigger).containsExactly("errors");
    assertThat(breach.transitions()).extracting(Transition::reason).containsExactly(Transition.SWITCHED_BACK);
    BlueGreenStatus state = breach.status().blueGreen();
    assertThat(state.activeColor()).isEqualTo("blue");
    assertThat(state.activeImage()).isEqualTo("registry.example/app:1");
    assertThat(state.switchedAt()).isEqualTo(h.now().toString());
    Map<String, HasMetadata> afterBreach = children(h, breach);
    assertThat(selector(afterBreach, "paperless-app")).containsEntry("maverick.dev/color", "blue");
    // the only change is the Service's selector: neither colour's Deployment is touched in this step
    assertThat(deployment(afterBreach, "blue")).isEqualTo(deployment(beforeBreach, "blue"));
    assertThat(deployment(afterBreach, "green")).isEqualTo(deployment(beforeBreach, "green"));

    RolloutStep next = h.tick();
    assertThat(next.transitions()).extracting(Transition::reason).containsExactly(Transition.PREVIOUS_COLOR_SCALED_DOWN);
    assertThat(deployment(children(h, next), "green").getSpec().getReplicas()).isZero();
    assertThat(deployment(children(h, next), "blue")).isEqualTo(deployment(beforeBreach, "blue"));
  }

  @Test
  void aFreezeDoesNotHoldTheSwitchBack() {
    Trigger errors = trigger("errors", GreaterThan, 0.1, "0s", revertImages());
    // switchedToV2 switches 10m30s after START; the freeze opens 30s later
    FreezeWindow freeze = new FreezeWindow(START.plus(Duration.ofMinutes(11)).toString(),
        START.plus(Duration.ofHours(2)).toString(), "release freeze");
    RolloutHarness h = switchedToV2(new RolloutPolicySpec(new PrometheusSpec("http://prometheus:9090", null, null, null),
        "30s", MetricsUnavailablePolicy.Hold, "5m", "10m", List.of(), List.of(errors), null, null, List.of(freeze)));
    assertThat(h.after(Duration.ofMinutes(1)).status().freeze()).isNotNull();

    h.set("errors", 0.5);
    RolloutStep breach = h.afterSeconds(30);

    assertThat(breach.transitions()).extracting(Transition::reason).containsExactly(Transition.SWITCHED_BACK);
    assertThat(breach.status().blueGreen().activeColor()).isEqualTo("blue");
  }

  @Test
  void aRollbackAfterTheDelayRedeploysTheStableImageAsAPreviewWithoutGates() {
    Trigger errors = trigger("errors", GreaterThan, 0.1, "0s", fullRollback());
    // the previous colour is gone after 5m, before v2 could become stable (stableAfter 10m)
    RolloutHarness h = switchedToV2(policy(List.of(), errors), "5m", PREVIEW_ERRORS);
    h.set(GATE_READING, 5.0);
    RolloutStep scaledDown = h.after(Duration.ofMinutes(5));
    assertThat(scaledDown.status().blueGreen().previousColor()).isNull();
    kubelet(h, scaledDown);

    h.set("errors", 0.5);
    RolloutStep rollback = h.afterSeconds(30);

    assertThat(rollback.transitions()).extracting(Transition::reason).containsExactly(Transition.PREVIEW_DEPLOYED);
    assertThat(rollback.status().blueGreen().previewColor()).isEqualTo("blue");
    assertThat(rollback.status().blueGreen().previewRevision()).isEqualTo("registry.example/app:1");
    kubelet(h, rollback);
    RolloutStep scaled = h.tick();
    assertThat(scaled.transitions()).extracting(Transition::reason).containsExactly(Transition.PREVIEW_SCALED_UP);
    kubelet(h, scaled);
    RolloutStep switched = h.tick();
    assertThat(switched.transitions()).extracting(Transition::reason).containsExactly(Transition.SWITCHED);
    assertThat(switched.status().blueGreen().activeImage()).isEqualTo("registry.example/app:1");
  }

  @Test
  void aRollbackBeforeTheSwitchRemovesThePreview() {
    Trigger errors = trigger("errors", GreaterThan, 0.1, "0s", fullRollback());
    RolloutHarness h = harness(blueGreen("1", false, "10m"), policy(List.of(), errors)).set("errors", 0.0);
    kubelet(h, h.tick());
    kubelet(h, h.after(Duration.ofMinutes(10)));
    assertThat(h.pipeline.getStatus().stableRevision().appImage()).isEqualTo("registry.example/app:1");
    h.edit(blueGreen("2", false, "10m"));
    kubelet(h, h.afterSeconds(30));

    h.set("errors", 0.5);
    RolloutStep rollback = h.afterSeconds(30);

    assertThat(rollback.transitions()).extracting(Transition::reason).containsExactly(Transition.PREVIEW_REMOVED);
    assertThat(rollback.status().blueGreen().previewColor()).isNull();
    assertThat(rollback.status().blueGreen().activeColor()).isEqualTo("blue");
    assertThat(deployment(children(h, rollback), "green").getSpec().getReplicas()).isZero();
  }

  @Test
  void theStagesOfARevisionStartWhenItsColourBecomesActive() {
    RolloutHarness h = harness(blueGreen("1", false, "10m"), policy(List.of(stage("internal", "5m",
        List.of(new StageFlag("monitoring", 10))))));
    kubelet(h, h.tick());
    kubelet(h, h.after(Duration.ofMinutes(5)));
    h.edit(blueGreen("2", false, "10m"));
    kubelet(h, h.tick());
    h.after(Duration.ofMinutes(30));

    h.annotate(Groups.ANNOTATION_PROMOTE, "go");
    kubelet(h, h.tick());
    RolloutStep switched = h.tick();

    assertThat(switched.status().blueGreen().activeColor()).isEqualTo("green");
    assertThat(switched.status().stage().index()).isZero();
    assertThat(switched.status().stage().startedAt()).isEqualTo(h.now().toString());
    assertThat(h.after(Duration.ofMinutes(5)).status().stage().name()).isEqualTo(RolloutEngine.COMPLETE);
  }

  @Test
  void theReleaseSurvivesAnOperatorRestart() {
    RolloutHarness h = harness(blueGreen("1", false, "10m"), policy(List.of()));
    kubelet(h, h.tick());
    h.edit(blueGreen("2", false, "10m"));
    kubelet(h, h.tick());
    h.annotate(Groups.ANNOTATION_PROMOTE, "go");
    RolloutStep promoted = h.tick();
    kubelet(h, promoted);

    h.restartOperator();
    RolloutStep switched = h.tick();

    assertThat(switched.transitions()).extracting(Transition::reason).containsExactly(Transition.SWITCHED);
    h.restartOperator();
    assertThat(h.tick().transitions()).isEmpty();
  }

  // ---- strategy changes

  @Test
  void movingFromRollingUpdateToBlueGreenAndBackAlwaysServesReadyPods() {
    RolloutHarness h = harness(spec("1", RateLimitProfile.balanced, flag("monitoring", true, 100)), policy(List.of()));
    RolloutStep rolling = h.tick();
    kubelet(h, rolling);
    assertServesReadyPods(h, rolling);

    h.edit(blueGreen("1", true, "10m"));
    RolloutStep migrating = h.tick();
    assertThat(migrating.transitions()).extracting(Transition::reason).contains(Transition.STRATEGY_CHANGED);
    assertThat(migrating.status().blueGreen().keepsRollingUpdateDeployment()).isTrue();
    Map<String, HasMetadata> both = children(h, migrating);
    assertThat(both).containsKeys("Deployment/paperless-app", "Deployment/paperless-app-blue");
    assertThat(selector(both, "paperless-app")).doesNotContainKey("maverick.dev/color");
    assertServesReadyPods(h, migrating);
    assertThat(h.tick().status().blueGreen().keepsRollingUpdateDeployment()).as("blue not rolled out yet").isTrue();

    kubelet(h, migrating);
    RolloutStep migrated = h.tick();
    assertThat(migrated.status().blueGreen().keepsRollingUpdateDeployment()).isFalse();
    Map<String, HasMetadata> colours = children(h, migrated);
    assertThat(colours).doesNotContainKey("Deployment/paperless-app");
    assertThat(selector(colours, "paperless-app")).containsEntry("maverick.dev/color", "blue");
    assertServesReadyPods(h, migrated);
    kubelet(h, migrated);

    h.edit(spec("1", RateLimitProfile.balanced, flag("monitoring", true, 100)));
    RolloutStep back = h.tick();
    Map<String, HasMetadata> returning = children(h, back);
    assertThat(returning).containsKeys("Deployment/paperless-app", "Deployment/paperless-app-blue")
        .doesNotContainKeys("Deployment/paperless-app-green", "Service/paperless-app-preview");
    assertServesReadyPods(h, back);

    kubelet(h, back);
    RolloutStep done = h.tick();
    assertThat(done.status().blueGreen()).isNull();
    assertThat(done.transitions()).extracting(Transition::reason).containsExactly(Transition.STRATEGY_CHANGED);
    assertThat(children(h, done)).doesNotContainKeys("Deployment/paperless-app-blue");
    assertServesReadyPods(h, done);
  }

  /**
   * The Service {@code <name>-app} as rendered after {@code step} selects at least one Deployment
   * whose pods are ready now (the kubelet's last state; a Deployment about to be removed still counts).
   */
  private static void assertServesReadyPods(RolloutHarness h, RolloutStep step) {
    Map<String, String> selector = selector(children(h, step), "paperless-app");
    Map<String, AppDeployments.Observed> ready = Map.of("plain", Optional.ofNullable(h.app.plain()),
            "blue", Optional.ofNullable(h.app.blue()), "green", Optional.ofNullable(h.app.green())).entrySet().stream()
        .filter(e -> e.getValue().filter(o -> o.rolledOut() && o.replicas() > 0).isPresent())
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    assertThat(ready.keySet()).as("ready Deployments selected by %s", selector).anySatisfy(key -> {
      Map<String, String> podLabels = key.equals("plain") ? Map.of() : Map.of("maverick.dev/color", key);
      assertThat(selector.getOrDefault("maverick.dev/color", podLabels.getOrDefault("maverick.dev/color", "")))
          .isEqualTo(podLabels.getOrDefault("maverick.dev/color", ""));
    });
  }

  // ---- fixtures

  /** v1 on blue, v2 switched to green (at 3 replicas) and v1 stable; the clock at the switch. */
  private static RolloutHarness switchedToV2(RolloutPolicySpec policy, Gate... gates) {
    return switchedToV2(policy, "10m", gates);
  }

  private static RolloutHarness switchedToV2(RolloutPolicySpec policy, String scaleDownDelay, Gate... gates) {
    RolloutHarness h = harness(blueGreen("1", true, scaleDownDelay, gates), policy);
    h.set("errors", 0.0).set(GATE_READING, 0.0);
    kubelet(h, h.tick());
    kubelet(h, h.after(Duration.ofMinutes(10)));
    assertThat(h.pipeline.getStatus().stableRevision().appImage()).isEqualTo("registry.example/app:1");
    h.edit(blueGreen("2", true, scaleDownDelay, gates));
    kubelet(h, h.afterSeconds(30));
    RolloutStep scaled = h.tick();
    kubelet(h, scaled);
    RolloutStep switched = h.tick();
    assertThat(switched.status().blueGreen().activeColor()).isEqualTo("green");
    kubelet(h, switched);
    return h;
  }

  /** With the renderers' flags hash, so that a colour's rendered pod template can be compared across steps. */
  private static RolloutHarness harness(EmbeddingPipelineSpec spec, RolloutPolicySpec policy) {
    RolloutHarness h = new RolloutHarness(spec, policy);
    h.engine = new RolloutEngine(h.clock, PipelineModel::flagsHash);
    return h;
  }

  private static RolloutPolicySpec policy(List<Stage> stages, Trigger... triggers) {
    return RolloutHarness.policy(MetricsUnavailablePolicy.Hold, "5m", "10m", stages, triggers);
  }

  static EmbeddingPipelineSpec blueGreen(String version, boolean autoPromote, String scaleDownDelay, Gate... gates) {
    EmbeddingPipelineSpec base = spec(version, RateLimitProfile.balanced, flag("monitoring", true, 100));
    AppSpec a = base.app();
    AppSpec app = new AppSpec(a.image(), new Replicas(3, 3), a.ports(), a.probes(), a.resources(), a.env(),
        a.envFrom(), a.autoscaling(), null, null, null, new AppStrategy(AppStrategyType.BlueGreen,
            new BlueGreenSpec(1, autoPromote, List.of(gates), scaleDownDelay)));
    return new EmbeddingPipelineSpec(app, base.worker(), base.featureFlags(), base.rateLimiting(), null, null, null);
  }

  private static EmbeddingPipelineSpec autoscaled(EmbeddingPipelineSpec spec) {
    AppSpec a = spec.app();
    return new EmbeddingPipelineSpec(new AppSpec(a.image(), new Replicas(2, 10), a.ports(), a.probes(), a.resources(),
        a.env(), a.envFrom(), new dev.maverick.api.Autoscaling(true, 70, null, null, null, null), null, null, null,
        a.strategy()), spec.worker(), spec.featureFlags(), spec.rateLimiting(), null, null, null);
  }

  /** The children the renderers make of the step, by kind/name. */
  private static Map<String, HasMetadata> children(RolloutHarness h, RolloutStep step) {
    PipelineModel model = PipelineModel.of(h.pipeline, step.effective()).withBlueGreen(step.status().blueGreen());
    return PipelineChildren.desired(model).stream()
        .collect(Collectors.toMap(c -> c.getKind() + "/" + c.getMetadata().getName(), Function.identity()));
  }

  /** Plays the Deployment controller: the app Deployments the step renders, each rolled out. */
  private static void kubelet(RolloutHarness h, RolloutStep step) {
    Map<String, HasMetadata> children = children(h, step);
    h.app = new AppDeployments(observed(children.get("Deployment/paperless-app")),
        observed(children.get("Deployment/paperless-app-blue")), observed(children.get("Deployment/paperless-app-green")));
  }

  private static AppDeployments.Observed observed(HasMetadata child) {
    return child == null ? null
        : new AppDeployments.Observed(image((Deployment) child), ((Deployment) child).getSpec().getReplicas(), true);
  }

  private static Deployment deployment(Map<String, HasMetadata> children, String color) {
    return (Deployment) children.get("Deployment/paperless-app-" + color);
  }

  private static String image(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private static Map<String, String> selector(Map<String, HasMetadata> children, String service) {
    return ((Service) children.get("Service/" + service)).getSpec().getSelector();
  }
}
