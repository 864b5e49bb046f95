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
}
