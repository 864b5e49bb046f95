package dev.maverick.testing;

import static org.awaitility.Awaitility.await;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.demo.InProcessKubernetes;
import dev.maverick.metrics.PipelineGauges;
import dev.maverick.demo.SimulatedKubelet;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.runtime.MaverickOperator;
import dev.maverick.runtime.OperatorSettings;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh Kubernetes API (fabric8's mock server in CRUD mode, with our CRDs installed) and the
 * real operator running against it. One per test method. The mock has no controllers, so tests
 * play the kubelet with {@link #rollOut}. The operator runs on a {@link MutableClock} the test moves
 * unless the test passes another clock, e.g. the system clock for tests against a real Prometheus,
 * where the operator's evaluations must follow the samples' real time.
 *
 * <p>A test class registers it as a JUnit extension ({@code @RegisterExtension}) on an instance field,
 * e.g. {@code final OperatorHarness k8s = OperatorHarness.builder().clock(Clock.systemUTC()).build();},
 * so that each test method gets its own: the API server starts with the test instance, the operator
 * before each test (before the class's {@code @BeforeEach} methods), and both stop after it (after its
 * {@code @AfterEach} methods). A test that needs one for part of a method starts it with
 * {@link Builder#start()} and closes it.
 */
public final class OperatorHarness implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
  public static final String NAMESPACE = "paperless-maverick";

  /** The User-Agent of the operator's own client, so its requests can be told from the test's. */
  public static final String OPERATOR_USER_AGENT = "maverick-operator-under-test";

  private final InProcessKubernetes kubernetes;
  public final KubernetesMockServer server;
  /** The test's client (a person with kubectl). */
  public final KubernetesClient client;
  private final KubernetesClient operatorClient;
  /** The operator's clock: a {@link MutableClock} unless a test passes another. */
  public final Clock clock;
  public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private MaverickOperator operator;
  private final List<AutoCloseable> others = new ArrayList<>();

  private final OperatorSettings settings;
  /** Whether {@link #beforeEach} starts the operator (not for tests that start their own instances). */
  private final boolean startsOperator;
  private boolean closed;

  private OperatorHarness(Builder builder) {
    clock = builder.clock;
    settings = builder.settings;
    startsOperator = builder.startsOperator;
    kubernetes = builder.dispatcher == null ? InProcessKubernetes.start(NAMESPACE)
        : InProcessKubernetes.start(builder.dispatcher, NAMESPACE);
    server = kubernetes.server();
    client = kubernetes.newClient();
    operatorClient = kubernetes.newClient(OPERATOR_USER_AGENT);
  }

  static {
    // generous because CI machines are small and shared; awaits end as soon as the condition holds
    org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(90));
    // a status the operator has not written yet reads as null: keep waiting, report the last failure
    org.awaitility.Awaitility.ignoreExceptionsByDefault();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The API server and the operator with the defaults, started now. */
  public static OperatorHarness start() {
    return builder().start();
  }

  /** What the harness runs; the defaults: the mock API as it is, the embedded settings, a MutableClock. */
  public static final class Builder {
    private Clock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private OperatorSettings settings = OperatorSettings.embedded();
    private KubernetesCrudDispatcher dispatcher;
    private boolean startsOperator = true;

    private Builder() {}

    /** The operator's clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder settings(OperatorSettings settings) {
      this.settings = settings;
      return this;
    }

    /** The API server answers through {@code dispatcher} (e.g. one injecting faults). */
    public Builder dispatcher(KubernetesCrudDispatcher dispatcher) {
      this.dispatcher = dispatcher;
      return this;
    }

    /** The API server alone, for tests that start their own operator instances. */
    public Builder withoutOperator() {
      startsOperator = false;
      return this;
    }

    /** The API server, started now; the operator starts before each test (as an extension). */
    public OperatorHarness build() {
      return new OperatorHarness(this);
    }

    /** The API server and (unless {@link #withoutOperator}) the operator, started now; close it when done. */
    public OperatorHarness start() {
      OperatorHarness harness = build();
      if (harness.startsOperator) {
        harness.startOperator();
      }
      return harness;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (closed) {
      throw new IllegalStateException("an OperatorHarness serves one test: register it on an instance field,"
          + " not a static one");
    }
    if (startsOperator) {
      startOperator();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  /** The operator's clock when the test moves time by hand (every start without a clock of its own). */
  public MutableClock mutableClock() {
    return (MutableClock) clock;
  }

  /** Starts the operator with the harness's settings (again, after {@link #stopOperator}). */
  public void startOperator() {
    startOperator(settings);
  }

  public void startOperator(OperatorSettings settings) {
    operator = MaverickOperator.start(operatorClient, settings, clock, meters);
  }

  /**
   * Starts another operator instance on the same API (e.g. another shard) and stops it on close;
   * its requests carry {@code userAgent}, so they can be told from the first operator's.
   */
  public void startAnotherOperator(OperatorSettings settings, String userAgent) {
    KubernetesClient anotherClient = kubernetes.newClient(userAgent);
    others.add(anotherClient);
    others.add(MaverickOperator.start(anotherClient, settings, clock, new SimpleMeterRegistry()));
  }

  /** The running operator, e.g. to serve its dashboard. */
  public MaverickOperator operator() {
    return operator;
  }

  public void stopOperator() {
    operator.close();
    operator = null;
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
    return SimulatedKubelet.rollOut(client, NAMESPACE, deploymentName);
  }

  /** Reconciles the operator finished successfully, from its JOSDK metrics. */
  /**
   * Rolls out both Deployments of a pipeline once they exist, as the kubelet would, and waits until
   * the pipeline's status shows its app ready.
   */
  public void rollOutPipeline(String pipeline) {
    for (String deployment : List.of(pipeline + "-app", pipeline + "-worker")) {
      awaitChild(Deployment.class, deployment);
      rollOut(deployment);
    }
    await().until(() -> {
      var app = pipeline(pipeline).getStatus().app();
      return app != null && app.readyReplicas() != null && app.readyReplicas() > 0;
    });
  }

  public double reconciliations() {
    return meters.getMeters().stream()
        .filter(m -> m.getId().getName().startsWith("operator.sdk.reconciliations.success"))
        .mapToDouble(m -> m.measure().iterator().next().getValue())
        .sum();
  }

  /**
   * The value of a per-pipeline gauge (e.g. {@code maverick_trigger_value}) of a pipeline, as /metrics
   * writes it (the first series of the pipeline); null while the pipeline has none.
   */
  public Double pipelineGauge(String family, String pipeline) {
    StringWriter text = new StringWriter();
    try {
      PipelineGauges.of(meters).write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher series = Pattern.compile("(?m)^" + family + "\\{[^}]*pipeline=\"" + Pattern.quote(pipeline) + "\"[^}]*} (\\S+)$")
        .matcher(text.toString());
    return series.find() ? Double.valueOf(series.group(1)) : null;
  }

  /** Prometheus queries the operator ran, from its own metrics. */
  public long queriesRun() {
    return meters.find("maverick.prometheus.query.duration").timers().stream().mapToLong(t -> t.count()).sum();
  }

  /**
   * Waits until the operator ran {@code queries} more Prometheus queries and finished a reconcile
   * after that, so the status reflects those evaluations. A status shows news only, not every
   * evaluation, so tests sync on the operator's own counters rather than on status timestamps.
   */
  public void awaitQueries(int queries) {
    long before = queriesRun();
    await().until(() -> queriesRun() >= before + queries);
    double reconciled = reconciliations();
    await().until(() -> reconciliations() > reconciled);
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

  public static boolean fromOperator(RecordedRequest request) {
    return OPERATOR_USER_AGENT.equals(request.getHeader("User-Agent"));
  }

  public static boolean isWrite(RecordedRequest request) {
    return List.of("POST", "PUT", "PATCH", "DELETE").contains(request.getMethod());
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (operator != null) {
      operator.close();
    }
    for (int i = others.size() - 1; i >= 0; i--) { // each operator before its client
      try {
        others.get(i).close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    operatorClient.close();
    client.close();
    kubernetes.close();
  }
}
