package dev.maverick.prometheus;

import dev.maverick.secrets.SecretReader;
import dev.maverick.api.PrometheusSpec;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.SecretKeyRef;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link PrometheusClient} of a RolloutPolicy. A configuration problem (missing token
 * Secret, bad URL or timeout) does not throw: the returned client answers every query with a
 * {@link QueryResult.Failure} that says what to fix. Clients are cached per spec and token (the
 * token is read on every call, so a rotated Secret takes effect at the next evaluation); all share
 * one {@link HttpClient}.
 */
public final class PrometheusClients {
  private static final int MAX_CACHED = 64;

  private final SecretReader secrets;
  private final HttpClient http;
  private final Map<CacheKey, PrometheusClient> cache = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<CacheKey, PrometheusClient> eldest) {
      return size() > MAX_CACHED;
    }
  };

  public PrometheusClients(SecretReader secrets) {
    // Redirects are not followed (they could carry the token elsewhere); HTTP/1.1 avoids h2c upgrade
    // requests that some proxies in front of Prometheus mishandle.
    this(secrets, HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build());
  }

  public PrometheusClients(SecretReader secrets, HttpClient http) {
    this.secrets = secrets;
    this.http = http;
  }

  public PrometheusClient forPolicy(RolloutPolicy policy) {
    return forPolicy(policy.getSpec().prometheus(), policy.getMetadata().getNamespace());
  }

  /** The client for {@code spec} of a policy in {@code namespace} (where its token Secret lives). */
  public PrometheusClient forPolicy(PrometheusSpec spec, String namespace) {
    Optional<String> token = Optional.empty();
    SecretKeyRef ref = spec.bearerTokenSecretRef();
    if (ref != null) {
      String secret = "Secret \"" + ref.name() + "\" in namespace \"" + namespace + "\"";
      Optional<String> read;
      try {
        read = secrets.read(namespace, ref);
      } catch (RuntimeException e) {
        return new FailingClient("spec.prometheus.bearerTokenSecretRef: cannot read " + secret + ": " + e.getMessage());
      }
      if (read.isEmpty()) {
        return new FailingClient("spec.prometheus.bearerTokenSecretRef: " + secret + " does not exist or has no key \""
            + ref.key() + "\"; create it with the bearer token under that key");
      }
      token = Optional.of(read.get().strip()); // files made with echo end in a newline
      if (token.get().isEmpty()) {
        return new FailingClient("spec.prometheus.bearerTokenSecretRef: key \"" + ref.key() + "\" of " + secret
            + " is empty; it must hold the bearer token");
      }
    }
    CacheKey key = new CacheKey(spec, token);
    synchronized (cache) {
      PrometheusClient cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
    }
    PrometheusClient client;
    try {
      client = HttpPrometheusClient.create(spec, token, http);
    } catch (IllegalArgumentException e) {
      return new FailingClient(e.getMessage());
    }
    synchronized (cache) {
      cache.put(key, client);
    }
    return client;
  }

  /** Stands in for a client that cannot be built: every query fails with the reason. */
  record FailingClient(String message) implements PrometheusClient {
    @Override
    public QueryResult query(String promql) {
      return new QueryResult.Failure(message);
    }

    @Override
    public GroupedResult queryGrouped(String promql, String label) {
      return new GroupedResult.Failure(message);
    }
  }

  private record CacheKey(PrometheusSpec spec, Optional<String> token) {
    @Override
    public String toString() {
      return "CacheKey[" + spec.url() + "]";
    }
  }
}
