package dev.maverick.bench;

import static org.awaitility.Awaitility.await;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.pipeline.ChildNames;
import dev.maverick.pipeline.PipelineChildren;
import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.status.Conditions;
import dev.maverick.testing.Fixtures;
import dev.maverick.demo.InProcessKubernetes;
import dev.maverick.demo.SimulatedKubelet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What the operator runs against in the benchmark: fabric8's CRUD mock API server with our CRDs,
 * a fake Prometheus that counts queries, one RolloutPolicy with the four triggers of API.md, and
 * N EmbeddingPipelines (API.md's Paperless spec) sharing it. The benchmark's own client plays the
 * user and the kubelet (it marks every Deployment rolled out as soon as it appears or changes); its
 * requests are told apart from the operator's by their User-Agent.
 */
final class BenchCluster implements AutoCloseable {
  static final String NAMESPACE = "bench";
  static final String POLICY = "shared-rollout";
  /** Paperless children: Deployment, Service, HPA and PDB for app and worker, and the flags ConfigMap. */
  static final int CHILDREN_PER_PIPELINE = 9;
  static final int TRIGGERS = 4;

  /** Values the fake Prometheus answers: healthy, far from every threshold, so no action fires. */
  private static final Map<String, String> VALUES = Map.of(
      "outcome=\"success\"", "0.99", "outcome=\"error\"", "0.01", "embedding_queue_depth", "10",
      "embedding_api_quota_used_ratio", "0.5");

  final KubernetesMockServer server;
  final KubernetesClient client;
  final FakePrometheusServer prometheus = new FakePrometheusServer();
  final ApiRequests requests = new ApiRequests();
  final List<String> pipelineNames;
  private final BodyKeepingDispatcher dispatcher = new BodyKeepingDispatcher();
  private final ScheduledExecutorService drain = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService kubelet = Executors.newFixedThreadPool(2);
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final Set<String> children = ConcurrentHashMap.newKeySet();
  private final Set<String> ready = ConcurrentHashMap.newKeySet();

  private BenchCluster(int pipelines) {
    pipelineNames = IntStream.range(0, pipelines).mapToObj(i -> String.format("emb-%05d", i)).toList();
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init();
    client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(server.createClient().getConfiguration())
        .withUserAgent(ApiRequests.RUNNER_USER_AGENT).build()).build();
    InProcessKubernetes.installCrds(client);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    prometheus.answerEach(this::answer);
    drain.scheduleWithFixedDelay(this::drainRequests, 50, 50, TimeUnit.MILLISECONDS);
  }

  static BenchCluster start(int pipelines) {
    return new BenchCluster(pipelines);
  }

  String apiServerUrl() {
    return server.url("/").replaceAll("/$", "");
  }

  /** The shared policy: API.md's four triggers, each with a batchQuery when {@code batched}. */
  RolloutPolicy createPolicy(Duration interval, boolean batched) {
    String ns = "namespace=\"{{namespace}}\"";
    String one = ns + ",pipeline=\"{{pipeline}}\"";
    List<String[]> triggers = List.of(
        new String[] {"embeddingSuccessRate",
            "sum(rate(embedding_requests_total{" + one + ",outcome=\"success\"}[5m])) / sum(rate(embedding_requests_total{" + one + "}[5m]))",
            "sum by (pipeline) (rate(embedding_requests_total{" + ns + ",outcome=\"success\"}[5m])) / sum by (pipeline) (rate(embedding_requests_total{" + ns + "}[5m]))",
            "LessThan", "0.85", "10m", "{type: DisableFlag, flag: embeddingMonitoring}"},
        new String[] {"systemErrorRate",
            "sum(rate(embedding_requests_total{" + one + ",outcome=\"error\"}[5m])) / sum(rate(embedding_requests_total{" + one + "}[5m]))",
            "sum by (pipeline) (rate(embedding_requests_total{" + ns + ",outcome=\"error\"}[5m])) / sum by (pipeline) (rate(embedding_requests_total{" + ns + "}[5m]))",
            "GreaterThan", "0.1", "5m", "{type: FullRollback}"},
        new String[] {"queueBacklog", "max(embedding_queue_depth{" + one + "})",
            "max by (pipeline) (embedding_queue_depth{" + ns + "})",
            "GreaterThan", "500", "15m", "{type: DisableFlag, flag: queueBasedProcessing}"},
        new String[] {"apiQuotaExhaustion", "max(embedding_api_quota_used_ratio{" + one + "})",
            "max by (pipeline) (embedding_api_quota_used_ratio{" + ns + "})",
            "GreaterThan", "0.95", "2m", "{type: SetRateLimitProfile, profile: conservative}"});
    StringBuilder yaml = new StringBuilder("""
        apiVersion: maverick.dev/v1alpha1
        kind: RolloutPolicy
        metadata: {name: %s, namespace: %s}
        spec:
          prometheus: {url: "%s", timeout: 5s}
          interval: %ds
          stableAfter: 24h
          triggers:
        """.formatted(POLICY, NAMESPACE, prometheus.url(), interval.toSeconds()));
    for (String[] t : triggers) {
      yaml.append("  - name: ").append(t[0]).append('\n')
          .append("    query: '").append(t[1]).append("'\n");
      if (batched) {
        yaml.append("    batchQuery: '").append(t[2]).append("'\n");
      }
      yaml.append("    condition: {operator: ").append(t[3]).append(", threshold: ").append(t[4]).append("}\n")
          .append("    for: ").append(t[5]).append('\n')
          .append("    actions: [").append(t[6]).append("]\n");
    }
    return client.resource(Serialization.unmarshal(yaml.toString(), RolloutPolicy.class)).create();
  }

  /** Answers a trigger query: one series (per-pipeline query) or one series per pipeline (batch query). */
  private String answer(String query) {
    String value = VALUES.entrySet().stream().filter(e -> query.contains(e.getKey())).map(Map.Entry::getValue)
        .findFirst().orElse("1");
    String sample = "[" + System.currentTimeMillis() / 1000.0 + ",\"" + value + "\"]";
    if (!query.contains("by (pipeline)")) {
      return "{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":" + sample + "}]}";
    }
    return pipelineNames.stream()
        .map(name -> "{\"metric\":{\"pipeline\":\"" + name + "\"},\"value\":" + sample + "}")
        .collect(Collectors.joining(",", "{\"resultType\":\"vector\",\"result\":[", "]}"));
  }

  /** Watches children and pipelines (counting what exists and what is Ready) and plays the kubelet. */
  void watch() {
    for (var kind : PipelineChildren.KINDS) {
      informers.add(informer(kind.type(), new ResourceEventHandler<HasMetadata>() {
        @Override
        public void onAdd(HasMetadata child) {
          children.add(kind.type().getSimpleName() + "/" + child.getMetadata().getName());
          if (child instanceof Deployment deployment) {
            rollOut(deployment);
          }
        }

        @Override
        public void onUpdate(HasMetadata old, HasMetadata child) {
          if (child instanceof Deployment deployment) {
            rollOut(deployment);
          }
        }

        @Override
        public void onDelete(HasMetadata child, boolean unknownFinalState) {}
      }));
    }
    informers.add(informer(EmbeddingPipeline.class, new ResourceEventHandler<HasMetadata>() {
      @Override
      public void onAdd(HasMetadata pipeline) {
        onUpdate(null, pipeline);
      }

      @Override
      public void onUpdate(HasMetadata old, HasMetadata pipeline) {
        if (isReady((EmbeddingPipeline) pipeline)) {
          ready.add(pipeline.getMetadata().getName());
        }
      }

      @Override
      public void onDelete(HasMetadata pipeline, boolean unknownFinalState) {}
    }));
  }

  @SuppressWarnings("unchecked")
  private <R extends HasMetadata> SharedIndexInformer<R> informer(Class<R> type, ResourceEventHandler<HasMetadata> handler) {
    var resources = client.resources(type).inNamespace(NAMESPACE);
    var selected = type == EmbeddingPipeline.class ? resources : resources.withLabel(ChildNames.MANAGED_BY_LABEL,
        ChildNames.MANAGED_BY);
    return selected.inform((ResourceEventHandler<R>) (ResourceEventHandler<?>) handler);
  }

  private void rollOut(Deployment deployment) {
    if (!SimulatedKubelet.rolledOut(deployment)) {
      kubelet.submit(() -> {
        try { // one request: the informer's copy carries the resourceVersion
          client.resource(SimulatedKubelet.markRolledOut(Serialization.clone(deployment))).updateStatus();
        } catch (KubernetesClientException e) {
          if (e.getCode() != 409) {
            throw e;
          } // a newer version exists: its update event rolls it out
        }
      });
    }
  }

  private static boolean isReady(EmbeddingPipeline pipeline) {
    return pipeline.getStatus() != null && pipeline.getStatus().conditions() != null
        && pipeline.getStatus().conditions().stream()
            .anyMatch(c -> Conditions.READY.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Creates every pipeline (as a user or GitOps tool would, one request each). */
  void createPipelines() {
    String template = Fixtures.PAPERLESS_PIPELINE
        .replace("metadata: {name: paperless-maverick, namespace: paperless-maverick}",
            "metadata: {name: NAME, namespace: " + NAMESPACE + "}")
        + "  rolloutPolicyRef: {name: " + POLICY + "}\n";
    for (String name : pipelineNames) {
      client.resource(Serialization.unmarshal(template.replace("NAME", name), EmbeddingPipeline.class)).create();
    }
  }

  void awaitAllChildren(Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(100))
        .until(() -> children.size() >= pipelineNames.size() * CHILDREN_PER_PIPELINE);
  }

  void awaitAllReady(Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> ready.size() == pipelineNames.size());
  }

  int children() {
    return children.size();
  }

  int queries() {
    return prometheus.requests().size();
  }

  /** Every query received so far, in order. */
  List<String> queryTexts() {
    return prometheus.requests().stream().map(FakePrometheusServer.Request::query).toList();
  }

  private void drainRequests() {
    try {
      RecordedRequest request;
      while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
        requests.record(request, dispatcher.bodyOf(request));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until every request the server recorded so far has been counted. */
  void flushRequests() {
    try {
      drain.submit(this::drainRequests).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The CRUD dispatcher consumes the body of the requests it handles, perhaps before they are
   * drained; this one keeps a copy of each write's body for {@link ApiRequests}.
   */
  private static final class BodyKeepingDispatcher extends KubernetesCrudDispatcher {
    private final Map<RecordedRequest, byte[]> bodies = new ConcurrentHashMap<>();

    BodyKeepingDispatcher() {
      super(List.of());
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
      bodies.put(request, request.getBody().getBytes());
      return super.handleUpdate(request);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
      bodies.put(request, request.getBody().getBytes());
      return super.handlePatch(request);
    }

    String bodyOf(RecordedRequest request) {
      byte[] body = bodies.remove(request);
      if (body == null) {
        body = request.getBody().getBytes();
        if (body.length == 0) { // consumed between the two reads
          body = bodies.getOrDefault(request, body);
          bodies.remove(request);
        }
      }
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    kubelet.shutdownNow();
    drain.shutdownNow();
    prometheus.close();
    client.close();
    server.destroy();
  }
}
