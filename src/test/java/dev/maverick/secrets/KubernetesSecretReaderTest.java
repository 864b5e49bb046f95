package dev.maverick.secrets;

import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.prometheus.PrometheusClient;
import dev.maverick.prometheus.PrometheusClients;
import dev.maverick.prometheus.QueryResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maverick.api.PrometheusSpec;
import dev.maverick.api.SecretKeyRef;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Secret reader against fabric8's mock API server in CRUD mode. */
class KubernetesSecretReaderTest {
  private static final KubernetesMockServer kubernetesApi = new KubernetesMockServer(
      new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
  private static KubernetesClient kubernetes;
  private static KubernetesSecretReader reader;

  @BeforeAll
  static void createSecrets() {
    kubernetesApi.init();
    kubernetes = kubernetesApi.createClient(new JdkHttpClientFactory());
    reader = new KubernetesSecretReader(kubernetes);
    createSecret("team-a", "prom-token", Map.of("token", base64("tökén-1\n"), "broken", "***"));
    createSecret("team-c", "prom-token", Map.of("token", base64("s3cret\n")));
  }

  @AfterAll
  static void stopApi() {
    kubernetes.close();
    kubernetesApi.destroy();
  }

  @Test
  void readsAndDecodesTheKey() {
    assertThat(reader.read("team-a", new SecretKeyRef("prom-token", "token"))).contains("tökén-1\n");
  }

  @Test
  void aMissingKeySecretOrNamespaceIsEmpty() {
    assertThat(reader.read("team-a", new SecretKeyRef("prom-token", "password"))).isEqualTo(Optional.empty());
    assertThat(reader.read("team-a", new SecretKeyRef("no-such-secret", "token"))).isEqualTo(Optional.empty());
    assertThat(reader.read("team-b", new SecretKeyRef("prom-token", "token"))).isEqualTo(Optional.empty());
  }

  @Test
  void invalidBase64IsAnErrorNamingTheKey() {
    assertThatThrownBy(() -> reader.read("team-a", new SecretKeyRef("prom-token", "broken")))
        .hasMessage("key \"broken\" of Secret \"prom-token\" is not valid base64");
  }

  @Test
  void theFactorySendsTheTokenReadThroughTheKubernetesApi() {
    try (FakePrometheusServer prometheus = new FakePrometheusServer()) {
      prometheus.answerData("{\"resultType\":\"scalar\",\"result\":[1700000000,\"3\"]}");
      PrometheusSpec spec = new PrometheusSpec(prometheus.url(), "5s", new SecretKeyRef("prom-token", "token"), Map.of());

      PrometheusClient client = new PrometheusClients(reader).forPolicy(spec, "team-c");

      assertThat(client.query("x")).isEqualTo(new QueryResult.Value(3));
      assertThat(prometheus.requests().get(0).headers().get("Authorization")).containsExactly("Bearer s3cret");
      assertThat(client.toString()).doesNotContain("s3cret");
    }
  }

  private static void createSecret(String namespace, String name, Map<String, String> data) {
    kubernetes.secrets().inNamespace(namespace)
        .resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata().withData(data).build())
        .create();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
