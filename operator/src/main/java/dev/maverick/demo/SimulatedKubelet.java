package dev.maverick.demo;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the Deployment controller and the kubelet, which the in-process API server lacks: a few
 * times a second, every Deployment in the namespace whose current spec is not yet rolled out gets a
 * status saying all its replicas are updated, ready and available.
 */
public final class SimulatedKubelet implements AutoCloseable {
  private static final long TICK_MILLIS = 200;

  private final KubernetesClient client;
  private final String namespace;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "simulated-kubelet");
    thread.setDaemon(true);
    return thread;
  });

  private SimulatedKubelet(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public static SimulatedKubelet start(KubernetesClient client, String namespace) {
    SimulatedKubelet kubelet = new SimulatedKubelet(client, namespace);
    kubelet.executor.scheduleWithFixedDelay(kubelet::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return kubelet;
  }

  private void tick() {
    try {
      client.apps().deployments().inNamespace(namespace).list().getItems().stream()
          .filter(d -> !rolledOut(d))
          .forEach(this::rollOut);
    } catch (KubernetesClientException e) {
      // a conflicting write or a server that is shutting down: the next tick tries again
    }
  }

  /** Whether the Deployment's current spec is rolled out: observed, and every replica ready. */
  public static boolean rolledOut(Deployment deployment) {
    var status = deployment.getStatus();
    return status != null
        && Objects.equals(status.getObservedGeneration(), generation(deployment))
        && Objects.equals(status.getReadyReplicas(), desired(deployment));
  }

  private static long generation(Deployment deployment) {
    return Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(1L);
  }

  private static int desired(Deployment deployment) {
    return Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
  }

  private void rollOut(Deployment deployment) {
    rollOut(client, namespace, deployment.getMetadata().getName());
  }

  /** Marks every replica of the Deployment's current spec updated, ready and available. */
  public static Deployment rollOut(KubernetesClient client, String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).editStatus(SimulatedKubelet::markRolledOut);
  }

  /** Sets the status a finished rollout of the Deployment's current spec has; returns it. */
  public static Deployment markRolledOut(Deployment deployment) {
    int replicas = desired(deployment);
    deployment.setStatus(new DeploymentStatusBuilder()
        .withObservedGeneration(generation(deployment))
        .withReplicas(replicas)
        .withUpdatedReplicas(replicas)
        .withReadyReplicas(replicas)
        .withAvailableReplicas(replicas)
        .build());
    return deployment;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
