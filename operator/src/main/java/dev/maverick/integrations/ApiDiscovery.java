package dev.maverick.integrations;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of the {@link ClusterApi}s the cluster serves, from API discovery. An answer is reused for
 * {@link #RECHECK}, so a reconcile rarely asks, and installing (or removing) KEDA, the Prometheus
 * Operator or the OpenFeature operator is noticed within that time without restarting the operator.
 */
public class ApiDiscovery {
  public static final Duration RECHECK = Duration.ofMinutes(1);

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<ClusterApi, Answer> answers = new ConcurrentHashMap<>();

  private record Answer(boolean served, Instant at) {}

  public ApiDiscovery(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Every API served (what {@code render} assumes: it shows what a fully equipped cluster gets). */
  public static Set<ClusterApi> all() {
    return EnumSet.allOf(ClusterApi.class);
  }

  /** The APIs the cluster serves now; a failing discovery request throws, so the reconcile is retried. */
  public Set<ClusterApi> served() {
    Set<ClusterApi> served = EnumSet.noneOf(ClusterApi.class);
    for (ClusterApi api : ClusterApi.values()) {
      if (serves(api)) {
        served.add(api);
      }
    }
    return served;
  }

  /**
   * Refreshed under the map's lock for {@code api}: reconciles that find the answer stale at the
   * same time wait for one discovery request instead of each sending their own.
   */
  public boolean serves(ClusterApi api) {
    Instant now = clock.instant();
    return answers.compute(api, (key, answer) -> answer != null && answer.at().plus(RECHECK).isAfter(now) ? answer
        : new Answer(client.supports(key.apiVersion(), key.kind()), now)).served();
  }
}
