package dev.maverick.demo;

import dev.maverick.runtime.KubernetesClients;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * A Kubernetes API inside this JVM: fabric8's mock server in CRUD mode on 127.0.0.1, with our CRDs
 * (the ones in {@code crds/}, shipped in the jar) installed. It has no controllers: no defaulting,
 * no garbage collection, no Deployment status ({@link SimulatedKubelet} plays that part). Used by
 * the demo and by the tests.
 */
public final class InProcessKubernetes implements AutoCloseable {
  static final List<String> CRDS = List.of("/crds/embeddingpipelines.maverick.dev.yaml",
      "/crds/rolloutpolicies.maverick.dev.yaml");

  private final KubernetesMockServer server;

  private InProcessKubernetes(KubernetesMockServer server) {
    this.server = server;
  }

  /** Starts the server with our CRDs and the given namespaces. */
  public static InProcessKubernetes start(String... namespaces) {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
        new KubernetesMixedDispatcher(expectations), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    answerRulesReviews(server);
    return prepare(server, namespaces);
  }

  /**
   * Starts the server answering through {@code dispatcher} (e.g. one injecting faults), which must
   * itself answer SelfSubjectRulesReviews if leader election is used.
   */
  public static InProcessKubernetes start(KubernetesCrudDispatcher dispatcher, String... namespaces) {
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    return prepare(server, namespaces);
  }

  private static InProcessKubernetes prepare(KubernetesMockServer server, String... namespaces) {
    InProcessKubernetes kubernetes = new InProcessKubernetes(server);
    try (KubernetesClient client = kubernetes.newClient()) {
      installCrds(client);
      for (String namespace : namespaces) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
            .build()).create();
      }
    }
    return kubernetes;
  }

  /** Installs our CRDs (the jar's copy of {@code crds/}) through {@code client}. */
  public static void installCrds(KubernetesClient client) {
    for (String crd : CRDS) {
      try (InputStream in = InProcessKubernetes.class.getResourceAsStream(crd)) {
        if (in == null) {
          throw new IllegalStateException(crd + " is missing from the classpath");
        }
        client.apiextensions().v1().customResourceDefinitions().load(in).create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * A real API server answers every user's SelfSubjectRulesReview (JOSDK's leader election asks
   * whether it may use Leases); the CRUD mock cannot, so it answers as the chart's RBAC would.
   */
  private static void answerRulesReviews(KubernetesMockServer server) {
    var review = new SelfSubjectRulesReviewBuilder()
        .withNewSpec().withNamespace("maverick-system").endSpec()
        .withNewStatus()
          .withIncomplete(false)
          .addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases")
            .withVerbs("get", "create", "update", "patch").endResourceRule()
        .endStatus()
        .build();
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, review).always();
  }

  /** A client of this server (the operator's own, so tests exercise what ships). */
  public KubernetesClient newClient() {
    return server.createClient(KubernetesClients::configure);
  }

  /** A client whose requests carry {@code userAgent}, to tell one client's requests from another's. */
  public KubernetesClient newClient(String userAgent) {
    return server.createClient(builder -> KubernetesClients.configure(builder)
        .editOrNewConfig().withUserAgent(userAgent).endConfig());
  }

  public KubernetesMockServer server() {
    return server;
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.destroy();
  }
}
