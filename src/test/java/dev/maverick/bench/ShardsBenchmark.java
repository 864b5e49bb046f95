package dev.maverick.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Shards (API.md, "Shards"; issue 12, "Beyond one operator"): {@code mvn -B -Pbench verify
 * -Dbench.shards=2 -Dbench.pipelines=2000} starts one operator JVM per shard ({@code MAVERICK_SHARD},
 * each with the chart's JVM settings and a User-Agent of its own) against one mock API server holding
 * N pipelines preloaded and spread over the shards (label {@code maverick.dev/shard}, a policy per
 * shard). It reports, per shard, the figures of {@link OperatorBenchmark} (Ready, CPU to converge,
 * steady CPU, RSS, writes against the minimum, steady writes), which objects each operator wrote that
 * belong to another shard, and which objects both wrote; then all Ready against the floor of all N
 * pipelines, Prometheus queries per interval and the reaction delay. Like the other benchmark it
 * asserts nothing, and ends with one {@code bench:} line per shard.
 *
 * <p>System properties as {@link OperatorBenchmark}'s, besides {@code bench.shards} (the number of
 * shards, named a, b, ...); {@code bench.preload} is api (default) or seed.
 */
@EnabledIfSystemProperty(named = "bench.shards", matches = "[1-9]")
class ShardsBenchmark {
  private static final Duration SETTLE = Duration.ofSeconds(10);
  private static final Pattern PIPELINE = Pattern.compile("emb-\\d{5}");

  @Test
  void run() throws Exception {
    int n = Integer.getInteger("bench.pipelines", 2000);
    int shardCount = Integer.getInteger("bench.shards");
    List<String> shards = new ArrayList<>();
    for (int i = 0; i < shardCount; i++) {
      shards.add(String.valueOf((char) ('a' + i)));
    }
    Duration window = Duration.ofSeconds(Long.getLong("bench.steadySeconds", 120));
    Duration interval = Duration.ofSeconds(Long.getLong("bench.intervalSeconds", 30));
    int threads = Integer.getInteger("bench.reconcileThreads", 10);
    BenchCluster.Preload preload = BenchCluster.Preload.of(System.getProperty("bench.preload", "api"));
    if (preload == BenchCluster.Preload.NONE) {
      throw new IllegalArgumentException("the shards benchmark preloads the pipelines: bench.preload=api or seed");
    }
    boolean reaction = !"false".equals(System.getProperty("bench.reaction"));
    boolean indexedStore = Boolean.getBoolean("bench.indexedStore");
    Path dir = Path.of("target", "bench", "n" + n + "-shards" + shardCount);
    String loadBefore = loadAverage();
    StringBuilder report = new StringBuilder();
    List<String> lines = new ArrayList<>();
    Duration allReady;
    ApiServerBusy apiServer;
    Reaction.Result reacted = null;
    int queries;

    try (BenchCluster cluster = BenchCluster.start(n, indexedStore, shards)) {
      cluster.createPolicy(interval, true);
      if (preload == BenchCluster.Preload.SEED) {
        cluster.seedPipelines();
      } else {
        cluster.createPipelines();
      }
      cluster.watch();
      cluster.flushRequests();
      ApiRequests.Phase creation = cluster.requests.startPhase();
      ApiServerBusy.Reading apiServerBefore = cluster.apiServer();
      Instant start = Instant.now();
      Map<String, OperatorProcess> operators = new LinkedHashMap<>();
      try {
        for (String shard : shards) {
          operators.put(shard, OperatorProcess.start(Path.of("target", "maverick-operator-runtime.jar"),
              cluster.apiServerUrl(), dir.resolve("shard-" + shard), threads,
              Map.of("MAVERICK_SHARD", shard, "KUBERNETES_USER_AGENT", agent(shard))));
        }
        Runnable alive = () -> operators.values().forEach(OperatorProcess::checkAlive);
        Map<String, Duration> ready = new HashMap<>();
        Map<String, Duration> cpuCreation = new HashMap<>();
        while (ready.size() < shards.size()) {
          alive.run();
          for (String shard : shards) {
            if (!ready.containsKey(shard) && cluster.readyIn(shard) == cluster.pipelinesOf(shard).size()) {
              ready.put(shard, Duration.between(start, Instant.now()));
              cpuCreation.put(shard, operators.get(shard).cpuTime());
            }
          }
          if (Duration.between(start, Instant.now()).compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalStateException("not all Ready within 30 minutes: " + ready);
          }
          Thread.sleep(100);
        }
        allReady = ready.values().stream().max(Duration::compareTo).orElseThrow();
        apiServer = ApiServerBusy.between(apiServerBefore, cluster.apiServer(), allReady);
        Thread.sleep(SETTLE.toMillis());
        cluster.flushRequests();

        ApiRequests.Phase steady = cluster.requests.startPhase();
        int queriesBefore = cluster.queries();
        Map<String, Duration> cpuSteadyBefore = new HashMap<>();
        for (String shard : shards) {
          cpuSteadyBefore.put(shard, operators.get(shard).cpuTime());
        }
        OperatorProcess.scrapeThrough(window, List.copyOf(operators.values()));
        cluster.flushRequests();
        queries = cluster.queries() - queriesBefore;
        report.append("## ").append(n).append(" pipelines over ").append(shardCount).append(" shards, batched trigger"
                + " queries, pipelines ").append(preload == BenchCluster.Preload.SEED ? "seeded" : "created")
            .append(" before the operators start (times from their launch)\n\n")
            .append("| shard | pipelines | Ready | CPU to converge per pipeline | steady CPU | RSS | writes / minimum"
                + " | steady writes | objects of other shards written |\n|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Set<String>> written = cluster.requests.objectsWritten();
        for (String shard : shards) {
          OperatorProcess operator = operators.get(shard);
          int pipelines = cluster.pipelinesOf(shard).size();
          double steadyCpu = operator.cpuTime().minus(cpuSteadyBefore.get(shard)).toMillis() / 1000.0
              / (window.toMillis() / 60_000.0);
          long minimum = (long) pipelines * BenchCluster.CHILDREN_PER_PIPELINE
              + creation.informativeStatusWritesBy(agent(shard));
          double writesRatio = (double) creation.writesBy(agent(shard)) / minimum;
          List<String> foreign = written.getOrDefault(agent(shard), Set.of()).stream()
              .filter(object -> !shard.equals(shardOfObject(cluster, object))).sorted().toList();
          double rss = operator.rssKiB() / 1024.0;
          double cpuPerPipeline = (double) cpuCreation.get(shard).toMillis() / pipelines;
          report.append(String.format(Locale.ROOT, "| %s | %d | %.1f s | %.1f ms | %.2f s/min | %.0f MiB | %.2f | %d | %d %s |%n",
              shard, pipelines, ready.get(shard).toMillis() / 1000.0, cpuPerPipeline, steadyCpu, rss, writesRatio,
              steady.writesBy(agent(shard)), foreign.size(), foreign.stream().limit(5).toList()));
          lines.add(String.format(Locale.ROOT, "bench: shard=%s n=%d ready_s=%.1f cpu_ms_per_pipeline=%.1f"
                  + " steady_cpu_s_per_min=%.2f rss_mib=%.0f writes_ratio=%.2f steady_writes=%d foreign_writes=%d",
              shard, pipelines, ready.get(shard).toMillis() / 1000.0, cpuPerPipeline, steadyCpu, rss, writesRatio,
              steady.writesBy(agent(shard)), foreign.size()));
        }
        Set<String> both = new TreeSet<>();
        for (String a : shards) {
          for (String b : shards) {
            if (a.compareTo(b) < 0) {
              written.getOrDefault(agent(a), Set.of()).stream()
                  .filter(written.getOrDefault(agent(b), Set.of())::contains).forEach(both::add);
            }
          }
        }
        report.append("\nObjects written by more than one operator: ").append(both.size())
            .append(both.isEmpty() ? "" : " " + both.stream().limit(10).toList()).append('\n');
        lines.add("bench: shards=" + shardCount + " objects_written_by_several=" + both.size());
        if (reaction) {
          reacted = Reaction.measure(cluster, interval, alive);
        }
      } finally {
        for (OperatorProcess operator : operators.values()) {
          operator.close();
        }
      }
    }
    Floor.Result floor = Floor.measure(n, interval, true, preload, indexedStore);
    double intervals = (double) window.toMillis() / interval.toMillis();
    String summary = String.format(Locale.ROOT, "bench: shards=%d n=%d ready_s=%.1f floor_s=%.1f ratio=%.2f"
            + " queries_per_interval=%.1f", shardCount, n, allReady.toMillis() / 1000.0, floor.time().toMillis() / 1000.0,
        allReady.toMillis() / (double) floor.time().toMillis(), queries / intervals)
        + apiServer.fieldsAgainst(floor.apiServer())
        + (reacted == null ? "" : String.format(Locale.ROOT, " reaction_p50_ms=%d reaction_max_ms=%d acted=%d/%d",
            reacted.p50(), reacted.max(), reacted.acted(), reacted.breaching()));
    report.append("\nFinished ").append(Instant.now()).append("; load average before / after: ").append(loadBefore)
        .append(" / ").append(loadAverage()).append("\n\nAll Ready ").append(String.format(Locale.ROOT, "%.1f s", allReady.toMillis() / 1000.0))
        .append("; floor (a client without logic writes the same ").append(floor.writes()).append(" objects to a fresh mock)")
        .append(String.format(Locale.ROOT, " %.1f s; Prometheus queries per interval %.1f (%d triggers per shard's policy)%n",
            floor.time().toMillis() / 1000.0, queries / intervals, BenchCluster.TRIGGERS));
    lines.add(summary);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.md"), report + "\n" + String.join("\n", lines) + "\n");
    System.out.println(report);
    lines.forEach(System.out::println);
  }

  private static String agent(String shard) {
    return "maverick-operator-shard-" + shard;
  }

  /** The shard an object belongs to: its pipeline's (by name), or its policy's; null when neither. */
  private static String shardOfObject(BenchCluster cluster, String object) {
    Matcher pipeline = PIPELINE.matcher(object);
    if (pipeline.find()) {
      return cluster.shardOf(pipeline.group());
    }
    String name = object.substring(object.indexOf('/') + 1);
    return name.startsWith(BenchCluster.POLICY + "-") ? name.substring(BenchCluster.POLICY.length() + 1) : null;
  }

  private static String loadAverage() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0] + " (1 min)";
  }
}
