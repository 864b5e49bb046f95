package dev.maverick.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The operator jar ({@code run}) in its own JVM, configured as the Helm chart configures it: the
 * chart's JAVA_TOOL_OPTIONS, and the JVM's view of the chart's 512Mi memory limit ({@code
 * -XX:MaxRAM=512m}: heap 75% = 384 MiB; below 1792 MiB JVM ergonomics pick the Serial GC, so it is
 * named explicitly since this host is larger). Leader election off, its own HTTP port.
 */
public final class OperatorProcess implements AutoCloseable {
  /** How often the chart's ServiceMonitor has Prometheus scrape /metrics ({@code serviceMonitor.interval}). */
  static final Duration SCRAPE_EVERY = Duration.ofSeconds(30);

  public static final String CHART_JAVA_TOOL_OPTIONS = "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
      + " -XX:TieredStopAtLevel=1 -XX:InitialRAMPercentage=25 -XX:MaxNewSize=16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
      + " -XX:-ShrinkHeapInSteps -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 -Djava.io.tmpdir=/tmp";
  /** The chart's {@code MALLOC_ARENA_MAX}. */
  public static final String CHART_MALLOC_ARENA_MAX = "2";
  /** {@code bench.maxRam} (512m, the chart's limit): the memory the operator's JVM believes it has. */
  static final List<String> CONTAINER_VIEW = Stream.concat(
      Stream.of("-XX:MaxRAM=" + System.getProperty("bench.maxRam", "512m")),
      // the ergonomics' collector, unless the options choose one themselves
      (CHART_JAVA_TOOL_OPTIONS + " " + System.getProperty("bench.javaOptions", "")).matches(".*-XX:\\+Use\\w+GC.*")
          ? Stream.empty() : Stream.of("-XX:+UseSerialGC")).toList();

  /** The classes the image's class-data archive holds (the Dockerfile dumps it from the same list). */
  public static final Path CLASS_LIST = Path.of("operator/src/main/cds/maverick-operator.classlist");
  /** {@code bench.classDataArchive} (true, as the image): false runs the jar with the JDK's archive only. */
  private static final boolean CLASS_DATA_ARCHIVE =
      Boolean.parseBoolean(System.getProperty("bench.classDataArchive", "true"));
  private static final Map<Path, Path> ARCHIVES = new java.util.HashMap<>();

  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final java.util.regex.Pattern THREADS_STARTED =
      java.util.regex.Pattern.compile("(?m)^jvm_threads_started_threads_total(?:\\{[^}]*\\})? (\\S+)$");
  private static final Pattern BUCKET = Pattern.compile(
      "^operator_sdk_controllers_execution_reconcile_seconds_bucket\\{(.*)} (\\S+)$", Pattern.MULTILINE);
  private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  /**
   * Longer than JOSDK's cacheSyncTimeout (2 minutes): an operator whose informers do not sync in
   * time exits (as it should on a cluster, where the kubelet restarts it) before the wait ends.
   */
  private static final Duration READY_WITHIN = Duration.ofMinutes(3);

  private final Process process;
  private final int httpPort;
  private final Path workDir;

  /** The operator process ended before /readyz answered 200; the message ends with its log. */
  public static final class ExitedBeforeReady extends IllegalStateException {
    ExitedBeforeReady(String message) {
      super(message);
    }
  }

  private OperatorProcess(Process process, int httpPort, Path workDir) {
    this.process = process;
    this.httpPort = httpPort;
    this.workDir = workDir;
  }

  /** Throws, with the end of the operator's log, when the process has exited (an OutOfMemoryError exits it). */
  void checkAlive() {
    if (!process.isAlive()) {
      String tail;
      try {
        tail = logTail(workDir);
      } catch (IOException e) {
        tail = "(log unreadable: " + e + ")";
      }
      throw new IllegalStateException("the operator exited with " + process.exitValue() + "; the end of its log:\n" + tail);
    }
  }

  /** The operator jar's {@code run}, as the image runs it; ready once /readyz answers 200. */
  public static OperatorProcess start(Path jar, String apiServerUrl, Path workDir, int reconcileThreads)
      throws IOException {
    return start(jar, apiServerUrl, workDir, reconcileThreads, Map.of());
  }

  /** As above, with {@code env} added to its environment (e.g. MAVERICK_SHARD). */
  public static OperatorProcess start(Path jar, String apiServerUrl, Path workDir, int reconcileThreads,
      Map<String, String> env) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist: build it with mvn package (mvn -Pbench verify does)");
    }
    Map<String, String> all = new java.util.HashMap<>(Map.of("MAVERICK_LEADER_ELECTION", "false",
        "MAVERICK_RECONCILE_THREADS", Integer.toString(reconcileThreads)));
    all.putAll(env);
    List<String> archive = CLASS_DATA_ARCHIVE
        ? List.of("-XX:SharedArchiveFile=" + classDataArchive(jar)) : List.of();
    return launch(Stream.concat(archive.stream(), Stream.of("-jar", jar.toAbsolutePath().toString(), "run")).toList(),
        apiServerUrl, workDir, all);
  }

  /**
   * The class-data archive of {@code jar}, dumped as the Dockerfile dumps the image's from {@link
   * #CLASS_LIST}, once per jar and run (a rebuilt jar no longer matches an older archive). The JVM
   * maps it at start instead of loading and verifying those classes one by one.
   */
  public static synchronized Path classDataArchive(Path jar) throws IOException {
    Path archive = ARCHIVES.get(jar.toAbsolutePath());
    if (archive == null) {
      archive = jar.toAbsolutePath().resolveSibling(jar.getFileName() + ".jsa");
      // as the image's build runs it: with the JVM's own ergonomics, not the pod's memory limit
      List<String> command = List.of("java", "-Xshare:dump", "-XX:SharedClassListFile=" + CLASS_LIST.toAbsolutePath(),
          "-XX:SharedArchiveFile=" + archive, "-cp", jar.toAbsolutePath().toString());
      Process dump = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(dump.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      try {
        if (dump.waitFor() != 0) {
          throw new IllegalStateException("dumping the class-data archive failed: " + command + "\n" + output);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while dumping the class-data archive", e);
      }
      ARCHIVES.put(jar.toAbsolutePath(), archive);
    }
    return archive;
  }

  /**
   * The operator as its own process, from the test classpath (no jar needed, so it runs in the test
   * phase), with {@code env} added to its environment; ready once /readyz answers 200.
   */
  public static OperatorProcess startFromClasspath(String apiServerUrl, Path workDir, Map<String, String> env)
      throws IOException {
    return launch(List.of("-cp", System.getProperty("java.class.path"), "dev.maverick.cli.Main", "run"),
        apiServerUrl, workDir, env);
  }

  private static OperatorProcess launch(List<String> mainAndArgs, String apiServerUrl, Path workDir,
      Map<String, String> extraEnv) throws IOException {
    Files.createDirectories(workDir);
    Path kubeconfig = workDir.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: bench, cluster: {server: "%s"}}]
        users: [{name: bench, user: {token: bench}}]
        contexts: [{name: bench, context: {cluster: bench, user: bench}}]
        current-context: bench
        """.formatted(apiServerUrl));
    int port = freePort();
    List<String> command = new java.util.ArrayList<>(List.of("java"));
    command.addAll(CONTAINER_VIEW);
    command.addAll(mainAndArgs);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("operator.log").toFile()));
    Map<String, String> env = builder.environment();
    // bench.javaOptions: JVM options to try against the chart's (the benchmark compares them)
    env.put("JAVA_TOOL_OPTIONS", (CHART_JAVA_TOOL_OPTIONS + " " + System.getProperty("bench.javaOptions", "")).trim());
    env.put("MALLOC_ARENA_MAX", CHART_MALLOC_ARENA_MAX);
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("MAVERICK_HTTP_PORT", Integer.toString(port));
    env.putAll(extraEnv);
    OperatorProcess operator = new OperatorProcess(builder.start(), port, workDir);
    try {
      await().atMost(READY_WITHIN).pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsInstanceOf(UncheckedIOException.class).until(() -> {
        if (!operator.process.isAlive()) {
          throw new ExitedBeforeReady("the operator exited with " + operator.process.exitValue()
              + " before it was ready; the end of its log:\n" + logTail(workDir));
        }
        return operator.get("/readyz").statusCode() == 200;
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      String threads; // where its startup hangs, taken before the process is killed
      try {
        threads = operator.jcmd("Thread.print");
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        threads = "(interrupted)";
      }
      operator.process.destroyForcibly();
      throw new AssertionError("the operator on port " + port + " was not ready within " + READY_WITHIN.toMinutes()
          + " minutes; the end of its log:\n"
          + logTail(workDir) + "\nits threads:\n" + threads, e);
    }
    return operator;
  }

  private static String logTail(Path workDir) throws IOException {
    List<String> log = Files.readAllLines(workDir.resolve("operator.log"));
    return String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size()));
  }

  /** The process, to wait for its exit or SIGKILL it ({@link Process#destroyForcibly}). */
  public Process process() {
    return process;
  }

  long pid() {
    return process.pid();
  }

  /** Resident set size from /proc/PID/status, in KiB. */
  long rssKiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/" + pid() + "/status");
  }

  /** Threads the operator's JVM has started so far ({@code jvm_threads_started_threads_total} on /metrics). */
  long threadsStarted() {
    Matcher started = THREADS_STARTED.matcher(get("/metrics").body());
    if (!started.find()) {
      throw new IllegalStateException("no jvm_threads_started_threads_total on /metrics");
    }
    return (long) Double.parseDouble(started.group(1));
  }

  /**
   * Waits out a steady-state window while every operator's /metrics is scraped every
   * {@link #SCRAPE_EVERY} from its start, as Prometheus does through the chart's ServiceMonitor: the
   * scrapes are part of an operator's steady work. The scrapes of each operator.
   */
  static int scrapeThrough(Duration window, List<OperatorProcess> operators) throws InterruptedException {
    long end = System.nanoTime() + window.toNanos();
    int scrapes = 0;
    for (long next = System.nanoTime(); next < end; next += SCRAPE_EVERY.toNanos()) {
      Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
      operators.forEach(operator -> operator.get("/metrics"));
      scrapes++;
    }
    Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
    return scrapes;
  }

  /** CPU time (user + system) the operator process has used so far, from /proc/PID/stat. */
  Duration cpuTime() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
    return Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND);
  }

  /**
   * Heap in use after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}: the Serial GC's young
   * and tenured generations, or a regional collector's whole heap), in KiB.
   */
  long heapAfterFullGcKiB() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    long used = 0;
    for (String line : info.split("\n")) {
      Matcher generation = HEAP_USED.matcher(line);
      if ((line.contains("generation") || line.contains(" heap ")) && generation.find()) {
        used += Long.parseLong(generation.group(1));
      }
    }
    if (used == 0) {
      throw new IllegalStateException("no heap usage in jcmd GC.heap_info output: " + info);
    }
    return used;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid()), command).redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes());
    jcmd.waitFor(1, TimeUnit.MINUTES);
    return output;
  }

  /** The pipeline reconciler's cumulative duration histogram from /metrics: upper bound (seconds) to count. */
  TreeMap<Double, Double> reconcileHistogram() {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    Matcher bucket = BUCKET.matcher(get("/metrics").body());
    while (bucket.find()) {
      if (!bucket.group(1).contains("controller=\"embeddingpipeline\"")) {
        continue;
      }
      Matcher le = LE.matcher(bucket.group(1));
      if (le.find()) {
        double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
        buckets.merge(bound, Double.parseDouble(bucket.group(2)), Double::sum);
      }
    }
    return buckets;
  }

  private HttpResponse<String> get(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
