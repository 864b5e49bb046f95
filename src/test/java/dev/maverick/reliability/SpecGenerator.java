package dev.maverick.reliability;

import dev.maverick.api.Action;
import dev.maverick.api.ActionType;
import dev.maverick.api.AppPorts;
import dev.maverick.api.AppSpec;
import dev.maverick.api.Autoscaling;
import dev.maverick.api.ComparisonOperator;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.FeatureFlag;
import dev.maverick.api.FlagDelivery;
import dev.maverick.api.FreezeWindow;
import dev.maverick.api.Gate;
import dev.maverick.api.LocalObjectRef;
import dev.maverick.api.MetricCondition;
import dev.maverick.api.MetricsUnavailablePolicy;
import dev.maverick.api.MinSamples;
import dev.maverick.api.Probes;
import dev.maverick.api.PrometheusSpec;
import dev.maverick.api.QueueDepth;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.RateLimitValues;
import dev.maverick.api.RateLimiting;
import dev.maverick.api.Replicas;
import dev.maverick.api.RolloutPolicySpec;
import dev.maverick.api.Stage;
import dev.maverick.api.StageFlag;
import dev.maverick.api.Trigger;
import dev.maverick.api.TriggerMode;
import dev.maverick.api.WorkerPorts;
import dev.maverick.api.WorkerSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generation of EmbeddingPipeline and RolloutPolicy specs. A generated spec is valid, or
 * carries one or two known defects, each with the field path its problem must name. Valid specs
 * still use the edges of what is allowed: extreme numbers, long strings, unicode in free text.
 */
final class SpecGenerator {
  /** A pipeline name and spec; {@code expectedPaths} empty means valid. */
  record PipelineCase(String name, EmbeddingPipelineSpec spec, List<String> expectedPaths) {}

  /** A policy for a pipeline spec; {@code expectedPaths} empty means valid (alone and against the pipeline). */
  record PolicyCase(RolloutPolicySpec spec, List<String> expectedPaths) {}

  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  private static final String ALNUM = LOWER + "0123456789";
  private static final String[] FREE_TEXT = {
      "internal-testing-team", "équipe-α", "チーム", "🚀 launch", "x".repeat(2000), "quote\"and\\backslash",
      "line\nbreak", "{{pipeline}}", "", " ", "null", "-1"};
  private static final String[] QUANTITIES = {"250m", "1", "0.5", "512Mi", "1Gi", "2e3", "100k", "1.5G", "0"};
  private static final String[] BAD_QUANTITIES = {"lots", "1.2.3", "1GiB", "--1", "m250", "½"};
  /** Valid durations, up to the 365d maximum in every unit. */
  private static final String[] DURATIONS = {"0s", "1ms", "30s", "10m", "1h30m", "2d", "1w", "999999s", "365d",
      "52w1d", "8760h", "525600m", "31536000000ms", "000000000000000000365d", "1s".repeat(32)};
  /** Malformed durations, and well-formed ones above 365d up to the Long extremes and huge strings. */
  private static final String[] BAD_DURATIONS = {"", "5x", "-1m", "ten minutes", "1.5h", "m", "30", "٣٠s",
      "99999999999999999999s", "106751991167301d", "366d", "365d1ms", "53w", "8761h", "9999999999999d",
      Long.MAX_VALUE + "ms", Long.MAX_VALUE + "w", "9223372036854775808s", Long.MIN_VALUE + "s",
      Integer.MAX_VALUE + "d", "1" + "0".repeat(100_000) + "s", "365d".repeat(2), "1d".repeat(366), "1s".repeat(1000)};
  private static final String[] QUERIES = {
      "sum(rate(embedding_requests_total{pipeline=\"{{pipeline}}\",outcome=\"success\"}[5m]))",
      "embedding_queue_depth{namespace=\"{{namespace}}\"}", "vector(1)", "1", "up{job=\"a)\"}",
      "max by (pod) (x{label=~\"[({\"})"};
  private static final String[] BAD_QUERIES = {"", "   ", "sum(rate(x[5m])", "x{a=\"b\"", "x)", "\"unterminated"};

  private final Random random;

  SpecGenerator(long seed) {
    this.random = new Random(seed);
  }

  PipelineCase pipeline() {
    String name = dns1035(1 + random.nextInt(56));
    List<String> expected = new ArrayList<>();
    Component app = component(false);
    Component worker = component(true);
    List<FeatureFlag> flags = new ArrayList<>();
    // now and then a long list
    int flagCount = random.nextInt(50) == 0 ? 64 + random.nextInt(64) : random.nextInt(7);
    for (int i = 0; i < flagCount; i++) {
      // the letter ends the index, so names are unique ("f1" + "6p" was "f16" + "p")
      flags.add(flag("f" + i + "x" + identifier(random.nextInt(30))));
    }
    RateLimiting rateLimiting = random.nextInt(5) == 0
        ? new RateLimiting(RateLimitProfile.custom, new RateLimitValues(1 + random.nextInt(Integer.MAX_VALUE),
            1 + random.nextInt(100), 1 + random.nextInt(1_000_000), random.nextInt(100), 1 + random.nextDouble() * 10,
            random.nextInt(Integer.MAX_VALUE)))
        : new RateLimiting(pick(RateLimitProfile.conservative, RateLimitProfile.balanced, RateLimitProfile.aggressive,
            null), null);
    int defects = random.nextInt(2) == 0 ? 0 : 1 + random.nextInt(2);
    for (int d = 0; d < defects; d++) {
      switch (random.nextInt(16)) {
        case 0 -> {
          name = pick("", "Upper", "has_underscore", "-leading", "trailing-", "9starts-with-digit",
              dns1035(57 + random.nextInt(200)), "ünï");
          expected.add("metadata.name");
        }
        case 1 -> {
          app.image = pick("", "  ", "registry.example/app:1.0 with-space", "\tregistry/app");
          expected.add("spec.app.image");
        }
        case 2 -> {
          int min = 1 + random.nextInt(Integer.MAX_VALUE - 1);
          worker.replicas = new Replicas(min, random.nextInt(min));
          expected.add("spec.worker.replicas");
        }
        case 3 -> {
          app.replicas = new Replicas(pick(-1, Integer.MIN_VALUE), 3);
          expected.add("spec.app.replicas");
        }
        case 4 -> {
          app.portA = pick(0, -1, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE);
          expected.add("spec.app.ports.http");
        }
        case 5 -> {
          worker.portB = worker.portA;
          expected.add("spec.worker.ports");
        }
        case 6 -> {
          app.autoscaling = new Autoscaling(true, pick(0, 101, -5, Integer.MAX_VALUE), null, null, null, null);
          if (!expected.contains("spec.app.replicas")) {
            app.replicas = new Replicas(1, 5);
          }
          expected.add("spec.app.autoscaling.cpuUtilization");
        }
        case 7 -> {
          worker.autoscaling = new Autoscaling(true, 80, null, new QueueDepth("embedding_queue_depth", pick(0, -100)),
              pick(-1, 3601, Integer.MAX_VALUE), null);
          if (!expected.contains("spec.worker.replicas")) {
            worker.replicas = new Replicas(1, 5);
          }
          expected.add("spec.worker.autoscaling.queueDepth.averageValue");
          expected.add("spec.worker.autoscaling.scaleUpStabilizationSeconds");
        }
        case 8 -> {
          flags.add(flag(pick("", "Upper", "with-dash", "ünïcode", "1digit", "rateLimitProfile",
              "f" + identifier(64 + random.nextInt(300)))));
          expected.add("spec.featureFlags[" + (flags.size() - 1) + "].name");
        }
        case 9 -> {
          if (flags.isEmpty()) {
            flags.add(flag("first"));
          }
          flags.add(flags.get(random.nextInt(flags.size())));
          expected.add("spec.featureFlags[" + (flags.size() - 1) + "].name");
        }
        case 10 -> {
          flags.add(new FeatureFlag("p" + identifier(5), true, pick(-1, 101, Integer.MIN_VALUE), null, null));
          expected.add("spec.featureFlags[" + (flags.size() - 1) + "].rolloutPercentage");
        }
        case 11 -> {
          flags.add(new FeatureFlag("t" + identifier(5), true, 50, List.of("ok", pick("", " ", "a,b")), null));
          expected.add("spec.featureFlags[" + (flags.size() - 1) + "].targetTeams[1]");
        }
        case 12 -> {
          flags.add(new FeatureFlag("k" + identifier(5), false, 0, null,
              Map.of(pick("bad-key", "1x", "", "ü", "p" + identifier(64 + random.nextInt(100))), "v")));
          expected.add("spec.featureFlags[" + (flags.size() - 1) + "].params");
        }
        case 13 -> {
          rateLimiting = new RateLimiting(RateLimitProfile.custom, random.nextBoolean() ? null
              : new RateLimitValues(4, 50, 80000, 8, pick(Double.NaN, Double.POSITIVE_INFINITY, 0.5, -1.0), 30000));
          expected.add("spec.rateLimiting.custom");
        }
        case 14 -> {
          app.resources = resources(pick(BAD_QUANTITIES));
          expected.add("spec.app.resources");
        }
        default -> {
          if (worker.autoscaling == null || !worker.autoscaling.isEnabled()) {
            worker.autoscaling = new Autoscaling(true, 80, null, null, null, null);
          }
          worker.replicas = new Replicas(0, random.nextInt(3));
          expected.add("spec.worker.replicas");
        }
      }
    }
    EmbeddingPipelineSpec spec = new EmbeddingPipelineSpec(
        new AppSpec(app.image, app.replicas, new AppPorts(app.portA, app.portB), app.probes, app.resources, app.env,
            null, app.autoscaling, null, null, null),
        new WorkerSpec(worker.image, worker.replicas, new WorkerPorts(worker.portA, worker.portB), worker.probes,
            worker.resources, worker.env, null, worker.autoscaling, null, null),
        flags, rateLimiting, new FlagDelivery(random.nextBoolean()),
        random.nextBoolean() ? new LocalObjectRef("standard-rollout") : null, random.nextInt(5) == 0);
    return new PipelineCase(name, spec, expected);
  }

  PolicyCase policy(EmbeddingPipelineSpec pipeline) {
    List<String> expected = new ArrayList<>();
    List<String> flags = pipeline.featureFlags().stream().map(FeatureFlag::name).distinct().toList();
    List<Stage> stages = new ArrayList<>();
    for (int i = 0, n = random.nextInt(20) == 0 ? 64 : random.nextInt(4); i < n; i++) {
      List<StageFlag> stageFlags = new ArrayList<>();
      if (!flags.isEmpty()) {
        stageFlags.add(new StageFlag(pick(flags), random.nextInt(101)));
      }
      List<Gate> gates = random.nextBoolean() ? List.of()
          : List.of(new Gate("gate" + i, pick(QUERIES), condition(), null, minSamples()));
      stages.add(new Stage("stage" + i, stageFlags, pick(DURATIONS), gates));
    }
    List<Trigger> triggers = new ArrayList<>();
    for (int i = 0, n = random.nextInt(20) == 0 ? 64 : random.nextInt(5); i < n; i++) {
      triggers.add(new Trigger("trigger" + i, pick(QUERIES), condition(), pick(DURATIONS), List.of(action(flags)), null,
          random.nextBoolean() ? null : pick(TriggerMode.values()), minSamples()));
    }
    String interval = pick("1s", "30s", "5m", "1ms", "1w", "365d");
    String timeout = pick("1s", "5s", "30s");
    String grace = pick(DURATIONS);
    String stableAfter = pick(DURATIONS);
    int defects = random.nextInt(2) == 0 ? 0 : 1 + random.nextInt(2);
    for (int d = 0; d < defects; d++) {
      switch (random.nextInt(12)) {
        case 0 -> {
          interval = pick(BAD_DURATIONS[random.nextInt(BAD_DURATIONS.length)], "0s");
          expected.add("spec.interval");
        }
        case 1 -> {
          triggers.add(new Trigger("late", pick(QUERIES), condition(), pick(BAD_DURATIONS), List.of(action(flags))));
          expected.add("spec.triggers[" + (triggers.size() - 1) + "].for");
        }
        case 2 -> {
          triggers.add(new Trigger(pick("", " ", "ManualRollback", "MetricsUnavailable"), pick(QUERIES), condition(),
              "1m", List.of(action(flags))));
          expected.add("spec.triggers[" + (triggers.size() - 1) + "].name");
        }
        case 3 -> {
          triggers.add(new Trigger("broken", pick(BAD_QUERIES), condition(), "1m", List.of(action(flags))));
          expected.add("spec.triggers[" + (triggers.size() - 1) + "].query");
        }
        case 4 -> {
          triggers.add(new Trigger("unknown", pick(QUERIES), condition(), "1m",
              List.of(new Action(pick(ActionType.DisableFlag, ActionType.SetFlagPercentage), "noSuchFlag" + identifier(3),
                  50, null, null))));
          expected.add("spec.triggers[" + (triggers.size() - 1) + "].actions[0].flag");
        }
        case 5 -> {
          triggers.add(new Trigger("percent", pick(QUERIES), condition(), "1m",
              List.of(new Action(ActionType.SetFlagPercentage, flags.isEmpty() ? null : pick(flags),
                  pick(-1, 101, Integer.MAX_VALUE), null, null))));
          expected.add("spec.triggers[" + (triggers.size() - 1) + "].actions[0].percentage");
        }
        case 6 -> {
          triggers.add(new Trigger("nan", pick(QUERIES), new MetricCondition(ComparisonOperator.LessThan, Double.NaN),
              "1m", List.of(action(flags))));
          expected.add("spec.triggers[" + (triggers.size() - 1) + "].condition.threshold");
        }
        case 7 -> {
          stages.add(new Stage("ghost", List.of(new StageFlag("ghost" + identifier(4), 10)), "1h", List.of()));
          expected.add("spec.stages[" + (stages.size() - 1) + "].flags[0].name");
        }
        case 8 -> {
          stages.add(new Stage("long", List.of(), pick(BAD_DURATIONS), List.of()));
          expected.add("spec.stages[" + (stages.size() - 1) + "].pause");
        }
        case 9 -> {
          grace = pick(BAD_DURATIONS);
          expected.add("spec.metricsUnavailableGrace");
        }
        case 10 -> {
          stableAfter = pick(BAD_DURATIONS);
          expected.add("spec.stableAfter");
        }
        default -> {
          timeout = pick(BAD_DURATIONS);
          expected.add("spec.prometheus.timeout");
        }
      }
    }
    Integer maxConcurrentRollouts = random.nextBoolean() ? null : 1 + random.nextInt(5);
    List<FreezeWindow> freeze = new ArrayList<>();
    for (int i = 0, n = random.nextInt(3); i < n; i++) {
      freeze.add(freezeWindow(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(1_000_000)),
          1 + random.nextInt(1_000_000)));
    }
    if (random.nextInt(4) == 0) {
      switch (random.nextInt(4)) {
        case 0 -> {
          maxConcurrentRollouts = pick(0, -1, Integer.MIN_VALUE);
          expected.add("spec.maxConcurrentRollouts");
        }
        case 1 -> {
          freeze.add(new FreezeWindow(pick("", "tomorrow", "2026-12-24", "2026-12-24T00:00:00"),
              "2026-12-27T00:00:00Z", pick(FREE_TEXT)));
          expected.add("spec.freeze[" + (freeze.size() - 1) + "].start");
        }
        case 2 -> {
          freeze.add(freezeWindow(Instant.parse("2026-12-24T00:00:00Z"), -random.nextInt(86_400)));
          expected.add("spec.freeze[" + (freeze.size() - 1) + "].end");
        }
        default -> {
          triggers.add(new Trigger("quiet", pick(QUERIES), condition(), "1m", List.of(action(flags)), null, null,
              new MinSamples(pick(QUERIES), pick(-1.0, Double.NaN, Double.NEGATIVE_INFINITY))));
          expected.add("spec.triggers[" + (triggers.size() - 1) + "].minSamples.threshold");
        }
      }
    }
    return new PolicyCase(new RolloutPolicySpec(new PrometheusSpec("http://prometheus.monitoring.svc:9090", timeout,
        null, null), interval, pick(MetricsUnavailablePolicy.values()), grace, stableAfter, stages,
        triggers, null, maxConcurrentRollouts, freeze), expected);
  }

  /** Half the time none; else a sample-count query and a threshold, exactly met values included. */
  private MinSamples minSamples() {
    return random.nextBoolean() ? null : new MinSamples(pick(QUERIES), pick(0.0, 1.0, 100.0, 1e9));
  }

  /** A window of {@code seconds} from {@code start} (not after it when seconds <= 0), in UTC or with an offset. */
  private FreezeWindow freezeWindow(Instant start, long seconds) {
    String offset = pick("Z", "+01:00", "-05:30");
    ZoneOffset zone = offset.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(offset);
    return new FreezeWindow(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(start.atOffset(zone)),
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(start.plusSeconds(seconds).atOffset(zone)),
        random.nextBoolean() ? null : pick(FREE_TEXT));
  }

  /** What the policy's other pipelines leave of a maxConcurrentRollouts of 1..3. */
  dev.maverick.rollout.RolloutSlots slots() {
    return random.nextBoolean() ? dev.maverick.rollout.RolloutSlots.unlimited()
        : new dev.maverick.rollout.RolloutSlots(1 + random.nextInt(3), "standard-rollout", random.nextInt(4),
            random.nextInt(3));
  }

  /** A query result as Prometheus might give it, including the awkward numbers. */
  dev.maverick.prometheus.QueryResult reading() {
    return switch (random.nextInt(4)) {
      case 0 -> new dev.maverick.prometheus.QueryResult.NoData("empty result");
      case 1 -> new dev.maverick.prometheus.QueryResult.Failure("Prometheus answered HTTP 500: " + pick(FREE_TEXT));
      default -> new dev.maverick.prometheus.QueryResult.Value(pick(0.0, -0.0, 0.5, 0.85, 1.0, -1e308, 1e308,
          Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, random.nextDouble()));
    };
  }

  java.time.Duration pause() {
    return pick(java.time.Duration.ZERO, java.time.Duration.ofMillis(1), java.time.Duration.ofSeconds(30),
        java.time.Duration.ofMinutes(10), java.time.Duration.ofDays(3), java.time.Duration.ofDays(366));
  }

  /** The mutable parts of one component while a case is built. */
  private final class Component {
    String image = "registry.example/" + dns1035(1 + random.nextInt(40)) + ":" + random.nextInt(100) + "." + random.nextInt(10);
    Replicas replicas;
    int portA = 1 + random.nextInt(32767);
    int portB = 32768 + random.nextInt(32768);
    Probes probes = random.nextBoolean() ? null : new Probes("/" + pick("health", "ready", "ü/ñ", "a".repeat(500)), "/");
    ResourceRequirements resources = random.nextBoolean() ? null : resources(pick(QUANTITIES));
    List<EnvVar> env = random.nextBoolean() ? null : List.of(new EnvVar("LOG_LEVEL", pick(FREE_TEXT), null));
    Autoscaling autoscaling;

    Component(boolean worker) {
      if (random.nextBoolean()) {
        autoscaling = new Autoscaling(pick(true, false, null), 1 + random.nextInt(100),
            random.nextBoolean() ? null : 1 + random.nextInt(100),
            worker && random.nextBoolean() ? new QueueDepth("embedding_queue_depth", 1 + random.nextInt(Integer.MAX_VALUE))
                : null,
            random.nextInt(3601), random.nextInt(3601));
      }
      int min = random.nextInt(4) == 0 ? random.nextInt(Integer.MAX_VALUE) : random.nextInt(6);
      boolean scaled = autoscaling != null && autoscaling.isEnabled();
      if (scaled && min == 0) {
        min = 1;
      }
      replicas = random.nextInt(4) == 0 ? null : new Replicas(min, min + random.nextInt(Integer.MAX_VALUE - min));
      if (replicas == null && scaled) {
        replicas = new Replicas(1, 2);
      }
    }
  }

  private Component component(boolean worker) {
    return new Component(worker);
  }

  private FeatureFlag flag(String name) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0, n = random.nextInt(3); i < n; i++) {
      params.put("p" + i + identifier(1 + random.nextInt(20)), pick(FREE_TEXT));
    }
    List<String> teams = random.nextBoolean() ? null
        : List.of(pick("internal-testing-team", "équipe-α", "チーム", "t".repeat(300)));
    return new FeatureFlag(name, pick(true, false, null), random.nextBoolean() ? null : random.nextInt(101), teams,
        params);
  }

  private ResourceRequirements resources(String quantity) {
    return new ResourceRequirements(null, Map.of("cpu", new Quantity(quantity)), Map.of("cpu", new Quantity(quantity),
        "memory", new Quantity("64Mi")));
  }

  private MetricCondition condition() {
    return new MetricCondition(pick(ComparisonOperator.values()),
        pick(0.0, 0.85, -1.0, 1e308, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE));
  }

  private Action action(List<String> flags) {
    ActionType type = pick(ActionType.values());
    boolean needsFlag = type == ActionType.DisableFlag || type == ActionType.SetFlagPercentage;
    if (needsFlag && flags.isEmpty()) {
      type = ActionType.FullRollback;
      needsFlag = false;
    }
    // fields a type does not use are ignored, as unknown fields in YAML would be
    return new Action(type, needsFlag ? pick(flags) : null, type == ActionType.SetFlagPercentage ? random.nextInt(101)
        : pick(null, 7), type == ActionType.SetRateLimitProfile ? pick(RateLimitProfile.conservative,
        RateLimitProfile.balanced, RateLimitProfile.aggressive) : null,
        type == ActionType.ScaleWorkers ? pick(0, 1, 1000, Integer.MAX_VALUE) : pick(null, 3));
  }

  private String dns1035(int length) {
    StringBuilder name = new StringBuilder().append(LOWER.charAt(random.nextInt(LOWER.length())));
    for (int i = 1; i < length; i++) {
      boolean last = i == length - 1;
      String alphabet = last ? ALNUM : ALNUM + "-";
      name.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return name.toString();
  }

  /** Letters and digits in camelCase, e.g. {@code x3aQ}. */
  private String identifier(int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      char c = ALNUM.charAt(random.nextInt(ALNUM.length()));
      text.append(random.nextInt(4) == 0 ? Character.toUpperCase(c) : c);
    }
    return text.toString();
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }
}
