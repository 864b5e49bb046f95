package dev.maverick.runtime;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How the operator runs. Every setting comes from an environment variable and can be overridden
 * by the matching {@code --flag=value} of the {@code run} verb (see README, "Configuration").
 *
 * @param watchNamespaces namespaces to watch; empty means all
 * @param httpPort port of /metrics, /healthz and /readyz
 * @param leaseNamespace where the leader-election Lease lives; empty disables leader election
 *     unless the pod's namespace is known
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
    boolean dashboard) {

  /** With the dashboard on (its default). */
  public OperatorSettings(Set<String> watchNamespaces, int httpPort, boolean leaderElection, String leaseNamespace,
      String leaseName, int reconcileThreads) {
    this(watchNamespaces, httpPort, leaderElection, leaseNamespace, leaseName, reconcileThreads, true);
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
    return new OperatorSettings(
        namespaces,
        number("MAVERICK_HTTP_PORT", get.apply("MAVERICK_HTTP_PORT"), 8080),
        !"false".equalsIgnoreCase(get.apply("MAVERICK_LEADER_ELECTION")),
        leaseNamespace,
        get.apply("MAVERICK_LEASE_NAME").isEmpty() ? "maverick-operator" : get.apply("MAVERICK_LEASE_NAME"),
        number("MAVERICK_RECONCILE_THREADS", get.apply("MAVERICK_RECONCILE_THREADS"), 10),
        !"false".equalsIgnoreCase(get.apply("MAVERICK_DASHBOARD_ENABLED")));
  }

  /** Settings for an operator inside tests and the demo: no leader election, no HTTP port. */
  public static OperatorSettings embedded() {
    return new OperatorSettings(Set.of(), 0, false, "", "maverick-operator", 4, true);
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
