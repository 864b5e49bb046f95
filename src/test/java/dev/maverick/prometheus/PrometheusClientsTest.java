package dev.maverick.prometheus;

import dev.maverick.secrets.SecretReader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.PrometheusSpec;
import dev.maverick.api.SecretKeyRef;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The factory with a fake SecretReader; KubernetesSecretReaderTest covers the Kubernetes side. */
class PrometheusClientsTest {
  private static final SecretKeyRef TOKEN_REF = new SecretKeyRef("prom-token", "token");

  private final FakePrometheusServer server = new FakePrometheusServer();
  private final Map<String, String> tokens = new HashMap<>();
  private final SecretReader fakeSecrets = (namespace, ref) -> Optional.ofNullable(tokens.get(namespace + "/" + ref.name() + "/" + ref.key()));
  private final PrometheusClients clients = new PrometheusClients(fakeSecrets, HttpClient.newHttpClient());

  @AfterEach
  void stopServer() {
    server.close();
  }

  private PrometheusSpec specWithToken() {
    return new PrometheusSpec(server.url(), "5s", TOKEN_REF, Map.of());
  }

  @Test
  void aMissingSecretOrKeyIsAFailureSayingWhatToCreate() {
    assertThat(clients.forPolicy(specWithToken(), "team-a").query("x")).isEqualTo(new QueryResult.Failure(
        "spec.prometheus.bearerTokenSecretRef: Secret \"prom-token\" in namespace \"team-a\" does not exist "
            + "or has no key \"token\"; create it with the bearer token under that key"));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void anEmptyTokenIsAFailure() {
    tokens.put("team-a/prom-token/token", " \n");

    assertThat(clients.forPolicy(specWithToken(), "team-a").query("x")).isEqualTo(new QueryResult.Failure(
        "spec.prometheus.bearerTokenSecretRef: key \"token\" of Secret \"prom-token\" in namespace \"team-a\" "
            + "is empty; it must hold the bearer token"));
  }

  @Test
  void anUnreadableSecretIsAFailure() {
    SecretReader forbidden = (namespace, ref) -> {
      throw new IllegalStateException("secrets \"prom-token\" is forbidden");
    };

    assertThat(new PrometheusClients(forbidden).forPolicy(specWithToken(), "team-a").query("x"))
        .isEqualTo(new QueryResult.Failure("spec.prometheus.bearerTokenSecretRef: cannot read Secret \"prom-token\" "
            + "in namespace \"team-a\": secrets \"prom-token\" is forbidden"));
  }

  @Test
  void anUnusableSpecIsAFailureNamingTheField() {
    PrometheusSpec spec = new PrometheusSpec("http://prometheus:9090", "5 seconds", null, null);

    assertThat(clients.forPolicy(spec, "team-a").query("x")).isEqualTo(new QueryResult.Failure(
        "spec.prometheus.timeout: '5 seconds' is not a duration such as 30s, 10m or 1h30m"));
  }

  @Test
  void cachesPerSpecAndToken() {
    tokens.put("team-a/prom-token/token", "one");
    tokens.put("team-b/prom-token/token", "one");
    PrometheusClient first = clients.forPolicy(specWithToken(), "team-a");

    assertThat(clients.forPolicy(specWithToken(), "team-a")).isSameAs(first);
    assertThat(clients.forPolicy(specWithToken(), "team-b")).isSameAs(first);
    assertThat(clients.forPolicy(new PrometheusSpec(server.url(), "6s", TOKEN_REF, Map.of()), "team-a")).isNotSameAs(first);

    tokens.put("team-a/prom-token/token", "two");
    assertThat(clients.forPolicy(specWithToken(), "team-a")).isNotSameAs(first);
  }

  @Test
  void aRotatedTokenIsUsedAtTheNextCall() {
    server.answerData("{\"resultType\":\"scalar\",\"result\":[1700000000,\"1\"]}");
    tokens.put("team-a/prom-token/token", "one");
    clients.forPolicy(specWithToken(), "team-a").query("x");
    tokens.put("team-a/prom-token/token", "two");
    clients.forPolicy(specWithToken(), "team-a").query("x");

    assertThat(server.requests()).extracting(request -> request.headers().getFirst("Authorization"))
        .containsExactly("Bearer one", "Bearer two");
  }

  /** Issue 11.7: basic auth from a Secret (keys username and password by default), re-read at each call. */
  @Test
  void basicAuthIsSentFromItsSecretAndARotatedPasswordIsUsedAtTheNextCall() {
    server.answerData("{\"resultType\":\"scalar\",\"result\":[1,\"1\"]}");
    PrometheusSpec spec = new PrometheusSpec(server.url(), "5s", null, Map.of(), null,
        new dev.maverick.api.BasicAuthSecretRef("prom-basic", null, null));
    assertThat(clients.forPolicy(spec, "team-a").query("x")).isEqualTo(new QueryResult.Failure(
        "spec.prometheus.basicAuthSecretRef: Secret \"prom-basic\" in namespace \"team-a\" does not exist "
            + "or has no key \"username\"; create it with the username under that key"));

    tokens.put("team-a/prom-basic/username", "maverick");
    tokens.put("team-a/prom-basic/password", "first\n");
    assertThat(clients.forPolicy(spec, "team-a").query("x")).isEqualTo(new QueryResult.Value(1));
    tokens.put("team-a/prom-basic/password", "second");
    assertThat(clients.forPolicy(spec, "team-a").query("x")).isEqualTo(new QueryResult.Value(1));
    assertThat(server.requests()).extracting(r -> r.headers().getFirst("Authorization")).containsExactly(
        "Basic " + java.util.Base64.getEncoder().encodeToString("maverick:first".getBytes()),
        "Basic " + java.util.Base64.getEncoder().encodeToString("maverick:second".getBytes()));
  }

  /** Issue 11.7: a CA ConfigMap that is not there says which one to create; nothing is sent. */
  @Test
  void aMissingCaConfigMapIsAFailureSayingWhatToCreate() {
    PrometheusSpec spec = new PrometheusSpec("https://127.0.0.1:9", "5s", null, Map.of(),
        new dev.maverick.api.PrometheusTls(null, new dev.maverick.api.ConfigMapKeyRef("corp-ca", "ca.crt"), null, null,
            null), null);
    assertThat(clients.forPolicy(spec, "team-a").query("x")).isEqualTo(new QueryResult.Failure(
        "spec.prometheus.tls.caConfigMapRef: ConfigMap \"corp-ca\" in namespace \"team-a\" does not exist or has no "
            + "key \"ca.crt\"; create it with the CA certificate (PEM) under that key"));
  }

  @Test
  void aCaThatIsNotPemSaysSo() {
    tokens.put("team-a/prom-ca/ca.crt", "not a certificate");
    PrometheusSpec spec = new PrometheusSpec("https://127.0.0.1:9", "5s", null, Map.of(),
        new dev.maverick.api.PrometheusTls(new SecretKeyRef("prom-ca", "ca.crt"), null, null, null, null), null);
    assertThat(clients.forPolicy(spec, "team-a").query("x")).isEqualTo(new QueryResult.Failure(
        "spec.prometheus.tls.caSecretRef: holds no PEM certificate (-----BEGIN CERTIFICATE-----)"));
  }
}
