package dev.maverick.cli;

import dev.maverick.dashboard.Dashboard;
import dev.maverick.demo.Demo;
import dev.maverick.runtime.HttpEndpoints;
import dev.maverick.runtime.MaverickOperator;
import dev.maverick.runtime.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command line: {@code run} (default), {@code render -f FILE...}, {@code demo}. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  static final String USAGE = """
      usage: java -jar maverick-operator.jar [VERB] [OPTIONS]

        run     (default) run the operator against the current kubeconfig or in-cluster config
                options: --watch-namespaces=a,b  --http-port=8080  --leader-election=true|false
                         --lease-namespace=NS  --lease-name=NAME  --reconcile-threads=N
                         --dashboard-enabled=true|false
                (each also an environment variable, e.g. MAVERICK_WATCH_NAMESPACES; see README)
        render  -f FILE [-f FILE...]   print the child manifests for EmbeddingPipeline YAML, offline
        demo    run the operator against an in-process Kubernetes API with simulated pods and metrics,
                and narrate a staged rollout and an automated rollback (under a minute); it prints the
                dashboard's URL. --hold keeps the dashboard up after the narration, until Ctrl-C
      """;

  private Main() {}

  public static void main(String[] args) {
    int status = run(Arrays.asList(args), System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    String verb = args.isEmpty() || args.get(0).startsWith("--") ? "run" : args.get(0);
    List<String> rest = args.isEmpty() || args.get(0).startsWith("--") ? args : args.subList(1, args.size());
    return switch (verb) {
      case "run" -> runOperator(rest, err);
      case "render" -> Render.run(rest, out, err);
      case "demo" -> {
        if (!rest.isEmpty() && !rest.equals(List.of("--hold"))) {
          err.println("demo takes only --hold, got " + String.join(" ", rest));
          yield 2;
        }
        yield Demo.run(out, !rest.isEmpty());
      }
      case "help", "-h", "--help" -> {
        out.print(USAGE);
        yield 0;
      }
      default -> {
        err.println("unknown verb '" + verb + "'");
        err.print(USAGE);
        yield 2;
      }
    };
  }

  private static int runOperator(List<String> args, PrintStream err) {
    OperatorSettings settings;
    try {
      settings = OperatorSettings.from(System.getenv(), args);
    } catch (IllegalArgumentException e) {
      err.println("run: " + e.getMessage());
      return 2;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // reconcile durations as histograms (_bucket), so p50/p99 come from histogram_quantile
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        return id.getName().startsWith("operator.sdk.controllers.execution.")
            ? DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config) : config;
      }
    });
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    // two HTTP client implementations are on the classpath (the demo's server needs vert.x): pin one
    KubernetesClient client = new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory()).build();
    MaverickOperator[] operator = new MaverickOperator[1];
    try (HttpEndpoints endpoints = HttpEndpoints.start(settings.httpPort(), registry,
        () -> operator[0] != null && operator[0].healthy())) {
      LOG.info("serving /metrics, /healthz and /readyz on port {}", endpoints.port());
      operator[0] = MaverickOperator.start(client, settings, Clock.systemUTC(), registry);
      operator[0].dashboard().ifPresent(dashboard -> {
        endpoints.serve(Dashboard.CONTEXT, dashboard);
        LOG.info("serving the read-only dashboard on port {} at {}", endpoints.port(), Dashboard.PATH);
      });
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        operator[0].close();
        stopped.countDown();
      }, "shutdown"));
      stopped.await();
      return 0;
    } catch (Exception e) {
      LOG.error("the operator stopped: {}", e.getMessage(), e);
      return 1;
    }
  }
}
