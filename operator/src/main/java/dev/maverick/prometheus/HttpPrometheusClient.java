package dev.maverick.prometheus;

import dev.maverick.api.Durations;
import dev.maverick.api.PrometheusSpec;
import dev.maverick.egress.CappedBody;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * Instant queries ({@code GET <url>/api/v1/query?query=...}) over {@link HttpClient}. The whole
 * exchange, body included, is bounded by the spec's timeout. Never throws; every message is meant
 * for a person reading a trigger's status and never contains the bearer token or header values.
 */
public final class HttpPrometheusClient implements PrometheusClient {
  /** The largest answer read: one number is a few hundred bytes; anything near this is a wrong query or URL. */
  static final int MAX_RESPONSE_BYTES = 1024 * 1024;

  private final HttpClient http;
  private final String queryUrl;
  private final String displayUrl;
  private final Duration timeout;
  private final String timeoutText;
  private final boolean hasBearerToken;
  private final TreeSet<String> headerNames;
  private final HttpRequest.Builder requestTemplate;

  private HttpPrometheusClient(HttpClient http, PrometheusSpec spec, Optional<String> bearerToken,
      Optional<String> basicAuth) {
    this.http = http;
    URI base = baseUrl(spec.url());
    String baseText = base.toString().replaceAll("/+$", "");
    this.queryUrl = baseText + "/api/v1/query?query=";
    this.displayUrl = withoutUserInfo(base).toString().replaceAll("/+$", "");
    this.timeoutText = spec.timeout();
    this.timeout = timeout(spec.timeout());
    this.hasBearerToken = bearerToken.isPresent();
    this.headerNames = new TreeSet<>(spec.headers().keySet());
    this.requestTemplate = HttpRequest.newBuilder().GET().timeout(timeout).header("Accept", "application/json");
    for (Map.Entry<String, String> header : spec.headers().entrySet()) {
      try {
        requestTemplate.setHeader(header.getKey(), header.getValue());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("spec.prometheus.headers: header \"" + header.getKey()
            + "\" cannot be sent (restricted name, or a name or value with invalid characters)");
      }
    }
    bearerToken.ifPresent(token -> {
      try {
        requestTemplate.setHeader("Authorization", "Bearer " + token);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("spec.prometheus.bearerTokenSecretRef: the token contains characters "
            + "that cannot be sent in an HTTP header (such as a line break inside it)");
      }
    });
    basicAuth.ifPresent(credentials -> requestTemplate.setHeader("Authorization", "Basic " + credentials));
  }

  /**
   * Builds a client for {@code spec}. Throws {@link IllegalArgumentException} naming the spec field
   * when the URL, timeout or a header cannot be used.
   */
  public static HttpPrometheusClient create(PrometheusSpec spec, Optional<String> bearerToken, HttpClient http) {
    return create(spec, bearerToken, Optional.empty(), http);
  }

  /** As above, with basic auth: {@code basicAuth} is base64 of {@code user:password}. */
  static HttpPrometheusClient create(PrometheusSpec spec, Optional<String> bearerToken, Optional<String> basicAuth,
      HttpClient http) {
    return new HttpPrometheusClient(http, spec, bearerToken, basicAuth);
  }

  @Override
  public QueryResult query(String promql) {
    return exchange(promql, QueryResponses::interpret, QueryResult.Failure::new);
  }

  @Override
  public GroupedResult queryGrouped(String promql, String label) {
    return exchange(promql, (status, body) -> QueryResponses.interpretGrouped(status, body, label),
        GroupedResult.Failure::new);
  }

  private <T> T exchange(String promql, BiFunction<Integer, String, T> interpret, Function<String, T> failure) {
    if (promql == null || promql.isBlank()) {
      return failure.apply("the query is empty");
    }
    HttpRequest request = requestTemplate.copy()
        .uri(URI.create(queryUrl + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
        .build();
    CompletableFuture<HttpResponse<String>> exchange;
    try {
      exchange = http.sendAsync(request, CappedBody.upTo(MAX_RESPONSE_BYTES));
    } catch (RuntimeException e) {
      return failure.apply("cannot send the query to Prometheus at " + displayUrl + ": " + e.getMessage());
    }
    try {
      HttpResponse<String> response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return interpret.apply(response.statusCode(), response.body());
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return failure.apply(timedOut());
    } catch (ExecutionException e) {
      return failure.apply(failed(e.getCause()));
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      return failure.apply("interrupted while querying Prometheus at " + displayUrl);
    }
  }

  private String timedOut() {
    return "Prometheus did not answer within " + timeoutText;
  }

  private String failed(Throwable cause) {
    if (cause instanceof HttpTimeoutException) {
      return timedOut();
    }
    if (cause instanceof CappedBody.TooLargeException) {
      return "response larger than " + MAX_RESPONSE_BYTES / 1024 / 1024 + " MiB: a trigger's query must yield one number";
    }
    if (cause instanceof ConnectException) {
      boolean unknownHost = cause.getCause() instanceof UnresolvedAddressException;
      String reason = unknownHost ? "unknown host"
          : cause.getMessage() == null ? "connection refused" : cause.getMessage().toLowerCase(Locale.ROOT);
      return "cannot connect to Prometheus at " + displayUrl + ": " + reason;
    }
    if (cause instanceof SSLException) {
      return "TLS handshake with Prometheus at " + displayUrl + " failed: " + tlsFailure(cause);
    }
    if (cause instanceof IOException) {
      return "query to Prometheus at " + displayUrl + " failed: "
          + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }
    return "query to Prometheus at " + displayUrl + " failed: " + cause;
  }

  /** What went wrong in a handshake, in terms of the spec's fields (the JDK's messages name neither). */
  static String tlsFailure(Throwable error) {
    StringBuilder messages = new StringBuilder();
    boolean untrusted = false;
    for (Throwable t = error; t != null; t = t.getCause()) {
      messages.append(' ').append(t.getMessage());
      untrusted |= t instanceof java.security.cert.CertPathBuilderException
          || t instanceof java.security.cert.CertPathValidatorException;
    }
    String text = messages.toString();
    if (text.contains("No subject alternative") || text.contains("No name matching")) {
      return "the certificate is not for this host name: set spec.prometheus.tls.serverName to a name it carries";
    }
    if (untrusted || text.contains("PKIX path") || text.contains("unable to find valid certification path")) {
      return "certificate not trusted: give the CA that signed it in spec.prometheus.tls.caSecretRef or caConfigMapRef";
    }
    if (text.contains("bad_certificate") || text.contains("certificate_required") || text.contains("unknown_ca")) {
      return "Prometheus refused the client certificate (or none was sent): check spec.prometheus.tls.clientCertSecretRef";
    }
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }

  private static URI baseUrl(String url) {
    String expected = " is not a URL such as http://prometheus-operated.monitoring.svc:9090";
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException("spec.prometheus.url: \"" + url + "\"" + expected);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException("spec.prometheus.url: \"" + withoutUserInfo(uri) + "\"" + expected);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("spec.prometheus.url: \"" + withoutUserInfo(uri)
          + "\" must not have a query (?...) or fragment (#...); give the base URL Prometheus is served under");
    }
    return uri;
  }

  /** user:password in a URL is a credential too: never shown in messages. */
  private static URI withoutUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
    } catch (URISyntaxException e) {
      return URI.create(uri.getScheme() + "://" + uri.getHost());
    }
  }

  private static Duration timeout(String text) {
    Duration timeout;
    try {
      timeout = Durations.parse(text);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException("spec.prometheus.timeout: " + e.getMessage());
    }
    if (timeout.isZero()) {
      throw new IllegalArgumentException("spec.prometheus.timeout: must be longer than 0, e.g. 5s");
    }
    return timeout;
  }

  @Override
  public String toString() {
    return "HttpPrometheusClient[url=" + displayUrl + ", timeout=" + timeoutText
        + ", bearerToken=" + (hasBearerToken ? "set" : "none") + ", headers=" + headerNames + "]";
  }
}
