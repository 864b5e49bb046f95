package dev.maverick.pipeline;

import dev.maverick.api.AppSpec;
import dev.maverick.api.Autoscaling;
import dev.maverick.api.BlueGreenSpec;
import dev.maverick.api.BlueGreenStatus;
import dev.maverick.policy.PolicyValidator;
import dev.maverick.rollout.BlueGreenRelease;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.AutoscalingEngine;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.FeatureFlag;
import dev.maverick.api.LocalObjectRef;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.RateLimitValues;
import dev.maverick.api.Replicas;
import dev.maverick.flags.FlagsConfigMap;
import dev.maverick.flags.RateLimitProfiles;
import dev.maverick.rollout.EffectiveRollout;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what the CRD schema cannot (duplicates, cross-field rules, child-name length) and
 * re-checks what it can, for API servers that skip CEL. Each problem names the field.
 */
public final class PipelineValidator {
  /** DNS-1035: the Services' names must start with a letter, so the pipeline's must. */
  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");
  /** The Kubernetes quantity grammar (k8s.io/apimachinery resource.Quantity). */
  private static final Pattern QUANTITY =
      Pattern.compile("^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?[0-9]+))?$");
  /** Flag and param names become parts of ConfigMap keys (UPPER_SNAKE, at most 253 characters). */
  private static final int MAX_NAME_LENGTH = 63;
  private static final Pattern FLAG_NAME = Pattern.compile(FeatureFlag.NAME_PATTERN);
  private static final Pattern PARAM_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9]*$");
  private static final Pattern LABEL_VALUE = Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$");

  private PipelineValidator() {}

  /** Problems of a stored pipeline: a field the operator cannot read, or its spec's problems. */
  public static List<String> validate(EmbeddingPipeline pipeline) {
    return pipeline.unreadable().map(field -> List.of(field.message()))
        .orElseGet(() -> validate(pipeline.getMetadata().getName(), pipeline.getSpec()));
  }

  public static List<String> validate(String name, EmbeddingPipelineSpec spec) {
    List<String> problems = new ArrayList<>();
    if (name.length() > ChildNames.MAX_PIPELINE_NAME_LENGTH || !DNS_LABEL.matcher(name).matches()) {
      problems.add("metadata.name: '" + name + "' must be a DNS label of at most "
          + ChildNames.MAX_PIPELINE_NAME_LENGTH + " characters starting with a letter, so that '" + name
          + "-worker' is a valid Deployment and Service name");
    }
    if (spec == null) {
      problems.add("spec: is required");
      return problems;
    }
    if (spec.app() == null) {
      problems.add("spec.app: is required");
    } else {
      component("spec.app", spec.app().image(), spec.app().replicas(), spec.app().autoscaling(), problems);
      resources("spec.app.resources", spec.app().resources(), problems);
      ports("spec.app.ports", Map.of("http", spec.app().ports().http(), "metrics", spec.app().ports().metrics()), problems);
      if (spec.app().autoscaling().engine() == AutoscalingEngine.KEDA) {
        problems.add("spec.app.autoscaling.engine: KEDA scales the worker only; use HPA (the default) for the app");
      }
      if (spec.app().ingress() != null && (spec.app().ingress().host() == null || spec.app().ingress().host().isBlank())) {
        problems.add("spec.app.ingress.host: is required, e.g. paperless.example.com");
      }
      blueGreen(name, spec.app(), spec.rolloutPolicyRef(), problems);
    }
    if (spec.worker() == null) {
      problems.add("spec.worker: is required");
    } else {
      component("spec.worker", spec.worker().image(), spec.worker().replicas(), spec.worker().autoscaling(), problems);
      kedaQueueDepth(spec, problems);
      resources("spec.worker.resources", spec.worker().resources(), problems);
      ports("spec.worker.ports",
          Map.of("health", spec.worker().ports().health(), "metrics", spec.worker().ports().metrics()), problems);
    }
    flags(spec.featureFlags(), problems);
    if (spec.rateLimiting().profile() == RateLimitProfile.custom) {
      customValues(spec.rateLimiting().custom(), problems);
    }
    if (problems.isEmpty()) {
      try {
        // env keys derived from two sources may collide (flag rateLimit + param profile = RATE_LIMIT_PROFILE)
        FlagsConfigMap.data("", name, spec, EffectiveRollout.fromSpec(spec));
      } catch (IllegalArgumentException collision) {
        problems.add(collision.getMessage());
      }
    }
    return problems;
  }

  private static void component(String path, String image, Replicas replicas, Autoscaling scaling, List<String> problems) {
    if (image == null || image.isBlank()) {
      problems.add(path + ".image: is required, e.g. registry.example/app:1.0.0");
    } else if (image.chars().anyMatch(Character::isWhitespace)) {
      problems.add(path + ".image: '" + image + "' must not contain whitespace");
    }
    if (replicas.min() == null || replicas.max() == null) {
      problems.add(path + ".replicas: both min and max are required");
    } else {
      if (replicas.min() < 0 || replicas.max() < 0) {
        problems.add(path + ".replicas: min and max must be >= 0");
      }
      if (replicas.min() > replicas.max()) {
        problems.add(path + ".replicas: min (" + replicas.min() + ") must be <= max (" + replicas.max() + ")");
      }
      if (scaling.isEnabled() && replicas.max() < 1) {
        problems.add(path + ".replicas.max: must be >= 1 when autoscaling is enabled");
      } else if (scaling.isEnabled() && replicas.min() == 0 && !scalesToZero(scaling)) {
        problems.add(path + ".replicas.min: must be >= 1 when autoscaling is enabled (an HPA cannot scale to 0;"
            + " KEDA can, with a queueDepth trigger)");
      }
    }
    if (scaling.isEnabled()) {
      percent(path + ".autoscaling.cpuUtilization", scaling.cpuUtilization(), 1, problems);
      if (scaling.memoryUtilization() != null) {
        percent(path + ".autoscaling.memoryUtilization", scaling.memoryUtilization(), 1, problems);
      }
      if (scaling.queueDepth() != null) {
        if (scaling.engine() == AutoscalingEngine.HPA
            && (scaling.queueDepth().metric() == null || scaling.queueDepth().metric().isBlank())) {
          problems.add(path + ".autoscaling.queueDepth.metric: is required with the HPA engine (the External metric)");
        }
        if (scaling.queueDepth().averageValue() == null || scaling.queueDepth().averageValue() < 1) {
          problems.add(path + ".autoscaling.queueDepth.averageValue: must be >= 1");
        }
      }
      seconds(path + ".autoscaling.scaleUpStabilizationSeconds", scaling.scaleUpStabilizationSeconds(), problems);
      seconds(path + ".autoscaling.scaleDownStabilizationSeconds", scaling.scaleDownStabilizationSeconds(), problems);
    }
  }

  /** The blue-green settings; gate queries are checked with {{color}} filled in, as they are run. */
  private static void blueGreen(String name, AppSpec app, LocalObjectRef rolloutPolicyRef, List<String> problems) {
    if (!app.isBlueGreen()) {
      return;
    }
    if (name.length() > ChildNames.MAX_BLUE_GREEN_NAME_LENGTH) {
      problems.add("metadata.name: '" + name + "' must be at most " + ChildNames.MAX_BLUE_GREEN_NAME_LENGTH
          + " characters with spec.app.strategy.type BlueGreen, so that '" + ChildNames.appPreview(name)
          + "' is a valid Service name");
    }
    String path = "spec.app.strategy.blueGreen";
    BlueGreenSpec settings = app.blueGreenSpec();
    if (settings.previewReplicas() < 1) {
      problems.add(path + ".previewReplicas: " + settings.previewReplicas() + " must be at least 1");
    }
    problems.addAll(PolicyValidator.durationProblems(path + ".scaleDownDelay", settings.scaleDownDelay()));
    if (!settings.prePromotionGates().isEmpty() && rolloutPolicyRef == null) {
      problems.add(path + ".prePromotionGates: need a rolloutPolicyRef, whose prometheus the gates are queried on");
    }
    PolicyValidator.gateProblems(path + ".prePromotionGates", settings.prePromotionGates().stream()
            .map(g -> BlueGreenRelease.forColor(g, BlueGreenStatus.BLUE, g.name())).toList()).stream()
        .map(p -> p.replace("the placeholders are {{pipeline}} and {{namespace}}",
            "the placeholders are {{pipeline}}, {{namespace}} and " + BlueGreenRelease.COLOR_PLACEHOLDER))
        .forEach(problems::add);
  }

  /** KEDA's minReplicaCount 0 needs a trigger other than cpu/memory to wake the workload. */
  private static boolean scalesToZero(Autoscaling scaling) {
    return scaling.usesKeda() && scaling.queueDepth() != null;
  }

  /** The KEDA engine reads the queue depth from Prometheus itself: it needs a query and a server. */
  private static void kedaQueueDepth(EmbeddingPipelineSpec spec, List<String> problems) {
    Autoscaling scaling = spec.worker().autoscaling();
    if (!scaling.usesKeda() || scaling.queueDepth() == null) {
      return;
    }
    String path = "spec.worker.autoscaling.queueDepth";
    problems.addAll(PolicyValidator.queryProblems(path + ".query", scaling.queueDepth().query()));
    if (scaling.queueDepth().serverAddress() == null && spec.rolloutPolicyRef() == null) {
      problems.add(path + ".serverAddress: is required when the pipeline has no rolloutPolicyRef"
          + " (whose prometheus.url is the default)");
    }
  }

  /** Kubernetes rejects the Deployment, not the pipeline, for a malformed quantity: report it here. */
  private static void resources(String path, ResourceRequirements resources, List<String> problems) {
    if (resources == null) {
      return;
    }
    Map<String, Map<String, Quantity>> groups = new java.util.TreeMap<>();
    groups.put("limits", resources.getLimits());
    groups.put("requests", resources.getRequests());
    groups.forEach((group, quantities) -> {
      if (quantities != null) {
        new java.util.TreeMap<>(quantities).forEach((resource, quantity) -> {
          String text = quantity == null ? null : quantity.toString();
          if (text == null || !QUANTITY.matcher(text).matches()) {
            problems.add(path + "." + group + "." + resource + ": '" + text
                + "' is not a quantity such as 250m, 0.5, 512Mi or 1Gi");
          }
        });
      }
    });
  }

  private static void ports(String path, Map<String, Integer> ports, List<String> problems) {
    ports.forEach((portName, port) -> {
      if (port < 1 || port > 65535) {
        problems.add(path + "." + portName + ": " + port + " is not a port number (1..65535)");
      }
    });
    if (new HashSet<>(ports.values()).size() < ports.size()) {
      problems.add(path + ": each port needs its own number, got " + ports);
    }
  }

  private static void flags(List<FeatureFlag> flags, List<String> problems) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < flags.size(); i++) {
      FeatureFlag flag = flags.get(i);
      String path = "spec.featureFlags[" + i + "]";
      if (flag.name() == null || !FLAG_NAME.matcher(flag.name()).matches()) {
        problems.add(path + ".name: '" + flag.name() + "' must match " + FeatureFlag.NAME_PATTERN + ", e.g. embeddingMonitoring");
      } else if (flag.name().length() > MAX_NAME_LENGTH) {
        problems.add(path + ".name: must be at most " + MAX_NAME_LENGTH + " characters (it becomes part of env keys)");
      } else if (!seen.add(flag.name())) {
        problems.add(path + ".name: duplicate flag name '" + flag.name() + "'");
      } else if (flag.name().equals(FlagsConfigMap.RATE_LIMIT_PROFILE_FLAG)) {
        problems.add(path + ".name: '" + flag.name() + "' is reserved for the rate-limit profile flag");
      }
      percent(path + ".rolloutPercentage", flag.rolloutPercentage(), 0, problems);
      for (int t = 0; t < flag.targetTeams().size(); t++) {
        String team = flag.targetTeams().get(t);
        if (team == null || team.isBlank() || team.contains(",")) {
          problems.add(path + ".targetTeams[" + t + "]: '" + team + "' must be a non-empty team name without commas");
        }
      }
      flag.params().keySet().stream().sorted()
          .filter(key -> !PARAM_NAME.matcher(key).matches() || key.length() > MAX_NAME_LENGTH).forEach(key ->
          problems.add(path + ".params: key '" + key + "' must match ^[A-Za-z][A-Za-z0-9]*$ and be at most "
              + MAX_NAME_LENGTH + " characters (it becomes an env key)"));
    }
  }

  private static void customValues(RateLimitValues custom, List<String> problems) {
    if (!RateLimitProfiles.missingCustomValues(custom).isEmpty()) {
      problems.add("spec.rateLimiting.custom: profile 'custom' needs all six values (maxConcurrentRequests, "
          + "requestsPerMinute, tokensPerMinute, burstAllowance, backoffMultiplier, maxBackoffMs)");
      return;
    }
    if (custom.maxConcurrentRequests() < 1 || custom.requestsPerMinute() < 1 || custom.tokensPerMinute() < 1
        || custom.burstAllowance() < 0 || custom.maxBackoffMs() < 0
        || !(custom.backoffMultiplier() >= 1) || custom.backoffMultiplier().isInfinite()) {
      problems.add("spec.rateLimiting.custom: counts must be >= 1 (burstAllowance and maxBackoffMs >= 0) "
          + "and backoffMultiplier a finite number >= 1");
    }
  }

  private static void percent(String path, Integer value, int min, List<String> problems) {
    if (value == null || value < min || value > 100) {
      problems.add(path + ": " + value + " must be between " + min + " and 100");
    }
  }

  private static void seconds(String path, Integer value, List<String> problems) {
    if (value == null || value < 0 || value > 3600) {
      problems.add(path + ": " + value + " must be between 0 and 3600");
    }
  }

  /** Whether {@code value} can be a Kubernetes label value (used for the pipeline label on metrics). */
  public static boolean isLabelValue(String value) {
    return value.length() <= 63 && LABEL_VALUE.matcher(value).matches();
  }
}
