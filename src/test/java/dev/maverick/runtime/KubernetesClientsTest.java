package dev.maverick.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.integrations.ScaledObject;
import dev.maverick.testing.Fixtures;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator's Kubernetes client: a bounded HTTP executor of its own, and strings shared between objects. */
class KubernetesClientsTest {
  private static final int CALLERS = 40;
  private final KubernetesMockServer api = new KubernetesMockServer(
      new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
  private KubernetesClient client;

  @BeforeEach
  void start() {
    api.init();
    client = api.createClient(KubernetesClients::configure);
  }

  @AfterEach
  void stop() {
    client.close();
    api.destroy();
  }

  @Test
  void aBurstOfRequestsAndAWatchShareTheClientsFewThreads() throws Exception {
    AtomicInteger watched = new AtomicInteger();
    try (Watch watch = client.configMaps().inNamespace("team-a").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        watched.incrementAndGet();
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    })) {
      ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
      try {
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
          String name = "flags-" + i;
          calls.add(callers.submit(() -> {
            client.configMaps().inNamespace("team-a").resource(new ConfigMapBuilder().withNewMetadata()
                .withName(name).endMetadata().addToData("k", "v").build()).create();
            return client.configMaps().inNamespace("team-a").list().getItems().size();
          }));
        }
        for (Future<?> call : calls) {
          call.get();
        }
      } finally {
        callers.shutdownNow();
      }
      assertThat(client.configMaps().inNamespace("team-a").list().getItems()).hasSize(CALLERS);
      await().untilAsserted(() -> assertThat(watched).hasValue(CALLERS));
    }
    // other test classes' clients may still have idle threads: count this client's (the newest) only
    Map<String, Long> threadsPerClient = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(name -> name.startsWith(KubernetesHttpClientFactory.THREAD_PREFIX))
        .collect(Collectors.groupingBy(name -> name.substring(0, name.lastIndexOf('-')), Collectors.counting()));
    String newest = threadsPerClient.keySet().stream()
        .max(Comparator.comparingInt(client -> Integer.parseInt(client.substring(client.lastIndexOf('-') + 1))))
        .orElseThrow(() -> new AssertionError("no thread of the client's own executor"));
    assertThat(threadsPerClient.get(newest)).isBetween(1L, (long) KubernetesHttpClientFactory.THREADS);
  }

  @Test
  void theOperatorsCustomResourcesDecodeStraightFromAWatchEvent() {
    KubernetesSerialization json = client.getKubernetesSerialization();
    for (HasMetadata object : List.of(Fixtures.paperless(), Fixtures.paperlessPolicy().build(), new ScaledObject())) {
      String event = "{\"type\":\"ADDED\",\"object\":" + json.asJson(object) + "}";

      assertThat(json.unmarshal(event, WatchEvent.class).getObject()).as("the event's object, not converted once more")
          .isInstanceOf(object.getClass());
    }
  }

  @Test
  void equalStringsOfObjectsReadFromTheApiAreOneInstance() {
    for (String name : List.of("flags-a", "flags-b")) {
      client.configMaps().inNamespace("team-a").resource(new ConfigMapBuilder().withNewMetadata().withName(name)
          .addToLabels("app.kubernetes.io/managed-by", "maverick-operator").endMetadata()
          .addToData("config", "x".repeat(SharedStrings.MAX_SHARED_LENGTH + 1)).build()).create();
    }

    List<ConfigMap> read = client.configMaps().inNamespace("team-a").list().getItems();

    assertThat(read).hasSize(2);
    ConfigMap a = read.get(0);
    ConfigMap b = read.get(1);
    assertThat(a.getMetadata().getLabels().get("app.kubernetes.io/managed-by"))
        .isSameAs(b.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
    assertThat(a.getMetadata().getNamespace()).isSameAs(b.getMetadata().getNamespace());
    assertThat(a.getData().get("config")).as("a long string is not worth a lookup")
        .isEqualTo(b.getData().get("config")).isNotSameAs(b.getData().get("config"));
  }

  @Test
  void http2OnlyOverTls() throws Exception {
    // a kubeconfig leaves HTTP/2 on; over plain HTTP the JDK client would upgrade with h2c (BENCHMARKS.md)
    assertThat(javaClientVersion("http://127.0.0.1:6443")).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
    assertThat(javaClientVersion("https://127.0.0.1:6443")).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
  }

  private static java.net.http.HttpClient.Version javaClientVersion(String masterUrl) throws Exception {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(masterUrl).withHttp2Disable(false).build();
    io.fabric8.kubernetes.client.http.HttpClient client = new KubernetesHttpClientFactory().newBuilder(config).build();
    try {
      // fabric8 keeps the JDK client to itself; the version it was built with is the point here
      Method jdkClient = client.getClass().getDeclaredMethod("getHttpClient");
      jdkClient.setAccessible(true);
      return ((java.net.http.HttpClient) jdkClient.invoke(client)).version();
    } finally {
      client.close();
    }
  }
}
