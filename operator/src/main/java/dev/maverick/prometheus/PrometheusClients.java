package dev.maverick.prometheus;

import dev.maverick.secrets.SecretReader;
import dev.maverick.api.PrometheusSpec;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.BasicAuthSecretRef;
import dev.maverick.api.ConfigMapKeyRef;
import dev.maverick.api.PrometheusTls;
import dev.maverick.api.SecretKeyRef;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the {@link PrometheusClient} of a RolloutPolicy. A configuration problem (missing Secret
 * or key, bad URL, timeout or TLS material) does not throw: the returned client answers every query with a
 * {@link QueryResult.Failure} that says what to fix. Clients are cached per spec and what its
 * Secrets hold; all without TLS settings share one {@link HttpClient}.
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

  /**
   * The client for {@code spec} of a policy in {@code namespace} (where its Secrets and ConfigMap
   * live). Credentials and TLS material are read at every call, so a rotated Secret takes effect at
   * the next evaluation.
   */
  public PrometheusClient forPolicy(PrometheusSpec spec, String namespace) {
    Access access;
    try {
      access = access(spec, namespace);
    } catch (MissingMaterial e) {
      return new FailingClient(e.getMessage());
    }
    CacheKey key = new CacheKey(spec, access);
    synchronized (cache) {
      PrometheusClient cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
    }
    PrometheusClient client;
    try {
      HttpClient transport = access.tls() == null ? http : HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .version(HttpClient.Version.HTTP_1_1)
          .sslContext(access.tls().sslContext())
          .build();
      client = HttpPrometheusClient.create(spec, access.token(), access.basicAuth(), transport);
    } catch (IllegalArgumentException e) {
      return new FailingClient(e.getMessage());
    }
    synchronized (cache) {
      cache.put(key, client);
    }
    return client;
  }

  /** What a policy's Secrets and ConfigMap hold for reaching Prometheus. */
  private record Access(Optional<String> token, Optional<String> basicAuth, TlsMaterial tls) {}

  private static final class MissingMaterial extends Exception {
    MissingMaterial(String message) {
      super(message, null, false, false);
    }
  }

  private Access access(PrometheusSpec spec, String namespace) throws MissingMaterial {
    Optional<String> token = Optional.empty();
    if (spec.bearerTokenSecretRef() != null) {
      token = Optional.of(secret(namespace, "spec.prometheus.bearerTokenSecretRef", spec.bearerTokenSecretRef(),
          "the bearer token").strip()); // files made with echo end in a newline
    }
    Optional<String> basicAuth = Optional.empty();
    BasicAuthSecretRef basic = spec.basicAuthSecretRef();
    if (basic != null) {
      String field = "spec.prometheus.basicAuthSecretRef";
      String username = secret(namespace, field, new SecretKeyRef(basic.name(), basic.usernameKey()), "the username");
      String password = secret(namespace, field, new SecretKeyRef(basic.name(), basic.passwordKey()), "the password");
      basicAuth = Optional.of(Base64.getEncoder().encodeToString(
          (username.strip() + ":" + password.strip()).getBytes(StandardCharsets.UTF_8)));
    }
    PrometheusTls tls = spec.tls();
    if (tls == null) {
      return new Access(token, basicAuth, null);
    }
    String ca = null;
    if (tls.caSecretRef() != null) {
      ca = secret(namespace, "spec.prometheus.tls.caSecretRef", tls.caSecretRef(), "the CA certificate (PEM)");
    } else if (tls.caConfigMapRef() != null) {
      ca = configMap(namespace, tls.caConfigMapRef());
    }
    String cert = null;
    String key = null;
    if (tls.clientCertSecretRef() != null) {
      String field = "spec.prometheus.tls.clientCertSecretRef";
      cert = secret(namespace, field, new SecretKeyRef(tls.clientCertSecretRef().name(), "tls.crt"),
          "the client certificate (a kubernetes.io/tls Secret)");
      key = secret(namespace, field, new SecretKeyRef(tls.clientCertSecretRef().name(), "tls.key"),
          "the client key (a kubernetes.io/tls Secret)");
    }
    return new Access(token, basicAuth, new TlsMaterial(tls, ca, cert, key));
  }

  private String secret(String namespace, String field, SecretKeyRef ref, String holds) throws MissingMaterial {
    String secret = "Secret \"" + ref.name() + "\" in namespace \"" + namespace + "\"";
    Optional<String> read = read(field, secret, () -> secrets.read(namespace, ref));
    if (read.isEmpty()) {
      throw new MissingMaterial(field + ": " + secret + " does not exist or has no key \"" + ref.key()
          + "\"; create it with " + holds + " under that key");
    }
    if (read.get().isBlank()) {
      throw new MissingMaterial(field + ": key \"" + ref.key() + "\" of " + secret + " is empty; it must hold " + holds);
    }
    return read.get();
  }

  private String configMap(String namespace, ConfigMapKeyRef ref) throws MissingMaterial {
    String field = "spec.prometheus.tls.caConfigMapRef";
    String configMap = "ConfigMap \"" + ref.name() + "\" in namespace \"" + namespace + "\"";
    Optional<String> read = read(field, configMap, () -> secrets.readConfigMap(namespace, ref));
    if (read.isEmpty() || read.get().isBlank()) {
      throw new MissingMaterial(field + ": " + configMap + " does not exist or has no key \"" + ref.key()
          + "\"; create it with the CA certificate (PEM) under that key");
    }
    return read.get();
  }

  /** What {@code reader} reads from {@code object}; a failure to read names the field and the object. */
  private static Optional<String> read(String field, String object, Supplier<Optional<String>> reader)
      throws MissingMaterial {
    try {
      return reader.get();
    } catch (RuntimeException e) {
      throw new MissingMaterial(field + ": cannot read " + object + ": " + e.getMessage());
    }
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

  private record CacheKey(PrometheusSpec spec, Access access) {
    @Override
    public String toString() {
      return "CacheKey[" + spec.url() + "]";
    }
  }
}
