package dev.maverick.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.demo.InProcessKubernetes;
import dev.maverick.testing.MutableClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Discovery answers are reused for a minute, and refreshed once however many reconciles ask at once. */
class ApiDiscoveryTest {
  private final InProcessKubernetes kubernetes = InProcessKubernetes.start("discovery");
  private final KubernetesClient client = kubernetes.newClient();
  private final MutableClock clock = MutableClock.at("2026-12-03T10:00:00Z");
  private final ApiDiscovery discovery = new ApiDiscovery(client, clock);

  @AfterEach
  void stop() {
    client.close();
    kubernetes.close();
  }

  @Test
  void reconcilesThatFindTheAnswerStaleTogetherSendOneDiscovery() throws Exception {
    int before = kubernetes.server().getRequestCount();
    discovery.serves(ClusterApi.KEDA);
    int perDiscovery = kubernetes.server().getRequestCount() - before;
    assertThat(perDiscovery).isPositive();

    before = kubernetes.server().getRequestCount();
    discovery.serves(ClusterApi.KEDA);
    assertThat(kubernetes.server().getRequestCount() - before).as("within a minute").isZero();

    clock.advance(ApiDiscovery.RECHECK);
    before = kubernetes.server().getRequestCount();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> reconciles = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Thread reconcile = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        discovery.serves(ClusterApi.KEDA);
      });
      reconcile.start();
      reconciles.add(reconcile);
    }
    go.countDown();
    for (Thread reconcile : reconciles) {
      reconcile.join();
    }
    assertThat(kubernetes.server().getRequestCount() - before).isEqualTo(perDiscovery);
  }
}
