package dev.maverick.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The benchmark (not a test: run by {@code mvn -B -Pbench verify -Dbench.pipelines=N}, see
 * BENCHMARKS.md). Starts the mock API server and the fake Prometheus, the operator jar in its own
 * JVM, creates N pipelines sharing one policy, and reports creation time, API requests by verb
 * against the minimum, steady-state writes, Prometheus queries per interval, heap, RSS and reconcile
 * durations; then the reaction delay ({@link Reaction}: 10 pipelines breach a trigger) and, once the
 * operator is gone, the floor ({@link Floor}: the same writes by a client without logic on a fresh
 * mock server) and all Ready / floor. Writes the report to
 * {@code target/bench/n<N>[-unbatched][-preloaded]/report.md} and prints it, ending with one
 * {@code bench:} line. It asserts no figure.
 *
 * <p>System properties: {@code bench.pipelines} (100), {@code bench.batch} (true: the policy's
 * triggers have batch queries), {@code bench.steadySeconds} (120; the window must hold whole
 * intervals), {@code bench.intervalSeconds} (30), {@code bench.reconcileThreads} (10, the operator's
 * default), {@code bench.preload} (false; true or api: the pipelines are created through the API
 * before the operator starts, and times run from its launch; seed: as true, but put straight into
 * the mock's store, for large N), {@code bench.reaction} (true; false skips the reaction delay,
 * which takes the trigger's {@code for} of 2 minutes and up to an interval more).
 */
@DisabledIfSystemProperty(named = "bench.shards", matches = ".+", disabledReason = "ShardsBenchmark runs instead")
class OperatorBenchmark {
  private static final Duration SETTLE = Duration.ofSeconds(10);

  @Test
  void run() throws Exception {
    int n = Integer.getInteger("bench.pipelines", 100);
    boolean batched = !"false".equals(System.getProperty("bench.batch"));
    Duration window = Duration.ofSeconds(Long.getLong("bench.steadySeconds", 120));
    Duration interval = Duration.ofSeconds(Long.getLong("bench.intervalSeconds", 30));
    int threads = Integer.getInteger("bench.reconcileThreads", 10);
    BenchCluster.Preload preloadHow = BenchCluster.Preload.of(System.getProperty("bench.preload"));
    boolean preload = preloadHow != BenchCluster.Preload.NONE;
    boolean reaction = !"false".equals(System.getProperty("bench.reaction"));
    boolean indexedStore = Boolean.getBoolean("bench.indexedStore");
    Path dir = Path.of("target", "bench", "n" + n + (batched ? "" : "-unbatched") + (preload ? "-preloaded" : ""));
    StringBuilder report = new StringBuilder();
    String summary;
    String loadBefore = loadAverage();
    Duration allReady;
    ApiServerBusy apiServer;
    Reaction.Result reacted = null;

    try (BenchCluster cluster = BenchCluster.start(n, indexedStore)) {
      cluster.createPolicy(interval, batched);
      Instant preloadStart = Instant.now();
      if (preloadHow == BenchCluster.Preload.SEED) { // straight into the store: N creates through the API take long
        cluster.seedPipelines();
      } else if (preload) { // the operator then finds them all at start: its pace alone, not the creator's
        cluster.createPipelines();
      }
      Duration preloading = Duration.between(preloadStart, Instant.now());
      cluster.watch();
      cluster.flushRequests();
      ApiRequests.Phase creation = cluster.requests.startPhase();
      ApiServerBusy.Reading apiServerAtLaunch = cluster.apiServer();
      Instant operatorStart = Instant.now();
      try (OperatorProcess operator = OperatorProcess.start(Path.of("target", "maverick-operator-runtime.jar"),
          cluster.apiServerUrl(), dir, threads)) {
        long threadsBefore = preload ? 0 : operator.threadsStarted();
        TreeMap<Double, Double> histogramBefore = preload ? new TreeMap<>() : operator.reconcileHistogram();
        Duration cpuBefore = preload ? Duration.ZERO : operator.cpuTime();
        ApiServerBusy.Reading apiServerBefore = preload ? apiServerAtLaunch : cluster.apiServer();
        Instant start = preload ? operatorStart : Instant.now();
        if (!preload) {
          cluster.createPipelines();
        }
        Duration created = Duration.between(start, Instant.now());
        cluster.awaitAllChildren(Duration.ofMinutes(30), operator::checkAlive);
        Duration allChildren = Duration.between(start, Instant.now());
        cluster.awaitAllReady(Duration.ofMinutes(30), operator::checkAlive);
        allReady = Duration.between(start, Instant.now());
        apiServer = ApiServerBusy.between(apiServerBefore, cluster.apiServer(), allReady);
        Duration cpuCreation = operator.cpuTime().minus(cpuBefore);
        long threadsCreation = operator.threadsStarted() - threadsBefore;
        Thread.sleep(SETTLE.toMillis());
        cluster.flushRequests();
        TreeMap<Double, Double> histogramCreated = operator.reconcileHistogram();

        ApiRequests.Phase steady = cluster.requests.startPhase();
        int queriesBefore = cluster.queries();
        long threadsSteadyBefore = operator.threadsStarted();
        Duration cpuSteadyBefore = operator.cpuTime();
        int scrapes = OperatorProcess.scrapeThrough(window, List.of(operator));
        cluster.flushRequests();
        int queries = cluster.queries() - queriesBefore;
        Duration cpuSteady = operator.cpuTime().minus(cpuSteadyBefore);
        long threadsSteady = operator.threadsStarted() - threadsSteadyBefore;
        TreeMap<Double, Double> histogramSteady = operator.reconcileHistogram();
        long rss = operator.rssKiB();
        long heap = operator.heapAfterFullGcKiB();
        long rssAfterGc = operator.rssKiB();
        ApiRequests.Phase breach = cluster.requests.startPhase();
        if (reaction) {
          reacted = Reaction.measure(cluster, interval, operator::checkAlive);
          cluster.flushRequests();
        }

        long minimum = (long) n * BenchCluster.CHILDREN_PER_PIPELINE + creation.informativeStatusWrites();
        double intervals = (double) window.toMillis() / interval.toMillis();
        report.append("## ").append(n).append(" pipelines, ").append(batched ? "batched" : "unbatched (per-pipeline)")
            .append(" trigger queries").append(preload ? ", pipelines created before the operator starts" : "")
            .append("\n\n")
            .append("Finished ").append(Instant.now()).append("; load average before / after: ").append(loadBefore)
            .append(" / ").append(loadAverage()).append(" (").append(Runtime.getRuntime().availableProcessors())
            .append(" CPUs)\n\n")
            .append("| measure | value |\n|---|---|\n")
            .append(row(preload ? "(times from the operator's JVM launch; the pipelines existed before: "
                + (preloadHow == BenchCluster.Preload.SEED ? "seeded into the store" : "created through the API")
                + " in " + seconds(preloading) + ")"
                : "pipelines created (runner, sequential)", preload ? "" : seconds(created)))
            .append(row("every child of every pipeline exists", seconds(allChildren)))
            .append(row("every pipeline Ready", seconds(allReady)))
            .append(row("the mock API server's serving threads until all Ready", apiServer.text()))
            .append(row("operator CPU time until all Ready" + (preload ? " (JVM start included)" : " from the first create"),
                seconds(cpuCreation)))
            .append(row("operator writes during creation (+" + SETTLE.toSeconds() + " s settle)", creation.writes()))
            .append(row("minimum: " + n + " x " + BenchCluster.CHILDREN_PER_PIPELINE
                + " child creates + informative status writes (" + creation.informativeStatusWrites() + ")", minimum))
            .append(row("creation writes / minimum", String.format("%.2f", (double) creation.writes() / minimum)))
            .append(row("writes in the steady-state window (" + window.toSeconds() + " s)", steady.writes()))
            .append(row("Prometheus queries in the window", queries))
            .append(row("Prometheus queries per interval (" + interval.toSeconds() + " s)",
                String.format("%.1f", queries / intervals)))
            .append(row("operator CPU time in the steady-state window (" + scrapes + " scrapes of /metrics, every "
                + OperatorProcess.SCRAPE_EVERY.toSeconds() + " s as the chart's ServiceMonitor)", seconds(cpuSteady)))
            .append(row("threads the operator's JVM started until all Ready / in the steady-state window",
                threadsCreation + " / " + threadsSteady))
            .append(row("heap after full GC", mib(heap)))
            .append(row("RSS at steady state (before / after the full GC)", mib(rss) + " / " + mib(rssAfterGc)))
            .append(row("reconcile p50 / p99, creation", quantiles(histogramBefore, histogramCreated)))
            .append(row("reconcile p50 / p99, steady state", quantiles(histogramCreated, histogramSteady)))
            .append("\nAPI requests per pipeline during creation, by verb and resource:\n\n")
            .append(perPipeline(creation.counts(), n))
            .append("\nAPI requests in the steady-state window (total):\n\n")
            .append(totals(steady.counts()));
        if (reacted != null) {
          report.append("\nAPI requests while ").append(reacted.breaching()).append(" pipelines breached ")
              .append(BenchCluster.BREACH_TRIGGER).append(" (until the last action's status write):\n\n")
              .append(totals(breach.counts()));
        }
        // one line with the figures; floor_s, ratio and the reaction delay are added below
        summary = String.format(java.util.Locale.ROOT, "bench: n=%d ready_s=%.1f cpu_ms_per_pipeline=%.1f"
            + " steady_cpu_s_per_min=%.2f rss_mib=%.0f threads_started=%d writes_ratio=%.2f steady_writes=%d"
            + " queries_per_interval=%.1f", n, allReady.toMillis() / 1000.0,
            (double) cpuCreation.toMillis() / n, cpuSteady.toMillis() / 1000.0 / (window.toMillis() / 60_000.0),
            rss / 1024.0, threadsCreation, (double) creation.writes() / minimum, steady.writes(), queries / intervals);
      }
    }
    // after the operator and its mock server are gone: a fresh mock server, a client without logic
    Floor.Result floor = Floor.measure(n, interval, batched, preloadHow, indexedStore);
    double ratio = allReady.toMillis() / (double) floor.time().toMillis();
    report.append("\n### Goals measured in this run\n\n| measure | value | goal |\n|---|---|---|\n")
        .append(row3("every pipeline Ready (above)", seconds(allReady), ""))
        .append(row3("floor: a client without logic writes the same " + floor.writes() + " objects (" + n + " x "
            + BenchCluster.CHILDREN_PER_PIPELINE + " children + " + n + " status writes) to a fresh mock server, "
            + Floor.THREADS + " threads" + (preload ? "" : ", the pipelines created in sequence as above"),
            seconds(floor.time()), ""))
        .append(row3("the floor's mock API server's serving threads", floor.apiServer().text(), ""))
        .append(row3("all Ready / floor", String.format(java.util.Locale.ROOT, "%.2f", ratio), ""))
        .append(row3("the mock's CPU until all Ready / the floor's (the API server's work the operator's run asks"
            + " for, against the floor's)", String.format(java.util.Locale.ROOT, "%.2f", apiServer.workRatio(floor.apiServer())), ""));
    if (reacted != null) {
      report.append(row3("reaction delay, " + reacted.acted() + " of " + reacted.breaching() + " breaching pipelines acted ("
              + BenchCluster.BREACH_TRIGGER + ", for " + BenchCluster.BREACH_FOR.toMinutes() + "m): p50 / max from"
              + " breach visible + for to the action's status write", reacted.p50() + " ms / " + reacted.max() + " ms",
              "<= interval + 1 s = " + (interval.toMillis() + 1000) + " ms"))
          .append(row3("processing delay: p50 / max from the operator's breachingSince + for to the same write",
              reacted.processingP50() + " ms / " + reacted.processingMax() + " ms", ""));
    }
    summary += String.format(java.util.Locale.ROOT, " floor_s=%.1f ratio=%.2f", floor.time().toMillis() / 1000.0, ratio)
        + apiServer.fieldsAgainst(floor.apiServer())
        + (reacted == null ? "" : String.format(java.util.Locale.ROOT,
            " reaction_p50_ms=%d reaction_max_ms=%d processing_p50_ms=%d processing_max_ms=%d%s", reacted.p50(),
            reacted.max(), reacted.processingP50(), reacted.processingMax(), reacted.acted() < reacted.breaching()
                ? " reaction_acted=" + reacted.acted() + "/" + reacted.breaching() : ""))
        + " java_options=\"" + System.getProperty("bench.javaOptions", "") + "\""
        + (System.getProperty("bench.maxRam") == null ? "" : " max_ram=" + System.getProperty("bench.maxRam"))
        + (indexedStore ? " indexed_store=true" : "") + (preload ? " preload=" + preloadHow.name().toLowerCase() : "");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.md"), report + "\n" + summary + "\n");
    System.out.println(report);
    System.out.println(summary);
  }

  private static String loadAverage() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0] + " (1 min)";
  }

  private static String row(String measure, Object value) {
    return "| " + measure + " | " + value + " |\n";
  }

  private static String row3(String measure, Object value, String goal) {
    return "| " + measure + " | " + value + " | " + goal + " |\n";
  }

  private static String seconds(Duration duration) {
    return String.format("%.1f s", duration.toMillis() / 1000.0);
  }

  private static String mib(long kib) {
    return String.format("%.0f MiB", kib / 1024.0);
  }

  private static String perPipeline(Map<String, Long> counts, int n) {
    StringBuilder table = new StringBuilder("| request | total | per pipeline |\n|---|---|---|\n");
    counts.forEach((request, count) -> table.append("| ").append(request).append(" | ").append(count).append(" | ")
        .append(String.format("%.2f", (double) count / n)).append(" |\n"));
    return table.toString();
  }

  private static String totals(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "none\n";
    }
    StringBuilder table = new StringBuilder("| request | total |\n|---|---|\n");
    counts.forEach((request, count) -> table.append("| ").append(request).append(" | ").append(count).append(" |\n"));
    return table.toString();
  }

  /** p50 / p99 of the observations between two snapshots of a cumulative histogram (as histogram_quantile). */
  static String quantiles(NavigableMap<Double, Double> before, NavigableMap<Double, Double> after) {
    TreeMap<Double, Double> delta = new TreeMap<>();
    after.forEach((bound, count) -> delta.put(bound, count - before.getOrDefault(bound, 0.0)));
    if (delta.isEmpty() || delta.lastEntry().getValue() == 0) {
      return "no reconciles";
    }
    return String.format("%.1f ms / %.1f ms (%d reconciles)", quantile(delta, 0.5) * 1000, quantile(delta, 0.99) * 1000,
        delta.lastEntry().getValue().longValue());
  }

  private static double quantile(TreeMap<Double, Double> cumulative, double q) {
    double total = cumulative.lastEntry().getValue();
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      if (bucket.getValue() >= rank) {
        if (bucket.getKey().isInfinite()) {
          return lowerBound;
        }
        double inBucket = bucket.getValue() - lowerCount;
        return inBucket == 0 ? bucket.getKey()
            : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
      }
      lowerBound = bucket.getKey();
      lowerCount = bucket.getValue();
    }
    return lowerBound;
  }
}
