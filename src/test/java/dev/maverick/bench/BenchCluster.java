package dev.maverick.bench;

import static org.awaitility.Awaitility.await;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.Groups;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.pipeline.ChildNames;
import dev.maverick.pipeline.PipelineChildren;
import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.status.Conditions;
import dev.maverick.testing.Fixtures;
import dev.maverick.demo.InProcessKubernetes;
import dev.maverick.demo.SimulatedKubelet;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
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
  /** The trigger the reaction measurement breaches: API.md's apiQuotaExhaustion (for: 2m). */
  static final String BREACH_TRIGGER = "apiQuotaExhaustion";
  static final Duration BREACH_FOR = Duration.ofMinutes(2);
  private static final String BREACH_METRIC = "embedding_api_quota_used_ratio";
  private static final String BREACH_VALUE = "0.99";

  /** How the pipelines exist before the operator starts: not at all, created through the API, or seeded. */
  enum Preload {
    NONE, API, SEED;

    /** {@code bench.preload}: false (default), true or api, seed. */
    static Preload of(String property) {
      return switch (property == null ? "false" : property.toLowerCase(java.util.Locale.ROOT)) {
        case "false", "" -> NONE;
        case "true", "api" -> API;
        case "seed" -> SEED;
        default -> throw new IllegalArgumentException("bench.preload: false, true (api) or seed, not " + property);
      };
    }
  }

  /** A write the mock server has just stored: method (POST, PUT, PATCH), path, body, when. */
  interface WriteListener {
    void stored(String method, String path, String body, java.time.Instant at);
  }

  /** Values the fake Prometheus answers: healthy, far from every threshold, so no action fires. */
  private static final Map<String, String> VALUES = Map.of(
      "outcome=\"success\"", "0.99", "outcome=\"error\"", "0.01", "embedding_queue_depth", "10",
      "embedding_api_quota_used_ratio", "0.5");

  final KubernetesMockServer server;
  final KubernetesClient client;
  final FakePrometheusServer prometheus = new FakePrometheusServer();
  final ApiRequests requests = new ApiRequests();
  final List<String> pipelineNames;
  /** Pipelines for which the fake Prometheus answers a breaching {@link #BREACH_TRIGGER} value. */
  final Set<String> breaching = ConcurrentHashMap.newKeySet();
  /** Told of every write (create, update, patch) the mock server stores, as it stores it. */
  volatile WriteListener writeListener = (method, path, body, at) -> {};
  private final BodyKeepingDispatcher dispatcher;
  private final ScheduledExecutorService drain = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService kubelet = Executors.newFixedThreadPool(2);
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final Set<String> children = ConcurrentHashMap.newKeySet();
  private final Set<String> ready = ConcurrentHashMap.newKeySet();

  /** The shards the pipelines and policies are spread over (label maverick.dev/shard); none: unlabelled. */
  final List<String> shards;

  private BenchCluster(int pipelines, boolean indexedStore, List<String> shards) {
    this.shards = List.copyOf(shards);
    dispatcher = new BodyKeepingDispatcher(indexedStore);
    pipelineNames = IntStream.range(0, pipelines).mapToObj(i -> String.format("emb-%05d", i)).toList();
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init();
    client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(server.createClient().getConfiguration())
        .withUserAgent(ApiRequests.RUNNER_USER_AGENT).build()).build();
    InProcessKubernetes.installCrds(client);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    prometheus.answerEach(this::answer);
    dispatcher.listener = (method, path, body, at) -> writeListener.stored(method, path, body, at);
    drain.scheduleWithFixedDelay(this::drainRequests, 50, 50, TimeUnit.MILLISECONDS);
  }

  static BenchCluster start(int pipelines) {
    return start(pipelines, false);
  }

  /**
   * {@code indexedStore}: the mock server finds the object a create, update or patch names through
   * an index instead of scanning every stored object (see {@link BodyKeepingDispatcher}); same
   * answers, a cost per write that does not grow with the store (for N in the thousands).
   */
  static BenchCluster start(int pipelines, boolean indexedStore) {
    return start(pipelines, indexedStore, List.of());
  }

  /**
   * As above, with pipeline {@code i} and a policy of its own per shard labelled
   * {@code maverick.dev/shard: shards[i % shards.size()]}.
   */
  static BenchCluster start(int pipelines, boolean indexedStore, List<String> shards) {
    return new BenchCluster(pipelines, indexedStore, shards);
  }

  /** The CPU time so far of the threads that served this mock server's requests, and how many (see {@link ApiServerBusy}). */
  ApiServerBusy.Reading apiServer() {
    return new ApiServerBusy.Reading(dispatcher.serving.cpu(), dispatcher.serving.requests());
  }

  /** The shard of a pipeline; null without shards. */
  String shardOf(String pipeline) {
    return shards.isEmpty() ? null : shards.get(Integer.parseInt(pipeline.substring(pipeline.lastIndexOf('-') + 1))
        % shards.size());
  }

  /** The pipelines of a shard, in creation order. */
  List<String> pipelinesOf(String shard) {
    return pipelineNames.stream().filter(name -> shard.equals(shardOf(name))).toList();
  }

  /** How many pipelines of a shard are Ready. */
  long readyIn(String shard) {
    return ready.stream().filter(name -> shard.equals(shardOf(name))).count();
  }

  String apiServerUrl() {
    return server.url("/").replaceAll("/$", "");
  }

  /**
   * The shared policy: API.md's four triggers, each with a batchQuery when {@code batched}. With
   * shards, one such policy per shard, labelled with it; the first is returned.
   */
  RolloutPolicy createPolicy(Duration interval, boolean batched) {
    if (shards.isEmpty()) {
      return createPolicy(POLICY, null, interval, batched);
    }
    return shards.stream().map(shard -> createPolicy(policyOf(shard), shard, interval, batched)).toList().get(0);
  }

  private static String policyOf(String shard) {
    return shard == null ? POLICY : POLICY + "-" + shard;
  }

  private RolloutPolicy createPolicy(String name, String shard, Duration interval, boolean batched) {
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
            "GreaterThan", "0.95", BREACH_FOR.toMinutes() + "m", "{type: SetRateLimitProfile, profile: conservative}"});
    StringBuilder yaml = new StringBuilder("""
        apiVersion: maverick.dev/v1alpha1
        kind: RolloutPolicy
        metadata: {name: %s, namespace: %s%s}
        spec:
          prometheus: {url: "%s", timeout: 5s}
          interval: %ds
          stableAfter: 24h
          triggers:
        """.formatted(name, NAMESPACE, shardLabel(shard), prometheus.url(), interval.toSeconds()));
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

  /**
   * Answers a trigger query: one series (per-pipeline query) or one series per pipeline (batch
   * query). Healthy values, except {@link #BREACH_TRIGGER}'s metric for the pipelines in {@link #breaching}.
   */
  private String answer(String query) {
    String value = VALUES.entrySet().stream().filter(e -> query.contains(e.getKey())).map(Map.Entry::getValue)
        .findFirst().orElse("1");
    String now = Double.toString(System.currentTimeMillis() / 1000.0);
    boolean breachable = query.contains(BREACH_METRIC);
    if (!query.contains("by (pipeline)")) {
      String own = breachable ? breaching.stream().filter(name -> query.contains("pipeline=\"" + name + "\""))
          .findFirst().map(name -> BREACH_VALUE).orElse(value) : value;
      return "{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[" + now + ",\"" + own + "\"]}]}";
    }
    return pipelineNames.stream()
        .map(name -> "{\"metric\":{\"pipeline\":\"" + name + "\"},\"value\":[" + now + ",\""
            + (breachable && breaching.contains(name) ? BREACH_VALUE : value) + "\"]}")
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

  /** Creates every pipeline (as a user or GitOps tool would, one request each, in sequence). */
  void createPipelines() {
    createPipelines(created -> {});
  }

  /** Creates every pipeline, one request each, in sequence, handing each to {@code created} as the server returned it. */
  void createPipelines(java.util.function.Consumer<EmbeddingPipeline> created) {
    for (String name : pipelineNames) {
      created.accept(client.resource(pipelineOf(name)).create());
    }
  }

  /**
   * Puts every pipeline straight into the mock server's store, as its creates would have (see
   * {@link BodyKeepingDispatcher#seed}): for large N, where N creates through the API would take
   * long (each create scans every stored object). Before {@link #watch()} and the operator only.
   */
  void seedPipelines() {
    if (!informers.isEmpty()) {
      throw new IllegalStateException("seed the store before anything watches it");
    }
    String path = "/apis/" + HasMetadata.getApiVersion(EmbeddingPipeline.class) + "/namespaces/" + NAMESPACE + "/"
        + HasMetadata.getPlural(EmbeddingPipeline.class);
    pipelineNames.forEach(name -> dispatcher.seed(path, pipelineOf(name)));
  }

  private static final String PIPELINE_TEMPLATE = Fixtures.PAPERLESS_PIPELINE
      .replace("metadata: {name: paperless-maverick, namespace: paperless-maverick}",
          "metadata: {name: NAME, namespace: " + NAMESPACE + "}")
      + "  rolloutPolicyRef: {name: " + POLICY + "}\n";

  static EmbeddingPipeline pipeline(String name) {
    return Serialization.unmarshal(PIPELINE_TEMPLATE.replace("NAME", name), EmbeddingPipeline.class);
  }

  /** The pipeline, in its shard and referring to its shard's policy when there are shards. */
  private EmbeddingPipeline pipelineOf(String name) {
    String shard = shardOf(name);
    return shard == null ? pipeline(name) : Serialization.unmarshal(PIPELINE_TEMPLATE.replace("NAME", name)
        .replace("namespace: " + NAMESPACE + "}", "namespace: " + NAMESPACE + shardLabel(shard) + "}")
        .replace("{name: " + POLICY + "}", "{name: " + policyOf(shard) + "}"), EmbeddingPipeline.class);
  }

  private static String shardLabel(String shard) {
    return shard == null ? "" : ", labels: {" + Groups.SHARD_LABEL + ": " + shard + "}";
  }

  /** The pipelines as the server stores them now (one LIST). */
  List<EmbeddingPipeline> pipelines() {
    return client.resources(EmbeddingPipeline.class).inNamespace(NAMESPACE).list().getItems();
  }

  void awaitAllChildren(Duration timeout) {
    awaitAllChildren(timeout, () -> {});
  }

  /** As above, running {@code alive} (which throws to give up) at every poll. */
  void awaitAllChildren(Duration timeout, Runnable alive) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
      alive.run();
      return children.size() >= pipelineNames.size() * CHILDREN_PER_PIPELINE;
    });
  }

  void awaitAllReady(Duration timeout) {
    awaitAllReady(timeout, () -> {});
  }

  void awaitAllReady(Duration timeout, Runnable alive) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
      alive.run();
      return ready.size() == pipelineNames.size();
    });
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

    /** Stored key by plural/namespace/name, when indexed; guarded by the server's write lock, as the store is. */
    private final Map<String, AttributeSet> index;
    private final ApiServerBusy.ServingThreads serving = new ApiServerBusy.ServingThreads();

    BodyKeepingDispatcher(boolean indexed) {
      super(List.of());
      index = indexed ? new ConcurrentHashMap<>() : null;
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
        GenericKubernetesResource resource, String newState) {
      super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
      if (index == null) {
        return;
      }
      if (oldAttributes != null) {
        String old = indexKey(oldAttributes);
        if (old != null) {
          index.remove(old, oldAttributes);
        }
      }
      if (newState != null) { // the key the store now holds for this object, computed as super computed it
        AttributeSet stored = resource != null ? ((KubernetesAttributesExtractor) attributeExtractor).extract(resource)
            : attributeExtractor.fromResource(newState);
        if (!stored.containsKey(KubernetesAttributesExtractor.PLURAL)) {
          stored = AttributeSet.merge(pathAttributes, stored);
        }
        String key = indexKey(stored);
        if (key != null && map.containsKey(stored)) {
          index.put(key, stored);
        }
      }
    }

    /** Through the index when it has the plural, namespace and name asked for; else as super (a scan). */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
      String key = index == null ? null : indexKey(attributes);
      if (key != null) {
        AttributeSet stored = index.get(key);
        if (stored == null) {
          return null;
        }
        String value = map.get(stored);
        if (value != null && stored.matches(attributes)) {
          return Map.entry(stored, value);
        }
      }
      return super.findResource(attributes);
    }

    /** plural/namespace/name when {@code attributes} names each with one exact value, else null. */
    private static String indexKey(AttributeSet attributes) {
      StringBuilder key = new StringBuilder();
      for (String name : List.of(KubernetesAttributesExtractor.PLURAL, KubernetesAttributesExtractor.NAMESPACE,
          KubernetesAttributesExtractor.NAME)) {
        Attribute attribute = attributes.getAttribute(name);
        if (attribute == null || attribute.getType() != AttributeType.WITH || attribute.getValues().size() != 1
            || "*".equals(attribute.getValues().get(0).toString())) { // "*": any value
          return null;
        }
        key.append(attribute.getValues().get(0)).append('/');
      }
      return key.toString();
    }

    private volatile WriteListener listener = (method, path, body, at) -> {};

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      serving.serving();
      return super.dispatch(request);
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
      return stored(request, super::handleCreate);
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
      return stored(request, super::handleUpdate);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
      return stored(request, super::handlePatch);
    }

    /** Keeps the body (the store consumes it) and tells the listener once {@code handler} stored the write. */
    private MockResponse stored(RecordedRequest request, java.util.function.Function<RecordedRequest, MockResponse> handler) {
      byte[] body = request.getBody().getBytes();
      bodies.put(request, body);
      MockResponse response = handler.apply(request);
      listener.stored(request.getMethod(), request.getPath(), new String(body, java.nio.charset.StandardCharsets.UTF_8),
          java.time.Instant.now());
      return response;
    }

    /**
     * Stores {@code object} under the collection {@code path} as a create through the API would
     * (uid, creationTimestamp, resourceVersion, generation 1, no status for a status subresource),
     * without a request: no lookup of the existing objects (a create scans them all), no event.
     * Only while no request is in flight and nothing watches (the store's lock is the server's).
     */
    void seed(String path, HasMetadata object) {
      GenericKubernetesResource resource = Serialization.unmarshal(Serialization.asJson(object),
          GenericKubernetesResource.class);
      resource.getMetadata().setNamespace(NAMESPACE);
      resource.getMetadata().setUid(java.util.UUID.randomUUID().toString());
      resource.getMetadata().setCreationTimestamp(java.time.Instant.now().toString());
      resource.getMetadata().setResourceVersion(Long.toString(requestResourceVersion()));
      resource.getMetadata().setGeneration(1L);
      if (isStatusSubresourceEnabledForResource(path)) {
        resource.getAdditionalProperties().remove("status");
      }
      processEvent(path, getKey(path), null, resource, Serialization.asJson(resource));
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
