package dev.maverick.testing;

import static org.awaitility.Awaitility.await;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.runtime.MaverickOperator;
import dev.maverick.runtime.OperatorSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fresh Kubernetes API (fabric8's mock server in CRUD mode, with our CRDs installed) and the
 * real operator running against it. One per test method. The mock has no controllers, so tests
 * play the kubelet with {@link #rollOut}.
 */
public final class OperatorHarness implements AutoCloseable {
  public static final String NAMESPACE = "paperless-maverick";

  public final KubernetesMockServer server;
  public final KubernetesClient client;
  public final MutableClock clock;
  public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private MaverickOperator operator;

  private OperatorHarness(MutableClock clock) {
    this.clock = clock;
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(List.of()), false);
    server.init();
    client = server.createClient();
    installCrds(client);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
  }

  static {
    // generous because CI machines are small and shared; awaits end as soon as the condition holds
    org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(90));
  }

  public static OperatorHarness start() {
    OperatorHarness harness = new OperatorHarness(MutableClock.at("2026-11-23T10:00:00Z"));
    harness.startOperator();
    return harness;
  }

  public void startOperator() {
    operator = MaverickOperator.start(client, OperatorSettings.embedded(), clock, meters);
  }

  public void stopOperator() {
    operator.close();
    operator = null;
  }

  /** Installs the CRDs the build generated (target/classes/META-INF/fabric8). */
  public static void installCrds(KubernetesClient client) {
    Path dir = Path.of("target", "classes", "META-INF", "fabric8");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          client.apiextensions().v1().customResourceDefinitions().load(in).create();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the generated CRDs in " + dir, e);
    }
  }

  public <T extends HasMetadata> T create(T resource) {
    return client.resource(resource).inNamespace(NAMESPACE).create();
  }

  public EmbeddingPipeline pipeline(String name) {
    return client.resources(EmbeddingPipeline.class).inNamespace(NAMESPACE).withName(name).get();
  }

  public RolloutPolicy policy(String name) {
    return client.resources(RolloutPolicy.class).inNamespace(NAMESPACE).withName(name).get();
  }

  /** Edits a resource as a person would, retrying when the operator wrote it in between (409). */
  public <T extends HasMetadata> T edit(Class<T> type, String name, java.util.function.UnaryOperator<T> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.resources(type).inNamespace(NAMESPACE).withName(name).edit(change);
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  public <T extends HasMetadata> T get(Class<T> type, String name) {
    return client.resources(type).inNamespace(NAMESPACE).withName(name).get();
  }

  public <T extends HasMetadata> T awaitChild(Class<T> type, String name) {
    return await().until(() -> get(type, name), Objects::nonNull);
  }

  /** Plays the kubelet and Deployment controller: every replica of the current spec is up and ready. */
  public Deployment rollOut(String deploymentName) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(deploymentName)
        .editStatus(OperatorHarness::markRolledOut);
  }

  /** Sets the status a finished rollout of {@code deployment}'s current spec has; returns it. */
  public static Deployment markRolledOut(Deployment deployment) {
    int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    deployment.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
        .withObservedGeneration(generation(deployment))
        .withReplicas(replicas)
        .withUpdatedReplicas(replicas)
        .withReadyReplicas(replicas)
        .withAvailableReplicas(replicas)
        .build());
    return deployment;
  }

  /** Whether {@code deployment}'s status reports a finished rollout of its current spec. */
  public static boolean isRolledOut(Deployment deployment) {
    return deployment.getStatus() != null
        && Long.valueOf(generation(deployment)).equals(deployment.getStatus().getObservedGeneration());
  }

  private static long generation(Deployment deployment) {
    return deployment.getMetadata().getGeneration() == null ? 1 : deployment.getMetadata().getGeneration();
  }

  /** Forgets the requests recorded so far, so that {@link #takeRequests} sees only what follows. */
  public void clearRequests() {
    takeRequests();
  }

  /** Drains the requests the mock server recorded since the last call. */
  public List<RecordedRequest> takeRequests() {
    List<RecordedRequest> requests = new ArrayList<>();
    try {
      RecordedRequest request;
      while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
        requests.add(request);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return requests;
  }

  public static boolean isWrite(RecordedRequest request) {
    return List.of("POST", "PUT", "PATCH", "DELETE").contains(request.getMethod());
  }

  @Override
  public void close() {
    if (operator != null) {
      operator.close();
    }
    client.close();
    server.destroy();
  }
}
