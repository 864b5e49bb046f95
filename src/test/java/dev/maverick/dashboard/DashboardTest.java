package dev.maverick.dashboard;

import static dev.maverick.dashboard.DashboardData.reading;
import static dev.maverick.dashboard.DashboardData.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.maverick.api.ActionRecord;
import dev.maverick.api.ActionType;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.Revision;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.StageStatus;
import dev.maverick.testing.MutableClock;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DashboardTest {
  private static final String INJECTED = "<script>alert('x')</script>";
  private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
  private final HttpClient http = HttpClient.newHttpClient();
  private HttpServer server;
  private EmbeddingPipeline pipeline;
  private RolloutPolicy policy;
  private Dashboard dashboard;

  @BeforeEach
  void start() throws Exception {
    // everything a user controls carries markup, and the pipeline and policy carry secrets
    policy = Serialization.unmarshal("""
        apiVersion: maverick.dev/v1alpha1
        kind: RolloutPolicy
        metadata: {name: standard, namespace: paperless-maverick}
        spec:
          prometheus:
            url: "https://scraper:hunter2@prometheus.example:9090/prom?token=t0ken"
            headers: {Authorization: "Bearer s3cr3t-header"}
            bearerTokenSecretRef: {name: prometheus-token-secret, key: token}
          stages:
          - {name: internal, flags: [{name: embeddingMonitoring, rolloutPercentage: 10}], pause: 1m}
          triggers:
          - name: 'rate"><b>bold</b>'
            query: 'embedding_success_ratio{pipeline="{{pipeline}}"}'
            condition: {operator: LessThan, threshold: 0.85}
            for: 2m
            actions: [{type: DisableFlag, flag: embeddingMonitoring}]
          notifications:
          - {type: Webhook, urlSecretRef: {name: slack-webhook-secret, key: url}}
        """, RolloutPolicy.class);
    pipeline = Serialization.unmarshal("""
        apiVersion: maverick.dev/v1alpha1
        kind: EmbeddingPipeline
        metadata: {name: search, namespace: paperless-maverick}
        spec:
          app:
            image: registry.example/app:1.0.0
            env: [{name: DATABASE_PASSWORD, value: pa55w0rd-env-value}]
            envFrom: [{secretRef: {name: supabase-secrets-ref}}]
          worker: {image: registry.example/worker:1.0.0}
          rolloutPolicyRef: {name: standard}
        """, EmbeddingPipeline.class);
    EmbeddingPipelineStatus status = status(List.of(reading("rate\"><b>bold</b>", clock.instant(), 0.5, true)),
        new StageStatus(0, "internal", clock.instant().toString(), null),
        List.of(new ActionRecord("rate\"><b>bold</b>", ActionType.DisableFlag, "detail " + INJECTED,
            clock.instant().toString())));
    Revision revision = new Revision("registry.example/app:1.0.0" + INJECTED, "registry.example/worker:1.0.0", "abc",
        List.of(new dev.maverick.api.EffectiveFlag("flag" + INJECTED, true, 10)), null);
    pipeline.setStatus(new EmbeddingPipelineStatus(1L, List.of(new ConditionBuilder().withType("Ready")
        .withStatus("False").withReason("RollingOut").withMessage("message " + INJECTED).build()),
        dev.maverick.api.Phase.Progressing, status.stage(), null, revision, revision, status.triggers(),
        status.actions(), null, null));
    EvaluationHistory history = new EvaluationHistory(clock, EvaluationHistory.WINDOW, EvaluationHistory.MAX_POINTS,
        key -> true);
    record(history, pipeline, policy, pipeline.getStatus());
    dashboard = new Dashboard(history, () -> Stream.of(pipeline),
        (namespace, name) -> Optional.of(policy).filter(p -> p.getMetadata().getName().equals(name)), clock);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(Dashboard.CONTEXT, dashboard);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
        .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") || method.equals("HEAD") ? "" : "x"))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void getServesTheSelfContainedPage() throws Exception {
    HttpResponse<String> response = send("GET", "/dashboard/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(Dashboard.CONTENT_SECURITY_POLICY);
    assertThat(response.body()).contains("paperless-maverick/search", "class=\"trigger-chart\"", "class=\"threshold\"")
        .doesNotContain("<script", "<form", "src=\"http", "href=\"http");
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
  void everyOtherMethodIsRefused(String method) throws Exception {
    HttpResponse<String> response = send(method, "/dashboard/");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void headAnswersWithoutBodyAndOtherPathsAreNotFound() throws Exception {
    assertThat(send("HEAD", "/dashboard/").statusCode()).isEqualTo(200);
    assertThat(send("HEAD", "/dashboard/").body()).isEmpty();
    HttpResponse<String> redirect = send("GET", "/dashboard");
    assertThat(redirect.statusCode()).isEqualTo(308);
    assertThat(redirect.headers().firstValue("Location")).hasValue("/dashboard/");
    assertThat(send("GET", "/dashboard/../metrics").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/dashboardx").statusCode()).isEqualTo(404);
  }

  @Test
  void userTextIsEscaped() {
    String page = dashboard.page(Optional.empty());

    assertThat(page).doesNotContain(INJECTED, "<b>bold</b>", "rate\">")
        .contains("detail &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
            "registry.example/app:1.0.0&lt;script&gt;", "flag&lt;script&gt;", "message &lt;script&gt;",
            "data-trigger=\"rate&quot;&gt;&lt;b&gt;bold&lt;/b&gt;\"");
  }

  @Test
  void showsNoSecret() {
    String page = dashboard.page(Optional.empty());

    assertThat(page).doesNotContain("hunter2", "scraper", "t0ken", "s3cr3t-header", "prometheus-token-secret",
            "slack-webhook-secret", "pa55w0rd-env-value", "DATABASE_PASSWORD", "supabase-secrets-ref")
        .contains("https://prometheus.example:9090/prom");
  }

  @Test
  void oneSelectedPipelineIsShownInDetail() {
    assertThat(dashboard.page(Optional.of("paperless-maverick/search"))).contains("id=\"pipeline-0\"");
    assertThat(dashboard.page(Optional.of("paperless-maverick/other"))).doesNotContain("id=\"pipeline-0\"")
        .contains("paperless-maverick/search");
  }

  @Test
  void healthIsWhatTheConditionsSay() {
    EmbeddingPipelineStatus stalled = new EmbeddingPipelineStatus(1L, List.of(
        new ConditionBuilder().withType("Ready").withStatus("False").build(),
        new ConditionBuilder().withType("Stalled").withStatus("True").build()), null, null, null, null, null, null,
        null, null, null);
    EmbeddingPipelineStatus ready = new EmbeddingPipelineStatus(1L, List.of(
        new ConditionBuilder().withType("Ready").withStatus("True").build()), null, null, null, null, null, null,
        null, null, null);

    assertThat(DashboardPage.health(stalled)).isEqualTo("Stalled");
    assertThat(DashboardPage.health(ready)).isEqualTo("Ready");
    assertThat(DashboardPage.health(EmbeddingPipelineStatus.initial())).isEqualTo("Not ready");
    assertThat(Map.of("k", DashboardPage.withoutCredentials("not a url"))).containsValue("(URL not shown)");
  }

  /** What a reconcile tells the history of its step's status. */
  private static void record(EvaluationHistory history, EmbeddingPipeline pipeline, RolloutPolicy policy,
      EmbeddingPipelineStatus status) {
    history.evaluated(pipeline.getMetadata().getNamespace(), pipeline.getMetadata().getName(), policy,
        status.triggers(), status.stage());
  }
}
