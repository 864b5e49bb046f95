package dev.maverick.runtime;

import dev.maverick.api.Groups;
import dev.maverick.egress.UrlAllowList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How the operator runs. Every setting comes from an environment variable and can be overridden
 * by the matching {@code --flag=value} of the {@code run} verb (see README, "Configuration").
 *
 * @param watchNamespaces namespaces to watch; empty means all
 * @param httpPort port of /metrics, /healthz and /readyz
 * @param leaseNamespace where the leader-election Lease lives; empty disables leader election
 *     unless the pod's namespace is known
 * @param leaseName the Lease; by default {@code maverick-operator}, or {@code maverick-operator-SHARD}
 *     for a shard, so that each shard elects its own leader
 * @param allowedPrometheusUrls the URL prefixes policies may query; empty allows every URL
 * @param allowedWebhookUrls the URL prefixes webhooks may be sent to; empty allows every URL
 * @param shard the value of the label {@code maverick.dev/shard} this instance handles; empty: the
 *     pipelines and policies without that label
 * @param dashboard whether the HTTP port serves the read-only dashboard at /dashboard/ (and the
 *     operator keeps the trigger history it draws)
 */
public record OperatorSettings(
    Set<String> watchNamespaces,
    int httpPort,
    boolean leaderElection,
    String leaseNamespace,
    String leaseName,
    int reconcileThreads,
    UrlAllowList allowedPrometheusUrls,
    UrlAllowList allowedWebhookUrls,
    String shard,
    boolean dashboard) {

  /** A DNS label: the shard is a label value and part of the Lease's name. */
  private static final Pattern SHARD_NAME = Pattern.compile("([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)?");

  /** Without allow-lists (every Prometheus and webhook URL is allowed), without a shard, with the dashboard. */
  public OperatorSettings(Set<String> watchNamespaces, int httpPort, boolean leaderElection, String leaseNamespace,
      String leaseName, int reconcileThreads) {
    this(watchNamespaces, httpPort, leaderElection, leaseNamespace, leaseName, reconcileThreads, UrlAllowList.ANY,
        UrlAllowList.ANY, "", true);
  }

  /** Setting name (env var) to the flag that overrides it. */
  public static final Map<String, String> FLAGS = flags();

  private static Map<String, String> flags() {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("MAVERICK_WATCH_NAMESPACES", "--watch-namespaces");
    flags.put("MAVERICK_HTTP_PORT", "--http-port");
    flags.put("MAVERICK_LEADER_ELECTION", "--leader-election");
    flags.put("MAVERICK_LEASE_NAMESPACE", "--lease-namespace");
    flags.put("MAVERICK_LEASE_NAME", "--lease-name");
    flags.put("MAVERICK_RECONCILE_THREADS", "--reconcile-threads");
    flags.put("MAVERICK_ALLOWED_PROMETHEUS_URL_PREFIXES", "--allowed-prometheus-url-prefixes");
    flags.put("MAVERICK_ALLOWED_WEBHOOK_URL_PREFIXES", "--allowed-webhook-url-prefixes");
    flags.put("MAVERICK_SHARD", "--shard");
    flags.put("MAVERICK_DASHBOARD_ENABLED", "--dashboard-enabled");
    return Map.copyOf(flags);
  }

  /** Reads the settings: flags win over environment variables, which win over defaults. */
  public static OperatorSettings from(Map<String, String> env, List<String> args) {
    Map<String, String> values = new LinkedHashMap<>(env);
    for (String arg : args) {
      String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      String setting = FLAGS.entrySet().stream().filter(e -> e.getValue().equals(flag)).map(Map.Entry::getKey)
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown option '" + flag + "'; options: "
              + String.join(", ", FLAGS.values().stream().map(f -> f + "=VALUE").toList())));
      if (!arg.contains("=")) {
        throw new IllegalArgumentException("option " + flag + " needs a value: " + flag + "=VALUE");
      }
      values.put(setting, arg.substring(arg.indexOf('=') + 1));
    }
    Function<String, String> get = key -> values.getOrDefault(key, "").trim();
    Set<String> namespaces = new TreeSet<>();
    Arrays.stream(get.apply("MAVERICK_WATCH_NAMESPACES").split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).forEach(namespaces::add);
    String leaseNamespace = get.apply("MAVERICK_LEASE_NAMESPACE").isEmpty()
        ? get.apply("POD_NAMESPACE") : get.apply("MAVERICK_LEASE_NAMESPACE");
    String shard = get.apply("MAVERICK_SHARD");
    if (!SHARD_NAME.matcher(shard).matches()) {
      throw new IllegalArgumentException("MAVERICK_SHARD must be a DNS label (at most 63 lower-case letters, digits"
          + " and '-', starting and ending with a letter or digit), got '" + shard + "'");
    }
    String defaultLease = shard.isEmpty() ? "maverick-operator" : "maverick-operator-" + shard;
    return new OperatorSettings(
        namespaces,
        number("MAVERICK_HTTP_PORT", get.apply("MAVERICK_HTTP_PORT"), 8080),
        !"false".equalsIgnoreCase(get.apply("MAVERICK_LEADER_ELECTION")),
        leaseNamespace,
        get.apply("MAVERICK_LEASE_NAME").isEmpty() ? defaultLease : get.apply("MAVERICK_LEASE_NAME"),
        number("MAVERICK_RECONCILE_THREADS", get.apply("MAVERICK_RECONCILE_THREADS"), 10),
        UrlAllowList.parse(get.apply("MAVERICK_ALLOWED_PROMETHEUS_URL_PREFIXES")),
        UrlAllowList.parse(get.apply("MAVERICK_ALLOWED_WEBHOOK_URL_PREFIXES")),
        shard,
        !"false".equalsIgnoreCase(get.apply("MAVERICK_DASHBOARD_ENABLED")));
  }

  /**
   * Selects the pipelines and policies this instance handles: those labelled with its shard, or,
   * without a shard, those with no shard label, so that every object has exactly one handler.
   */
  public String shardSelector() {
    return shard.isEmpty() ? "!" + Groups.SHARD_LABEL : Groups.SHARD_LABEL + "=" + shard;
  }

  /** Settings for an operator inside tests and the demo: no leader election, no HTTP port. */
  public static OperatorSettings embedded() {
    return new OperatorSettings(Set.of(), 0, false, "", "maverick-operator", 4);
  }

  private static int number(String name, String value, int fallback) {
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
    }
  }
}
