package dev.maverick.policy;

import static dev.maverick.policy.FieldChecks.blank;
import static dev.maverick.policy.FieldChecks.condition;
import static dev.maverick.policy.FieldChecks.duration;
import static dev.maverick.policy.FieldChecks.percentage;
import static dev.maverick.policy.FieldChecks.required;
import static dev.maverick.policy.FieldChecks.unique;
import static dev.maverick.policy.PrometheusChecks.batchQuery;
import static dev.maverick.policy.PrometheusChecks.prometheusAccess;
import static dev.maverick.policy.PrometheusChecks.query;

import dev.maverick.api.Action;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.FeatureFlag;
import dev.maverick.api.FreezeWindow;
import dev.maverick.api.Gate;
import dev.maverick.api.MinSamples;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.RolloutPolicySpec;
import dev.maverick.api.Stage;
import dev.maverick.api.StageFlag;
import dev.maverick.api.Trigger;
import dev.maverick.egress.UrlAllowList;
import dev.maverick.flags.RateLimitProfiles;
import dev.maverick.rollout.Freeze;
import dev.maverick.rollout.RolloutEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks a RolloutPolicy beyond what the CRD schema enforces. Each problem names the field path and
 * the expected form, e.g. {@code spec.triggers[1].for: '5x' is not a duration such as 30s, 10m or
 * 1h30m}. An empty list means valid. Queries get only a cheap sanity check (not blank, balanced
 * brackets outside string literals; see {@link PrometheusChecks}); Prometheus reports the rest at
 * evaluation.
 */
public final class PolicyValidator {

  private PolicyValidator() {}

  /**
   * What makes a stored policy unusable: a field the operator cannot read, a missing spec, its
   * spec's problems, or a Prometheus URL outside the operator's allow-list.
   */
  public static List<String> validate(RolloutPolicy policy, UrlAllowList prometheusUrls) {
    if (policy.unreadable().isPresent()) {
      return List.of(policy.unreadable().get().message());
    }
    if (policy.getSpec() == null) {
      return List.of("spec: is required");
    }
    List<String> problems = new ArrayList<>(validate(policy.getSpec()));
    var prometheus = policy.getSpec().prometheus();
    if (prometheus != null && !blank(prometheus.url()) && !prometheusUrls.allows(prometheus.url())) {
      problems.add("spec.prometheus.url: not under the operator's allowed Prometheus URL prefixes ("
          + String.join(", ", prometheusUrls.prefixes()) + "); use a URL under one of them, or ask the"
          + " operator's administrators (Helm value prometheus.allowedUrlPrefixes)");
    }
    return problems;
  }

  /** Problems of the policy on its own. */
  public static List<String> validate(RolloutPolicySpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec.prometheus() == null || blank(spec.prometheus().url())) {
      problems.add("spec.prometheus.url: required, e.g. http://prometheus-operated.monitoring.svc:9090");
    } else {
      duration(problems, "spec.prometheus.timeout", spec.prometheus().timeout());
      prometheusAccess(problems, spec.prometheus());
    }
    Duration interval = duration(problems, "spec.interval", spec.interval());
    if (interval != null && interval.isZero()) {
      problems.add("spec.interval: must be greater than 0, e.g. 30s");
    }
    duration(problems, "spec.metricsUnavailableGrace", spec.metricsUnavailableGrace());
    duration(problems, "spec.stableAfter", spec.stableAfter());

    unique(problems, "spec.stages", spec.stages(), Stage::name);
    for (int i = 0; i < spec.stages().size(); i++) {
      stage(problems, "spec.stages[" + i + "]", spec.stages().get(i));
    }
    unique(problems, "spec.triggers", spec.triggers(), Trigger::name);
    for (int i = 0; i < spec.triggers().size(); i++) {
      trigger(problems, "spec.triggers[" + i + "]", spec.triggers().get(i));
    }
    if (spec.maxConcurrentRollouts() != null && spec.maxConcurrentRollouts() < 1) {
      problems.add("spec.maxConcurrentRollouts: " + spec.maxConcurrentRollouts()
          + " is not at least 1; leave it out for no limit");
    }
    if (spec.freeze().size() > RolloutPolicySpec.FREEZE_WINDOWS) {
      problems.add("spec.freeze: " + spec.freeze().size() + " windows; at most " + RolloutPolicySpec.FREEZE_WINDOWS
          + " (remove windows that have ended)");
    }
    for (int i = 0; i < spec.freeze().size(); i++) {
      freezeWindow(problems, "spec.freeze[" + i + "]", spec.freeze().get(i));
    }
    return problems;
  }

  /**
   * Problems of the policy applied to one pipeline: flags the stages and actions name must be
   * feature flags of the pipeline, and the custom rate-limit profile needs custom values.
   */
  public static List<String> validateAgainst(RolloutPolicySpec policy, EmbeddingPipelineSpec pipeline) {
    List<String> problems = new ArrayList<>();
    Set<String> flags = pipeline.featureFlags().stream().map(FeatureFlag::name)
        .collect(Collectors.toCollection(TreeSet::new));
    for (int i = 0; i < policy.stages().size(); i++) {
      List<StageFlag> stageFlags = policy.stages().get(i).flags();
      for (int j = 0; j < stageFlags.size(); j++) {
        knownFlag(problems, "spec.stages[" + i + "].flags[" + j + "].name", stageFlags.get(j).name(), flags);
      }
    }
    for (int i = 0; i < policy.triggers().size(); i++) {
      List<Action> actions = policy.triggers().get(i).actions();
      for (int j = 0; j < actions.size(); j++) {
        Action action = actions.get(j);
        String path = "spec.triggers[" + i + "].actions[" + j + "]";
        if (action.flag() != null) {
          knownFlag(problems, path + ".flag", action.flag(), flags);
        }
        List<String> missing = RateLimitProfiles.missingCustomValues(pipeline.rateLimiting().custom());
        if (action.profile() == RateLimitProfile.custom && !missing.isEmpty()) {
          problems.add(path + ".profile: 'custom' needs spec.rateLimiting.custom in the pipeline, which "
              + (pipeline.rateLimiting().custom() == null ? "is not set" : "does not set " + String.join(", ", missing))
              + "; use conservative, balanced or aggressive");
        }
      }
    }
    return problems;
  }

  private static void freezeWindow(List<String> problems, String path, FreezeWindow window) {
    if (window == null) {
      problems.add(path + ": required, e.g. {start: \"2026-12-24T00:00:00Z\", end: \"2026-12-27T00:00:00Z\"}");
      return;
    }
    boolean start = timestamp(problems, path + ".start", window.start());
    boolean end = timestamp(problems, path + ".end", window.end());
    if (start && end && !Freeze.instant(window.end()).isAfter(Freeze.instant(window.start()))) {
      problems.add(path + ".end: " + window.end() + " is not after start " + window.start());
    }
  }

  private static boolean timestamp(List<String> problems, String path, String text) {
    if (Freeze.isTimestamp(text)) {
      return true;
    }
    problems.add(path + ": '" + text + "' is not an RFC 3339 timestamp such as 2026-12-24T00:00:00Z");
    return false;
  }

  private static void minSamples(List<String> problems, String path, MinSamples minSamples) {
    if (minSamples == null) {
      return;
    }
    query(problems, path + ".query", minSamples.query());
    batchQuery(problems, path + ".batchQuery", minSamples.batchQuery());
    if (minSamples.threshold() == null || minSamples.threshold().isNaN() || minSamples.threshold() < 0) {
      problems.add(path + ".threshold: required, a number of samples of 0 or more, e.g. 100");
    }
  }

  private static void stage(List<String> problems, String path, Stage stage) {
    if (blank(stage.name())) {
      problems.add(path + ".name: required");
    }
    duration(problems, path + ".pause", stage.pause());
    unique(problems, path + ".flags", stage.flags(), StageFlag::name);
    for (int j = 0; j < stage.flags().size(); j++) {
      StageFlag flag = stage.flags().get(j);
      String flagPath = path + ".flags[" + j + "]";
      if (blank(flag.name())) {
        problems.add(flagPath + ".name: required");
      }
      percentage(problems, flagPath + ".rolloutPercentage", flag.rolloutPercentage());
    }
    gates(problems, path + ".gates", stage.gates());
  }

  /** Problems of a list of gates: stage gates, and a blue-green app's prePromotionGates. */
  public static List<String> gateProblems(String path, List<Gate> gates) {
    List<String> problems = new ArrayList<>();
    gates(problems, path, gates);
    return problems;
  }

  private static void gates(List<String> problems, String path, List<Gate> gates) {
    unique(problems, path, gates, Gate::name);
    for (int k = 0; k < gates.size(); k++) {
      Gate gate = gates.get(k);
      String gatePath = path + "[" + k + "]";
      if (blank(gate.name())) {
        problems.add(gatePath + ".name: required");
      }
      query(problems, gatePath + ".query", gate.query());
      batchQuery(problems, gatePath + ".batchQuery", gate.batchQuery());
      minSamples(problems, gatePath + ".minSamples", gate.minSamples());
      condition(problems, gatePath + ".condition", gate.condition());
    }
  }

  /** Problems of a duration field (at most 365d). */
  public static List<String> durationProblems(String path, String text) {
    List<String> problems = new ArrayList<>();
    duration(problems, path, text);
    return problems;
  }

  private static void trigger(List<String> problems, String path, Trigger trigger) {
    if (blank(trigger.name())) {
      problems.add(path + ".name: required");
    } else if (trigger.name().equals(RolloutEngine.MANUAL_ROLLBACK) || trigger.name().equals(RolloutEngine.MANUAL_ABORT)
        || trigger.name().equals(RolloutEngine.METRICS_UNAVAILABLE)) {
      problems.add(path + ".name: '" + trigger.name() + "' is reserved for the operator's own actions;"
          + " choose another name");
    }
    query(problems, path + ".query", trigger.query());
    batchQuery(problems, path + ".batchQuery", trigger.batchQuery());
    minSamples(problems, path + ".minSamples", trigger.minSamples());
    condition(problems, path + ".condition", trigger.condition());
    duration(problems, path + ".for", trigger.forDuration());
    if (trigger.actions().isEmpty()) {
      problems.add(path + ".actions: at least one action is required, e.g. [{type: DisableFlag, flag: myFlag}]");
    }
    for (int j = 0; j < trigger.actions().size(); j++) {
      action(problems, path + ".actions[" + j + "]", trigger.actions().get(j));
    }
  }

  private static void action(List<String> problems, String path, Action action) {
    if (action.type() == null) {
      problems.add(path + ".type: required, one of DisableFlag, SetFlagPercentage, SetRateLimitProfile,"
          + " ScaleWorkers, RevertImages, FullRollback");
      return;
    }
    switch (action.type()) {
      case DisableFlag -> required(problems, path + ".flag", action.flag(), "DisableFlag", "the flag's name");
      case SetFlagPercentage -> {
        required(problems, path + ".flag", action.flag(), "SetFlagPercentage", "the flag's name");
        if (action.percentage() == null) {
          problems.add(path + ".percentage: SetFlagPercentage needs a percentage from 0 to 100");
        } else {
          percentage(problems, path + ".percentage", action.percentage());
        }
      }
      case SetRateLimitProfile -> required(problems, path + ".profile", action.profile(), "SetRateLimitProfile",
          "conservative, balanced, aggressive or custom");
      case ScaleWorkers -> {
        if (action.replicas() == null || action.replicas() < 0) {
          problems.add(path + ".replicas: ScaleWorkers needs a replica count of 0 or more");
        }
      }
      case RevertImages, FullRollback -> { }
    }
  }

  private static void knownFlag(List<String> problems, String path, String flag, Set<String> flags) {
    if (flag != null && !flags.contains(flag)) {
      problems.add(path + ": '" + flag + "' is not a feature flag of the pipeline (its flags: "
          + (flags.isEmpty() ? "none" : String.join(", ", flags)) + ")");
    }
  }

  /** The problems of one PromQL template at {@code path} (also the pipeline's KEDA queue-depth query). */
  public static List<String> queryProblems(String path, String query) {
    List<String> problems = new ArrayList<>();
    query(problems, path, query);
    return problems;
  }

}
