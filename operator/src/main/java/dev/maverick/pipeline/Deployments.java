package dev.maverick.pipeline;

import dev.maverick.api.AppPorts;
import dev.maverick.api.BlueGreenStatus;
import dev.maverick.api.ComponentSpec;
import dev.maverick.api.Groups;
import dev.maverick.api.WorkerSpec;
import io.fabric8.kubernetes.api.model.ConfigMapEnvSourceBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The app and worker Deployments. */
public final class Deployments implements ChildKind<Deployment> {
  /**
   * Carried by the worker Deployment while a ScaleWorkers override holds, so that the end of the
   * override can be told from the live object (also by an operator that restarted meanwhile).
   */
  public static final String ANNOTATION_REPLICAS_OVERRIDE = Groups.GROUP + "/replicas-override";
  private static final String FLAGS_VOLUME = "flags";

  @Override
  public Class<Deployment> type() {
    return Deployment.class;
  }

  /** apps/v1 bumps the generation on spec changes only; the rollout's progress is written to status. */
  @Override
  public boolean generationTracksSpec() {
    return true;
  }

  @Override
  public List<Deployment> desired(PipelineModel model) {
    List<Deployment> deployments = new ArrayList<>();
    boolean blueGreen = model.spec().app().isBlueGreen();
    Optional<BlueGreenStatus> colors = model.colors();
    if (!blueGreen || colors.orElseThrow().keepsRollingUpdateDeployment()) {
      deployments.add(deployment(model, Component.APP));
    }
    // after a change back to RollingUpdate, the active colour serves until <name>-app is ready
    colors.ifPresent(state -> Stream.of(BlueGreenStatus.BLUE, BlueGreenStatus.GREEN)
        .filter(color -> blueGreen || color.equals(state.activeColor()))
        .forEach(color -> deployments.add(colorDeployment(model, state, color))));
    deployments.add(deployment(model, Component.WORKER));
    return deployments;
  }

  /**
   * One colour of a blue-green app: the active colour runs the active image (its autoscaler owns the
   * count), the preview its image at the preview's count, the previous colour what it ran, with the
   * flags hash its pods started with so that none restarts, and an idle colour waits at 0.
   */
  private static Deployment colorDeployment(PipelineModel model, BlueGreenStatus state, String color) {
    String image = state.activeImage();
    int replicas = 0;
    String flagsHash = model.flagsHash();
    if (color.equals(state.activeColor())) {
      replicas = model.replicas(Component.APP);
    } else if (color.equals(state.previewColor())) {
      image = state.previewRevision();
      replicas = state.previewScale();
    } else if (color.equals(state.previousColor())) {
      image = state.previousImage();
      replicas = state.previousReplicas();
      flagsHash = Optional.ofNullable(state.previousFlagsHash()).orElse(flagsHash);
    }
    return deployment(model, Component.APP, ChildNames.appColor(model.name(), color), image, replicas, flagsHash,
        color);
  }

  /**
   * An autoscaled Deployment keeps the replica count its autoscaler set, except a 0 left by an ended
   * ScaleWorkers override ({@link #zeroLeftByEndedOverride}); pod-template annotations others add stay.
   */
  @Override
  public void preserve(PipelineModel model, Deployment live, Deployment replacement) {
    Component component = componentOf(live);
    boolean scaledByAutoscaler = component != Component.APP || model.servingApp().equals(live.getMetadata().getName());
    if (component != null && model.autoscaled(component) && scaledByAutoscaler && live.getSpec().getReplicas() != null
        && !zeroLeftByEndedOverride(model, live)) {
      replacement.getSpec().setReplicas(live.getSpec().getReplicas());
    }
    Map<String, String> liveAnnotations = live.getSpec().getTemplate().getMetadata() == null ? null
        : live.getSpec().getTemplate().getMetadata().getAnnotations();
    if (liveAnnotations != null) {
      Map<String, String> merged = ChildApplier.mergeOwnedKeys(liveAnnotations,
          replacement.getSpec().getTemplate().getMetadata().getAnnotations());
      replacement.getSpec().getTemplate().getMetadata().setAnnotations(merged.isEmpty() ? null : merged);
    }
  }

  /**
   * The one rule for the end of a ScaleWorkers override, whatever autoscales the workers afterwards
   * (HPA or KEDA): a count of 0 the override left is raised to {@code replicas.min}, because an
   * autoscaler never scales up from 0. It applies once: the update that raises the count also drops
   * the marker, and from then on the autoscaler owns the count, 0 included.
   */
  static boolean zeroLeftByEndedOverride(PipelineModel model, Deployment live) {
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    return model.effective().workerReplicasOverride().isEmpty()
        && annotations != null && annotations.containsKey(ANNOTATION_REPLICAS_OVERRIDE)
        && Integer.valueOf(0).equals(live.getSpec().getReplicas());
  }

  private static Component componentOf(Deployment deployment) {
    String label = deployment.getMetadata().getLabels() == null ? null
        : deployment.getMetadata().getLabels().get(ChildNames.COMPONENT_LABEL);
    for (Component c : Component.values()) {
      if (c.label().equals(label)) {
        return c;
      }
    }
    return null;
  }

  static Deployment deployment(PipelineModel model, Component component) {
    return deployment(model, component, ChildNames.of(model.name(), component), model.image(component),
        model.replicas(component), model.flagsHash(), null);
  }

  /** @param color the blue-green colour, added to labels and selector; null for none */
  private static Deployment deployment(PipelineModel model, Component component, String name, String image,
      int replicas, String flagsHash, String color) {
    ComponentSpec spec = component.spec(model.spec());
    String flagsConfigMap = ChildNames.flagsConfigMap(model.name());
    Map<String, String> podAnnotations = model.spec().flagDelivery().restartOnChange()
        ? new TreeMap<>(Map.of(Groups.ANNOTATION_FLAGS_HASH, flagsHash))
        : null;
    Map<String, String> labels = new TreeMap<>(ChildNames.labels(model.name(), component));
    Map<String, String> selector = model.selector(component);
    if (color != null) {
      labels.put(ChildNames.COLOR_LABEL, color);
      selector.put(ChildNames.COLOR_LABEL, color);
    }
    String probePort = component == Component.APP ? "http" : "health";

    List<EnvFromSource> envFrom = new ArrayList<>(spec.envFrom());
    envFrom.add(new EnvFromSourceBuilder()
        .withConfigMapRef(new ConfigMapEnvSourceBuilder().withName(flagsConfigMap).build())
        .build());

    var container = new ContainerBuilder()
        .withName(component.label())
        .withImage(image)
        .withPorts(ports(spec))
        .withEnv(spec.env())
        .withEnvFrom(envFrom)
        .withResources(resources(component, spec.resources()))
        .withLivenessProbe(httpProbe(spec.probes().livenessPath(), probePort))
        .withReadinessProbe(httpProbe(spec.probes().readinessPath(), probePort))
        .withSecurityContext(SecurityContexts.container(spec))
        .addNewVolumeMount()
          .withName(FLAGS_VOLUME)
          .withMountPath(ChildNames.FLAGS_MOUNT_PATH)
          .withReadOnly(true)
        .endVolumeMount()
        .build();

    var metadata = model.metadata(name, component);
    metadata.getLabels().putAll(labels);
    if (component == Component.WORKER) {
      model.effective().workerReplicasOverride().ifPresent(forced ->
          metadata.setAnnotations(new TreeMap<>(Map.of(ANNOTATION_REPLICAS_OVERRIDE, forced.toString()))));
    }
    return new DeploymentBuilder()
        .withMetadata(metadata)
        .withNewSpec()
          .withReplicas(replicas)
          .withNewSelector().withMatchLabels(selector).endSelector()
          .withNewTemplate()
            .withNewMetadata()
              .withLabels(labels)
              .withAnnotations(podAnnotations)
            .endMetadata()
            .withNewSpec()
              .withSecurityContext(SecurityContexts.pod(spec))
              .withContainers(container)
              .addNewVolume()
                .withName(FLAGS_VOLUME)
                .withNewConfigMap().withName(flagsConfigMap).endConfigMap()
              .endVolume()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  private static List<ContainerPort> ports(ComponentSpec spec) {
    if (spec instanceof WorkerSpec worker) {
      return List.of(port("health", worker.ports().health()), port("metrics", worker.ports().metrics()));
    }
    AppPorts ports = ((dev.maverick.api.AppSpec) spec).ports();
    return List.of(port("http", ports.http()), port("metrics", ports.metrics()));
  }

  private static ContainerPort port(String name, int number) {
    return new ContainerPortBuilder().withName(name).withContainerPort(number).withProtocol("TCP").build();
  }

  private static Probe httpProbe(String path, String port) {
    return new ProbeBuilder()
        .withNewHttpGet().withPath(path).withPort(new IntOrString(port)).endHttpGet()
        .withPeriodSeconds(10)
        .build();
  }

  /** API.md's defaults fill whatever part of requests and limits the spec leaves out. */
  static ResourceRequirements resources(Component component, ResourceRequirements given) {
    Map<String, Quantity> requests = component == Component.APP
        ? quantities("250m", "512Mi") : quantities("250m", "256Mi");
    Map<String, Quantity> limits = component == Component.APP
        ? quantities("500m", "1Gi") : quantities("500m", "512Mi");
    if (given != null && given.getRequests() != null) {
      requests.putAll(given.getRequests());
    }
    if (given != null && given.getLimits() != null) {
      limits.putAll(given.getLimits());
    }
    return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
  }

  private static Map<String, Quantity> quantities(String cpu, String memory) {
    Map<String, Quantity> map = new TreeMap<>();
    map.put("cpu", new Quantity(cpu));
    map.put("memory", new Quantity(memory));
    return map;
  }
}
