package dev.maverick.cli;

import dev.maverick.api.Groups;
import dev.maverick.dashboard.Dashboard;
import dev.maverick.demo.Demo;
import dev.maverick.metrics.PrometheusRegistry;
import dev.maverick.runtime.HttpEndpoints;
import dev.maverick.runtime.KubernetesClients;
import dev.maverick.runtime.MaverickOperator;
import dev.maverick.runtime.OperatorSettings;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line: {@code run} (the default), {@code render -f FILE...}, {@code demo} and
 * {@code version}. Every verb answers {@code --help}/{@code -h} (exit 0); a bad option or verb
 * prints one line and the usage (exit 2).
 */
@Command(name = "maverick-operator", description = "Kubernetes operator for embedding pipelines.",
    synopsisSubcommandLabel = "[VERB]", commandListHeading = "%nVerbs (run is the default):%n")
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  static final int USAGE_ERROR = 2;
  /** What each setting of {@code run} does, for its help; keyed like {@link OperatorSettings#FLAGS}. */
  private static final Map<String, String> SETTING_HELP = Map.of(
      "MAVERICK_WATCH_NAMESPACES", "comma-separated namespaces to watch (default: all)",
      "MAVERICK_HTTP_PORT", "port of /metrics, /healthz and /readyz (default: 8080)",
      "MAVERICK_LEADER_ELECTION", "true|false: leader election, needs the lease namespace (default: true)",
      "MAVERICK_LEASE_NAMESPACE", "namespace of the leader-election Lease (default: POD_NAMESPACE)",
      "MAVERICK_LEASE_NAME", "name of the Lease (default: maverick-operator)",
      "MAVERICK_RECONCILE_THREADS", "pipelines reconciled in parallel (default: 10)",
      "MAVERICK_ALLOWED_PROMETHEUS_URL_PREFIXES",
      "comma-separated URL prefixes policies' prometheus.url must start with (default: any URL)",
      "MAVERICK_ALLOWED_WEBHOOK_URL_PREFIXES",
      "comma-separated URL prefixes webhook URLs must start with (default: any URL)",
      "MAVERICK_DASHBOARD_ENABLED", "true|false: serve the read-only dashboard at /dashboard/ (default: true)",
      "MAVERICK_SHARD", "handle only pipelines and policies labelled maverick.dev/shard=NAME (default: those"
          + " without the label)");

  @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
  boolean help;

  private Main() {}

  public static void main(String[] args) {
    int status = run(Arrays.asList(args), System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    return commandLine(out, err).execute(withDefaultVerb(args).toArray(String[]::new));
  }

  /**
   * Without a verb (nothing, or an option other than help first) the verb is {@code run};
   * {@code help [VERB]} is {@code [VERB] --help}.
   */
  private static List<String> withDefaultVerb(List<String> args) {
    if (!args.isEmpty() && args.get(0).equals("help")) {
      return args.size() > 1 ? List.of(args.get(1), "--help") : List.of("--help");
    }
    if (args.isEmpty() || args.get(0).startsWith("-") && !List.of("-h", "--help").contains(args.get(0))) {
      List<String> withRun = new ArrayList<>(List.of("run"));
      withRun.addAll(args);
      return withRun;
    }
    return args;
  }

  /**
   * Whether this jar has the demo: {@code target/maverick-operator.jar} has it, the image's jar
   * ({@code target/maverick-operator-runtime.jar}) carries the operator only, without the demo's
   * in-process API server. {@link DemoCommand} is loaded only when it is.
   */
  static final boolean DEMO_INCLUDED = Main.class.getResource("/dev/maverick/demo/Demo.class") != null;

  static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine main = new CommandLine(new Main());
    CommandLine run = new CommandLine(new Run(err));
    OperatorSettings.FLAGS.forEach((setting, flag) -> run.getCommandSpec().addOption(OptionSpec.builder(flag)
        .paramLabel("VALUE").type(String.class)
        .description(SETTING_HELP.getOrDefault(setting, "see README, Configuration") + "; env " + setting)
        .build()));
    main.addSubcommand(run).addSubcommand(new Render.Command(out, err));
    if (DEMO_INCLUDED) {
      main.addSubcommand(new DemoCommand(out));
    }
    main.addSubcommand(new Version(out));
    PrintWriter errWriter = new PrintWriter(err, true);
    return main.setOut(new PrintWriter(out, true)).setErr(errWriter)
        .setParameterExceptionHandler((e, args) -> usageError(e, errWriter));
  }

  /** One line saying what is wrong, then the usage of the verb it concerns. */
  private static int usageError(ParameterException e, PrintWriter err) {
    CommandLine command = e.getCommandLine();
    String problem;
    if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      String argument = unmatched.getUnmatched().get(0);
      problem = argument.startsWith("-") ? "unknown option '" + argument + "'"
          : command.getParent() == null && "demo".equals(argument) && !DEMO_INCLUDED
              ? "this jar carries the operator only (the image's jar); the demo is in target/maverick-operator.jar"
          : command.getParent() == null ? "unknown verb '" + argument + "'"
          : "unexpected argument '" + argument + "'";
    } else {
      String message = e.getMessage().lines().findFirst().orElse("invalid arguments");
      // picocli's sentences ("Missing required option...") continue ours; names (MAVERICK_...) stay as they are
      problem = message.matches("[A-Z][a-z].*") ? Character.toLowerCase(message.charAt(0)) + message.substring(1)
          : message;
    }
    err.println(command.getCommandSpec().qualifiedName(" ") + ": " + problem);
    command.usage(err);
    return USAGE_ERROR;
  }

  /** The settings {@code run} would use with these arguments and environment. */
  static OperatorSettings runSettings(Map<String, String> env, String... args) {
    List<String> withRun = new ArrayList<>(List.of("run"));
    withRun.addAll(List.of(args));
    CommandLine main = commandLine(System.out, System.err);
    main.parseArgs(withRun.toArray(String[]::new));
    return ((Run) main.getSubcommands().get("run").getCommand()).settings(env);
  }

  @Command(name = "run", description = "Run the operator against the current kubeconfig or in-cluster config.",
      footer = "%nEvery setting is also an environment variable; a flag wins over it.")
  static final class Run implements Callable<Integer> {
    private final PrintStream err;
    @Spec CommandSpec spec;
    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    Run(PrintStream err) {
      this.err = err;
    }

    OperatorSettings settings(Map<String, String> env) {
      List<String> flags = new ArrayList<>();
      OperatorSettings.FLAGS.values().forEach(flag -> {
        String value = spec.findOption(flag).getValue();
        if (value != null) {
          flags.add(flag + "=" + value);
        }
      });
      try {
        return OperatorSettings.from(env, flags);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
    }

    @Override
    public Integer call() {
      OperatorSettings settings = settings(System.getenv());
      Config config = Config.autoConfigure(null);
      try {
        checkReachable(config);
      } catch (RuntimeException e) {
        return fail("cannot reach the Kubernetes API at " + config.getMasterUrl() + ": " + reason(e)
            + " (is the kubeconfig's current context right, or is the operator in a cluster?)", e);
      }
      PrometheusMeterRegistry registry = PrometheusRegistry.create();
      KubernetesClient client = KubernetesClients.configure(new KubernetesClientBuilder().withConfig(config)).build();
      MaverickOperator[] operator = new MaverickOperator[1];
      try (HttpEndpoints endpoints = HttpEndpoints.start(settings.httpPort(), registry,
          () -> operator[0] != null && operator[0].healthy(),
          () -> operator[0] == null ? Optional.empty() : operator[0].deadReason())) {
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
        return fail("the operator stopped: " + reason(e), e);
      }
    }

    /** Fails within seconds, without the client's retries, when nothing answers at the API URL. */
    private static void checkReachable(Config config) {
      Config probe = new ConfigBuilder(config).withConnectionTimeout(5_000).withRequestTimeout(5_000)
          .withRequestRetryBackoffLimit(0).build();
      try (KubernetesClient client = KubernetesClients.configure(new KubernetesClientBuilder().withConfig(probe))
          .build()) {
        client.getKubernetesVersion();
      }
    }

    private int fail(String message, Exception e) {
      err.println(spec.qualifiedName(" ") + ": " + message);
      if (verbose) {
        e.printStackTrace(err);
      }
      return 1;
    }

    /** The innermost message: the one that says what went wrong, not where. */
    private static String reason(Throwable e) {
      String reason = e.getMessage();
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause.getMessage() != null) {
          reason = cause.getMessage();
        } else if (cause instanceof java.net.ConnectException) {
          reason = "connection refused";
        }
      }
      return reason == null ? "no answer" : reason;
    }
  }

  @Command(name = "demo", description = "Run the operator against an in-process Kubernetes API with simulated pods"
      + " and metrics, and narrate a staged rollout and an automated rollback (under a minute).")
  static final class DemoCommand implements Callable<Integer> {
    private final PrintStream out;
    @Option(names = "--hold", description = "Keep the operator and its dashboard up after the narration, until Ctrl-C.")
    boolean hold;

    DemoCommand(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      return Demo.run(out, hold);
    }
  }

  @Command(name = "version", description = "Print the operator version, the git commit and the supported API version.")
  static final class Version implements Callable<Integer> {
    private final PrintStream out;

    Version(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      BuildInfo build = BuildInfo.current();
      out.println("maverick-operator " + build.version());
      out.println("commit " + build.commit());
      out.println("API " + Groups.GROUP + "/" + Groups.VERSION);
      return 0;
    }
  }
}
