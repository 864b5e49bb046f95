package dev.maverick.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The read-only page at {@value #PATH}: pipelines and policies as the operator's informers cache
 * them (no API call per view), trigger values from the {@link EvaluationHistory}. Answers GET and
 * HEAD only; any other method gets 405, so nothing can be changed through it. The response forbids
 * scripts, frames and every load from elsewhere (Content-Security-Policy).
 */
public final class Dashboard implements HttpHandler {
  public static final String PATH = "/dashboard/";
  /** Where to serve it: also answers {@code /dashboard} (a redirect) and 404s the rest. */
  public static final String CONTEXT = "/dashboard";
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
      + " frame-ancestors 'none'; form-action 'none'; base-uri 'none'";

  private final EvaluationHistory history;
  private final Supplier<Stream<EmbeddingPipeline>> pipelines;
  private final BiFunction<String, String, Optional<RolloutPolicy>> policies;
  private final Clock clock;

  /**
   * @param pipelines every pipeline the operator caches
   * @param policies a cached RolloutPolicy by namespace and name
   */
  public Dashboard(EvaluationHistory history, Supplier<Stream<EmbeddingPipeline>> pipelines,
      BiFunction<String, String, Optional<RolloutPolicy>> policies, Clock clock) {
    this.history = history;
    this.pipelines = pipelines;
    this.policies = policies;
    this.clock = clock;
  }

  /** What the page draws from; tests wait on it for an evaluation to be recorded. */
  EvaluationHistory history() {
    return history;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "The dashboard is read-only: GET or HEAD only.\n");
      } else if (PATH.equals(path)) {
        send(exchange, 200, "text/html; charset=utf-8", page(query(exchange.getRequestURI().getRawQuery())));
      } else if (CONTEXT.equals(path)) {
        exchange.getResponseHeaders().set("Location", PATH);
        send(exchange, 308, "text/plain; charset=utf-8", "See " + PATH + "\n");
      } else {
        send(exchange, 404, "text/plain; charset=utf-8", "Not found; the dashboard is at " + PATH + "\n");
      }
    }
  }

  /**
   * The page: every pipeline in the table; in detail, the one named {@code selected}
   * ("namespace/name") or else the first {@link DashboardPage#DETAIL_LIMIT}.
   */
  String page(Optional<String> selected) {
    List<PipelineView> views = pipelines.get()
        .sorted(Comparator.comparing((EmbeddingPipeline p) -> p.getMetadata().getNamespace())
            .thenComparing(p -> p.getMetadata().getName()))
        .map(this::view)
        .toList();
    history.retainOnly(views.stream().map(v -> new PipelineKey(v.namespace(), v.name())).collect(Collectors.toSet()));
    List<PipelineView> detailed = selected
        .map(s -> views.stream().filter(v -> (v.namespace() + "/" + v.name()).equals(s)).toList())
        .orElseGet(() -> views.stream().limit(DashboardPage.DETAIL_LIMIT).toList());
    Instant now = clock.instant();
    return DashboardPage.render(views, detailed, now, EvaluationHistory.WINDOW);
  }

  private PipelineView view(EmbeddingPipeline pipeline) {
    String namespace = pipeline.getMetadata().getNamespace();
    RolloutPolicy policy = pipeline.rolloutPolicyName()
        .flatMap(name -> policies.apply(namespace, name)).orElse(null);
    PipelineKey key = new PipelineKey(namespace, pipeline.getMetadata().getName());
    return new PipelineView(pipeline, policy, policy == null ? List.of() : history.series(key),
        history.stageStarts(key));
  }

  private static Optional<String> query(String rawQuery) {
    if (rawQuery == null) {
      return Optional.empty();
    }
    return Stream.of(rawQuery.split("&")).filter(p -> p.startsWith("pipeline="))
        .map(p -> URLDecoder.decode(p.substring("pipeline=".length()), StandardCharsets.UTF_8)).findFirst();
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", contentType);
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cache-Control", "no-store");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
