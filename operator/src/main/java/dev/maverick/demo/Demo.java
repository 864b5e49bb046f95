package dev.maverick.demo;

import dev.maverick.api.ActionRecord;
import dev.maverick.api.BlueGreenStatus;
import dev.maverick.api.EffectiveFlag;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.Phase;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.Stage;
import dev.maverick.api.Trigger;
import dev.maverick.api.TriggerStatus;
import dev.maverick.pipeline.ChildNames;
import dev.maverick.pipeline.Component;
import dev.maverick.dashboard.Dashboard;
import dev.maverick.runtime.HttpEndpoints;
import dev.maverick.runtime.MaverickOperator;
import dev.maverick.runtime.OperatorSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import dev.maverick.metrics.PrometheusRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The {@code demo} verb: the real operator against an in-process Kubernetes API (fabric8's mock
 * server in CRUD mode), a {@link SimulatedKubelet} and a {@link FakePrometheus}, narrating API.md's
 * Paperless Maverick example on a short clock: children created, stages advancing, the revision
 * becoming stable, then a new release whose success rate drops (a flag is disabled) and whose error
 * rate spikes (a FullRollback to the stable images). Everything it tells is read back from the API.
 */
public final class Demo {
  static final String NAMESPACE = "paperless-maverick";
  static final String PIPELINE = "paperless-maverick";
  static final String RELEASE = "1.5.0";
  /** How long any one step may take before the demo gives up; generous for small, busy machines. */
  private static final Duration STEP_LIMIT = Duration.ofSeconds(60);

  // the fake Prometheus answers a query by the first of these fragments it contains
  private static final String SUCCESS = "outcome=\"success\"";
  private static final String ERROR = "outcome=\"error\"";
  private static final String QUEUE_DEPTH = "embedding_queue_depth";
  private static final String QUOTA = "embedding_api_quota_used_ratio";
  private static final String PREVIEW_ERRORS = "bluegreen_preview_error_ratio";
  private static final String APP_ERRORS = "bluegreen_app_error_ratio";
  static final String BLUE_GREEN = "paperless-maverick-bg";

  private static final String ENABLE_KEY = "ENABLE_EMBEDDING_MONITORING";
  private static final String PERCENTAGE_KEY = "EMBEDDING_MONITORING_ROLLOUT_PERCENTAGE";
  private static final String INDENT = "          ";

  private final PrintStream out;
  private final Clock clock;
  private final Instant start;
  private final KubernetesClient client;
  private final FakePrometheus prometheus;

  private Demo(PrintStream out, Clock clock, Instant start, KubernetesClient client, FakePrometheus prometheus) {
    this.out = out;
    this.clock = clock;
    this.start = start;
    this.client = client;
    this.prometheus = prometheus;
  }

  /**
   * Runs the demo, narrating to {@code out}; 0 when every step happened, 1 otherwise. With
   * {@code hold}, the operator and its dashboard stay up after the narration until the process is
   * interrupted (Ctrl-C).
   */
  public static int run(PrintStream out, boolean hold) {
    Clock clock = Clock.systemUTC();
    Instant start = clock.instant();
    out.println("maverick-operator demo: the real operator against an in-process Kubernetes API, with a simulated"
        + " kubelet and a fake Prometheus, on a short clock (evaluations every second, windows of a few seconds)."
        + " It takes under a minute on a typical laptop.");
    Runnable restoreLogs = quietLogs();
    try (InProcessKubernetes kubernetes = InProcessKubernetes.start(NAMESPACE)) {
      try (KubernetesClient client = kubernetes.newClient();
          FakePrometheus prometheus = FakePrometheus.start(clock)) {
        Demo demo = new Demo(out, clock, start, client, prometheus);
        demo.prepareCluster(kubernetes);
        PrometheusMeterRegistry registry = PrometheusRegistry.create();
        try (SimulatedKubelet kubelet = SimulatedKubelet.start(client, NAMESPACE);
            MaverickOperator operator = MaverickOperator.start(client, OperatorSettings.embedded(), clock, registry);
            HttpEndpoints endpoints = HttpEndpoints.start(0, registry, operator::healthy, operator::deadReason)) {
          String dashboard = operator.dashboard().map(d -> {
            endpoints.serve(Dashboard.CONTEXT, d);
            return "http://localhost:" + endpoints.port() + Dashboard.PATH;
          }).orElseThrow();
          demo.say("The dashboard, live while the demo runs%s: %s", hold ? " and after it" : "", dashboard);
          demo.play();
          if (hold) {
            out.printf("%nThe dashboard stays up at %s (the operator keeps running); press Ctrl-C to stop.%n",
                dashboard);
            new CountDownLatch(1).await();
          }
        }
      }
      out.printf("%nDemo finished in %ds. The API server, the kubelet and Prometheus lived in this JVM and are gone.%n",
          Duration.between(start, clock.instant()).toSeconds());
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (IOException e) {
      out.printf("%nThe demo could not serve its dashboard: %s%n", e.getMessage());
      return 1;
    } catch (StepTimedOut e) {
      out.printf("%nThe demo stopped: %s. The operator's log above may say why; please report it.%n", e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      out.printf("%nThe demo failed: %s%n", e);
      return 1;
    } finally {
      restoreLogs.run();
    }
  }

  private void prepareCluster(InProcessKubernetes kubernetes) {
    say("Kubernetes API (fabric8 mock server) listening on 127.0.0.1:%d, with the EmbeddingPipeline and"
        + " RolloutPolicy CRDs and the namespace %s.", kubernetes.port(), NAMESPACE);
    prometheus.set(SUCCESS, 0.998);
    prometheus.set(ERROR, 0.002);
    prometheus.set(QUEUE_DEPTH, 42);
    prometheus.set(QUOTA, 0.35);
    say("Fake Prometheus on %s: success rate 99.8%%, error rate 0.2%%, queue depth 42, API quota 35%% used.",
        prometheus.url());
  }

  private void play() {
    RolloutPolicy policy = client.resource(policyWithUrl(prometheus.url())).create();
    say("The operator is running: both reconcilers, watching all namespaces.");
    say("Applied RolloutPolicy %s: evaluations every %s;", policy.getMetadata().getName(),
        policy.getSpec().interval());
    more("stages %s, each paused %s, then the spec's values;", policy.getSpec().stages().stream()
        .map(s -> s.name() + " " + s.flags().get(0).rolloutPercentage() + "%").collect(Collectors.joining(" -> ")),
        policy.getSpec().stages().get(0).pause());
    policy.getSpec().triggers().forEach(t -> more("trigger %-20s %s for %s -> %s", t.name(), condition(t),
        t.forDuration(), t.actions().stream().map(a -> a.type() + (a.flag() == null ? "" : " " + a.flag())
            + (a.profile() == null ? "" : " " + a.profile())).collect(Collectors.joining(", "))));
    EmbeddingPipeline pipeline = client.resource(load("pipeline.yaml", EmbeddingPipeline.class)).create();
    say("Applied EmbeddingPipeline %s: app %s, worker %s.", PIPELINE, pipeline.getSpec().app().image(),
        pipeline.getSpec().worker().image());

    List<String> children = await("the operator creating the pipeline's 9 children", () -> {
      List<String> lines = children();
      return lines.size() == 9 ? lines : null;
    });
    say("The operator created the pipeline's children:");
    children.forEach(line -> more("%s", line));
    await("both Deployments rolled out", () -> rolledOut(pipeline.getSpec().app().image()) ? true : null);
    say("The simulated kubelet rolled both Deployments out: app %s ready, worker %s ready.", replicas(Component.APP),
        replicas(Component.WORKER));

    narrateStages(policy);
    EmbeddingPipelineStatus stable = await("the revision becoming stable", () -> status(s ->
        s.stableRevision() != null ? s : null));
    say("Nothing breached for %s (stableAfter): the revision is stable. Phase %s.", policy.getSpec().stableAfter(),
        stable.phase());
    more("stable revision: app %s, worker %s, flags hash %s", stable.stableRevision().appImage(),
        stable.stableRevision().workerImage(), stable.stableRevision().flagsHash());

    shipRelease();
    successRateDrops(policy);
    errorRateSpikes(policy, stable);
    summary(policy);
    blueGreen();
  }

  private void narrateStages(RolloutPolicy policy) {
    List<Stage> stages = policy.getSpec().stages();
    for (int i = 0; i < stages.size(); i++) {
      int index = i;
      Stage stage = stages.get(i);
      await("stage " + stage.name(), () -> status(s -> s.stage().index() >= index ? s : null));
      String percentage = flagsKey(PERCENTAGE_KEY);
      say("Stage %d/%d %s: embeddingMonitoring reaches %s%% of team internal-testing-team (%s=%s)%s.", i + 1,
          stages.size(), stage.name(), percentage, PERCENTAGE_KEY, percentage,
          stage.gates().isEmpty() ? "" : "; after " + stage.pause() + " the gate " + stage.gates().get(0).name()
              + " must read " + condition(stage.gates().get(0).condition()));
    }
    await("the last stage finishing", () -> status(s -> s.stage().index() == stages.size() ? s : null));
    say("All stages done: embeddingMonitoring takes its spec value, %s%% (%s=%s).",
        flagsKey(PERCENTAGE_KEY), PERCENTAGE_KEY, flagsKey(PERCENTAGE_KEY));
  }

  private void shipRelease() {
    String app = "registry.example/paperless-maverick:" + RELEASE;
    String worker = "registry.example/embedding-worker:" + RELEASE;
    client.resources(EmbeddingPipeline.class).inNamespace(NAMESPACE).withName(PIPELINE)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"app\":{\"image\":\"" + app
            + "\"},\"worker\":{\"image\":\"" + worker + "\"}}}");
    say("Release %s: the pipeline's images change to %s and %s.", RELEASE, app, worker);
    await("the new revision rolling out", () -> rolledOut(app) ? true : null);
    EmbeddingPipelineStatus status = await("the new revision's status", () -> status(s ->
        app.equals(s.currentRevision().appImage()) ? s : null));
    say("A new revision: the stages start again at %s (%s=%s), and the kubelet rolled out %s (app %s, worker %s).",
        status.stage().name(), PERCENTAGE_KEY, flagsKey(PERCENTAGE_KEY), RELEASE, replicas(Component.APP),
        replicas(Component.WORKER));
  }

  private void successRateDrops(RolloutPolicy policy) {
    Trigger successRate = trigger(policy, "embeddingSuccessRate");
    Trigger errorRate = trigger(policy, "systemErrorRate");
    String before = flagsKey(ENABLE_KEY);
    prometheus.set(SUCCESS, 0.82);
    prometheus.set(ERROR, 0.18);
    say("Trouble in %s: the embedding success rate drops to 82%% (errors 18%%).", RELEASE);
    await("both triggers breaching", () -> status(s -> breaching(s, successRate.name()).isPresent()
        && breaching(s, errorRate.name()).isPresent() ? s : null));
    say("Both %s (%s) and %s (%s) breach. The cheaper action has the shorter window: %s against %s.",
        successRate.name(), condition(successRate), errorRate.name(), condition(errorRate),
        successRate.forDuration(), errorRate.forDuration());
    String after = awaitFlagsKey(ENABLE_KEY, "false");
    ActionRecord action = await("the DisableFlag action", () -> status(s -> lastAction(s, "DisableFlag")));
    say("After %s of breaching, the operator acted: %s by %s: %s.", successRate.forDuration(), action.type(),
        action.trigger(), action.detail());
    more("ConfigMap %s: %s %s -> %s", ChildNames.flagsConfigMap(PIPELINE), ENABLE_KEY, before, after);

    prometheus.set(SUCCESS, 0.96);
    prometheus.set(ERROR, 0.04);
    say("With embeddingMonitoring off, the success rate recovers to 96%% (errors 4%%).");
    EmbeddingPipelineStatus holding = await("systemErrorRate to stop breaching", () -> status(s ->
        breaching(s, errorRate.name()).isEmpty() ? s : null));
    say("%s reads 0.04 now: its streak ends before its %s window, so no rollback. The rollout holds at stage %s:"
        + " the successRate gate wants at least 99%%.", errorRate.name(), errorRate.forDuration(),
        holding.stage().name());
  }

  private void errorRateSpikes(RolloutPolicy policy, EmbeddingPipelineStatus stable) {
    Trigger errorRate = trigger(policy, "systemErrorRate");
    String appBefore = image(Component.APP);
    String workerBefore = image(Component.WORKER);
    prometheus.set(SUCCESS, 0.65);
    prometheus.set(ERROR, 0.35);
    say("Worse: the error rate spikes to 35%%.");
    TriggerStatus breach = await("systemErrorRate breaching", () -> status(s -> breaching(s, errorRate.name())
        .orElse(null)));
    say("%s reads %s (%s), breaching since %s; the operator acts once that has held for %s.", errorRate.name(),
        breach.value(), condition(errorRate), elapsed(Instant.parse(breach.breachingSince())),
        errorRate.forDuration());
    String stableApp = stable.stableRevision().appImage();
    await("the FullRollback reaching the Deployments", () -> stableApp.equals(image(Component.APP)) ? stableApp : null);
    ActionRecord action = await("the FullRollback action", () -> status(s -> lastAction(s, "FullRollback")));
    say("%s by %s: %s.", action.type(), action.trigger(), action.detail());
    more("Deployment %-26s %s -> %s", ChildNames.of(PIPELINE, Component.APP), appBefore, image(Component.APP));
    more("Deployment %-26s %s -> %s", ChildNames.of(PIPELINE, Component.WORKER), workerBefore,
        image(Component.WORKER));
    more("flags as in the stable revision: %s=%s, %s=%s", ENABLE_KEY, flagsKey(ENABLE_KEY), PERCENTAGE_KEY,
        flagsKey(PERCENTAGE_KEY));
    await("the stable images rolling out", () -> rolledOut(stableApp) ? true : null);
    EmbeddingPipelineStatus rolledBack = await("phase RolledBack", () -> status(s ->
        s.phase() == Phase.RolledBack ? s : null));
    say("The kubelet rolled the stable images out again: app %s, worker %s. Phase %s.", replicas(Component.APP),
        replicas(Component.WORKER), rolledBack.phase());
  }

  private void summary(RolloutPolicy policy) {
    EmbeddingPipelineStatus status = await("the status to show the rollback done", () -> status(s ->
        s.app().readyReplicas().equals(s.app().replicas()) && s.worker().readyReplicas().equals(s.worker().replicas())
            && s.stableRevision().appImage().equals(s.currentRevision().appImage()) ? s : null));
    out.printf("%nEmbeddingPipeline %s/%s%n", NAMESPACE, PIPELINE);
    out.printf("  phase     %s%n", status.phase());
    int stages = policy.getSpec().stages().size();
    out.printf("  stage     %s%n", status.stage().index() < stages
        ? status.stage().name() + " (" + (status.stage().index() + 1) + " of " + stages + ")" : status.stage().name());
    out.printf("  app       %s ready, %s%n", status.app().summary(), status.currentRevision().appImage());
    out.printf("  worker    %s ready, %s%n", status.worker().summary(), status.currentRevision().workerImage());
    out.printf("  actions%n    %-7s %-21s %-13s %s%n", "AT", "TRIGGER", "TYPE", "DETAIL");
    for (ActionRecord action : status.actions()) {
      out.printf("    %-7s %-21s %-13s %s%n", elapsed(Instant.parse(action.at())), action.trigger(), action.type(),
          action.detail());
    }
    out.printf("  effective flags (rate-limit profile %s)%n", status.effective().rateLimitProfile());
    for (EffectiveFlag flag : status.effective().flags()) {
      out.printf("    %-21s %s%n", flag.name(), flag.enabled() ? "on, " + flag.rolloutPercentage() + "%" : "off");
    }
  }

  // --- reading the cluster

  /**
   * A second pipeline released blue-green: a gated preview, the switch (one Service write), a breach
   * and the instant switch-back to the colour that still runs the previous image.
   */
  private void blueGreen() {
    prometheus.set(PREVIEW_ERRORS, 0.01);
    prometheus.set(APP_ERRORS, 0.01);
    RolloutPolicy policy = client.resource(policyWithUrl("policy-blue-green.yaml", prometheus.url())).create();
    EmbeddingPipeline pipeline = client.resource(load("pipeline-blue-green.yaml", EmbeddingPipeline.class)).create();
    var settings = pipeline.getSpec().app().blueGreenSpec();
    Trigger errors = policy.getSpec().triggers().get(0);
    out.println();
    say("Blue-green: EmbeddingPipeline %s releases its app as two colours; Service %s serves the active one,"
        + " %s the preview.", BLUE_GREEN, ChildNames.of(BLUE_GREEN, Component.APP), ChildNames.appPreview(BLUE_GREEN));
    BlueGreenStatus first = await("blue serving a stable revision", () -> status(BLUE_GREEN, s ->
        s.stableRevision() != null && s.blueGreen() != null && s.app() != null
            && s.app().summary().startsWith("2/2") ? s.blueGreen() : null));
    say("Blue runs %s (App column %s), green waits at 0 replicas.", first.activeImage(),
        status(BLUE_GREEN, s -> s.app().summary()));

    String release = "registry.example/paperless-maverick:1.6.0";
    client.resources(EmbeddingPipeline.class).inNamespace(NAMESPACE).withName(BLUE_GREEN)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"app\":{\"image\":\"" + release + "\"}}}");
    BlueGreenStatus preview = await("the preview", () -> status(BLUE_GREEN, s ->
        s.blueGreen() != null && s.blueGreen().hasPreview() ? s.blueGreen() : null));
    say("Release %s goes to %s at %d replica (the preview); %s still serves %s.", release,
        preview.previewColor(), settings.previewReplicas(), ChildNames.of(BLUE_GREEN, Component.APP),
        preview.activeColor());
    BlueGreenStatus switched = await("the switch", () -> status(BLUE_GREEN, s ->
        s.blueGreen() != null && release.equals(s.blueGreen().activeImage()) ? s.blueGreen() : null));
    say("Gate %s read %s on %s: the preview was scaled to 2 replicas, then one write switched Service %s to %s."
        + " %s keeps its pods for %s.", settings.prePromotionGates().get(0).name(), "0.01 "
        + condition(settings.prePromotionGates().get(0).condition()), switched.activeColor(),
        ChildNames.of(BLUE_GREEN, Component.APP), serviceColor(), switched.previousColor(), settings.scaleDownDelay());

    String previous = switched.previousColor();
    String podsBefore = colorTemplate(previous);
    prometheus.set(APP_ERRORS, 0.4);
    say("Trouble in %s: its error ratio jumps to 40%%.", release);
    EmbeddingPipelineStatus back = await("the switch-back", () -> status(BLUE_GREEN, s ->
        s.blueGreen() != null && previous.equals(s.blueGreen().activeColor()) ? s : null));
    await("the Service selecting " + previous, () -> previous.equals(serviceColor()) ? true : null);
    TriggerStatus breach = back.triggers().get(0);
    Instant windowEnd = Instant.parse(breach.breachingSince()).plus(Duration.ofSeconds(2));
    say("%s held for %s: RevertImages switched Service %s back to %s %dms after the window completed; %s's"
        + " pods kept running, none restarted (pod template %s).", errors.name(), errors.forDuration(),
        ChildNames.of(BLUE_GREEN, Component.APP), previous,
        Duration.between(windowEnd, Instant.parse(back.blueGreen().switchedAt())).toMillis(), previous,
        podsBefore.equals(colorTemplate(previous)) ? "unchanged" : "changed");
  }

  /** The colour the blue-green pipeline's app Service selects. */
  private String serviceColor() {
    Service service = client.services().inNamespace(NAMESPACE).withName(ChildNames.of(BLUE_GREEN, Component.APP)).get();
    return service == null ? null : service.getSpec().getSelector().get(ChildNames.COLOR_LABEL);
  }

  /** The pod template and replicas of one colour: changed only when pods (re)start. */
  private String colorTemplate(String color) {
    Deployment deployment = client.apps().deployments().inNamespace(NAMESPACE)
        .withName(ChildNames.appColor(BLUE_GREEN, color)).get();
    return client.getKubernetesSerialization().asJson(deployment.getSpec().getTemplate()) + deployment.getSpec().getReplicas();
  }

  private <T> T status(Function<EmbeddingPipelineStatus, T> probe) {
    return status(PIPELINE, probe);
  }

  private <T> T status(String name, Function<EmbeddingPipelineStatus, T> probe) {
    EmbeddingPipeline pipeline = client.resources(EmbeddingPipeline.class).inNamespace(NAMESPACE).withName(name)
        .get();
    return pipeline == null || pipeline.getStatus() == null || pipeline.getStatus().stage() == null
        ? null : probe.apply(pipeline.getStatus());
  }

  /** Whether both Deployments run their current spec, the app on {@code appImage}. */
  private boolean rolledOut(String appImage) {
    return appImage.equals(image(Component.APP))
        && Stream.of(Component.values()).map(this::deployment).allMatch(SimulatedKubelet::rolledOut);
  }

  private String replicas(Component component) {
    Deployment deployment = deployment(component);
    return deployment.getStatus().getReadyReplicas() + "/" + deployment.getSpec().getReplicas();
  }

  private Deployment deployment(Component component) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(ChildNames.of(PIPELINE, component)).get();
  }

  private static Optional<TriggerStatus> breaching(EmbeddingPipelineStatus status, String trigger) {
    return Optional.ofNullable(status.triggers()).orElse(List.of()).stream()
        .filter(t -> t.name().equals(trigger) && Boolean.TRUE.equals(t.breaching())).findFirst();
  }

  private static ActionRecord lastAction(EmbeddingPipelineStatus status, String type) {
    List<ActionRecord> actions = Optional.ofNullable(status.actions()).orElse(List.of());
    return actions.stream().filter(a -> a.type().name().equals(type)).reduce((first, second) -> second).orElse(null);
  }

  private String image(Component component) {
    Deployment deployment = deployment(component);
    return deployment == null ? null : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private String flagsKey(String key) {
    ConfigMap flags = client.configMaps().inNamespace(NAMESPACE).withName(ChildNames.flagsConfigMap(PIPELINE)).get();
    return flags == null ? null : flags.getData().get(key);
  }

  private String awaitFlagsKey(String key, String value) {
    return await(ChildNames.flagsConfigMap(PIPELINE) + " saying " + key + "=" + value,
        () -> value.equals(flagsKey(key)) ? value : null);
  }

  /** One line per child of the pipeline: kind, name and what matters about it. */
  private List<String> children() {
    List<String> lines = new ArrayList<>();
    String selector = ChildNames.INSTANCE_LABEL;
    Function<HasMetadata, String> name = o -> o.getMetadata().getName();
    client.apps().deployments().inNamespace(NAMESPACE).withLabel(selector, PIPELINE).list().getItems()
        .forEach(d -> lines.add(row("Deployment", name.apply(d), d.getSpec().getTemplate().getSpec().getContainers()
            .get(0).getImage() + ", " + d.getSpec().getReplicas() + " replicas")));
    client.services().inNamespace(NAMESPACE).withLabel(selector, PIPELINE).list().getItems()
        .forEach(s -> lines.add(row("Service", name.apply(s), ports(s))));
    client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE).withLabel(selector, PIPELINE).list()
        .getItems().forEach(h -> lines.add(row("HorizontalPodAutoscaler", name.apply(h), autoscaling(h))));
    client.policy().v1().podDisruptionBudget().inNamespace(NAMESPACE).withLabel(selector, PIPELINE).list()
        .getItems().forEach(p -> lines.add(row("PodDisruptionBudget", name.apply(p), "maxUnavailable "
            + p.getSpec().getMaxUnavailable().getIntVal())));
    client.configMaps().inNamespace(NAMESPACE).withLabel(selector, PIPELINE).list().getItems()
        .forEach(c -> lines.add(row("ConfigMap", name.apply(c), c.getData().size() + " keys, "
            + ENABLE_KEY + "=" + c.getData().get(ENABLE_KEY) + ", " + PERCENTAGE_KEY + "="
            + c.getData().get(PERCENTAGE_KEY) + ", flags.flagd.json")));
    return lines;
  }

  private static String row(String kind, String name, String detail) {
    return String.format("%-24s %-26s %s", kind, name, detail);
  }

  private static String ports(Service service) {
    return "ports " + service.getSpec().getPorts().stream().map(ServicePort::getName).collect(Collectors.joining(", "));
  }

  private static String autoscaling(HorizontalPodAutoscaler hpa) {
    return hpa.getSpec().getMinReplicas() + ".." + hpa.getSpec().getMaxReplicas() + " replicas on "
        + hpa.getSpec().getMetrics().stream().map(m -> m.getResource() != null ? m.getResource().getName()
            : m.getExternal().getMetric().getName()).collect(Collectors.joining(", "));
  }

  // --- the example and its text

  private RolloutPolicy policyWithUrl(String url) {
    return policyWithUrl("policy.yaml", url);
  }

  private RolloutPolicy policyWithUrl(String file, String url) {
    String yaml = text(file).replace("${PROMETHEUS_URL}", url);
    return client.getKubernetesSerialization().unmarshal(yaml, RolloutPolicy.class);
  }

  private <T> T load(String name, Class<T> type) {
    return client.getKubernetesSerialization().unmarshal(text(name), type);
  }

  private static String text(String name) {
    try (InputStream in = resource(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    return Objects.requireNonNull(Demo.class.getResourceAsStream(name), () -> "the jar lacks the resource " + name);
  }

  private static Trigger trigger(RolloutPolicy policy, String name) {
    return policy.getSpec().triggers().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private static String condition(Trigger trigger) {
    return condition(trigger.condition());
  }

  private static String condition(dev.maverick.api.MetricCondition condition) {
    String operator = switch (condition.operator()) {
      case LessThan -> "<";
      case LessThanOrEqual -> "<=";
      case GreaterThan -> ">";
      case GreaterThanOrEqual -> ">=";
    };
    return operator + " " + BigDecimal.valueOf(condition.threshold()).stripTrailingZeros().toPlainString();
  }

  // --- narration and waiting

  private void say(String format, Object... args) {
    out.printf("[%5.1fs] %s%n", Duration.between(start, clock.instant()).toMillis() / 1000.0,
        String.format(format, args));
  }

  private void more(String format, Object... args) {
    out.println(INDENT + String.format(format, args));
  }

  private String elapsed(Instant at) {
    return String.format("%.1fs", Duration.between(start, at).toMillis() / 1000.0);
  }

  /** Polls until {@code probe} returns something, or gives up after {@link #STEP_LIMIT}. */
  private <T> T await(String what, Supplier<T> probe) {
    Instant deadline = clock.instant().plus(STEP_LIMIT);
    while (true) {
      T result = probe.get();
      if (result != null) {
        return result;
      }
      if (clock.instant().isAfter(deadline)) {
        throw new StepTimedOut("waited " + STEP_LIMIT.toSeconds() + "s for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StepTimedOut("interrupted while waiting for " + what);
      }
    }
  }

  private static final class StepTimedOut extends RuntimeException {
    StepTimedOut(String message) {
      super(message);
    }
  }

  // --- logs

  // held so that the JDK does not collect the configured logger and forget its level
  private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  /**
   * Keeps the narration readable: the mock web server logs every request through java.util.logging,
   * vert.x (under the mock server) warns about slow event loops on busy machines, and the operator's
   * INFO lines repeat the narration (MAVERICK_LOG_LEVEL still wins). Returns what restores the levels.
   */
  private static Runnable quietLogs() {
    java.util.logging.Level mockLevel = MOCK_SERVER_LOG.getLevel();
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    List<Runnable> restore = new ArrayList<>(List.of(() -> MOCK_SERVER_LOG.setLevel(mockLevel)));
    quiet("io.vertx", ch.qos.logback.classic.Level.ERROR, restore);
    if (System.getenv("MAVERICK_LOG_LEVEL") == null) {
      quiet("dev.maverick", ch.qos.logback.classic.Level.WARN, restore);
    }
    return () -> restore.forEach(Runnable::run);
  }

  private static void quiet(String name, ch.qos.logback.classic.Level level, List<Runnable> restore) {
    if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
      ch.qos.logback.classic.Level previous = logger.getLevel();
      logger.setLevel(level);
      restore.add(() -> logger.setLevel(previous));
    }
  }
}
