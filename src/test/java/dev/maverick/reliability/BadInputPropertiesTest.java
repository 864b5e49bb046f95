package dev.maverick.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.pipeline.PipelineChildren;
import dev.maverick.pipeline.PipelineModel;
import dev.maverick.pipeline.PipelineValidator;
import dev.maverick.policy.PolicyValidator;
import dev.maverick.rollout.DueQueries;
import dev.maverick.rollout.Readings;
import dev.maverick.rollout.RolloutEngine;
import dev.maverick.rollout.RolloutStep;
import dev.maverick.testing.MutableClock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Issues 6.5 and 11.4: thousands of generated specs, valid and not, through the pure parts of the
 * operator. Nothing throws; every defect is reported naming its field; every valid spec renders
 * children the Kubernetes API would accept. Each run draws a new seed (printed, and named by any
 * failure); {@code -Dmaverick.seed=N} replays one. At least {@link #MIN_CASES} specs and policies per run.
 */
class BadInputPropertiesTest {
  /** The fixed seed other tests build on (BadInputReconcileIT). */
  static final long SEED = 20261123L;
  static final String SEED_PROPERTY = "maverick.seed";
  private static final int PIPELINES = 7000;
  private static final int MIN_CASES = 10_000;
  private static final int STEPS_PER_POLICY = 4;

  private static final Pattern DNS_1035_LABEL = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern DNS_1123_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");
  private static final Pattern CONFIG_MAP_KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");
  private static final Pattern PORT_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  /** The Kubernetes quantity grammar (k8s.io/apimachinery resource.Quantity). */
  private static final Pattern QUANTITY =
      Pattern.compile("^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?[0-9]+))?$");

  @Test
  void generatedSpecsNeverThrowAndAreReportedOrRenderedValidly() {
    long seed = Long.getLong(SEED_PROPERTY, new java.security.SecureRandom().nextLong());
    try {
      Map<String, Integer> tried = run(seed);
      int cases = tried.getOrDefault("invalidPipelines", 0) + tried.getOrDefault("validPipelines", 0)
          + tried.getOrDefault("invalidPolicies", 0) + tried.getOrDefault("validPolicies", 0);
      assertThat(cases).as("specs and policies tried").isGreaterThanOrEqualTo(MIN_CASES);
      Figures.print("bad-input", "seed=" + seed + " pipelineSpecs=" + PIPELINES + " specsAndPolicies=" + cases + " "
          + tried + " throws=0");
    } catch (AssertionError | RuntimeException failure) {
      throw new AssertionError("seed " + seed + " (replay: mvn test -Dtest=BadInputPropertiesTest -D" + SEED_PROPERTY
          + "=" + seed + "): " + failure.getMessage(), failure);
    }
  }

  private static Map<String, Integer> run(long seed) {
    SpecGenerator generator = new SpecGenerator(seed);
    MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    RolloutEngine engine = new RolloutEngine(clock, PipelineModel::flagsHash);
    Map<String, Integer> tried = new LinkedHashMap<>();
    SoftAssertions softly = new SoftAssertions();
    List<String> violations = new ArrayList<>();
    for (int i = 0; i < PIPELINES; i++) {
      SpecGenerator.PipelineCase input = generator.pipeline();
      String label = "pipeline #" + i + " " + input.name() + " " + input.expectedPaths();
      List<String> problems = PipelineValidator.validate(input.name(), input.spec());
      if (!input.expectedPaths().isEmpty()) {
        tried.merge("invalidPipelines", 1, Integer::sum);
        for (String path : input.expectedPaths()) {
          softly.assertThat(problems).as(label).anySatisfy(p -> assertThat(p).startsWith(path));
        }
        continue;
      }
      tried.merge("validPipelines", 1, Integer::sum);
      softly.assertThat(problems).as(label).isEmpty();
      if (!problems.isEmpty()) {
        continue;
      }
      EmbeddingPipeline pipeline = pipeline(input, i);
      SpecGenerator.PolicyCase policyCase = generator.policy(input.spec());
      // a problem names the field, and never carries a huge value whole
      policyProblemsAreShort(softly, label, policyCase);
      List<String> policyProblems = new ArrayList<>(PolicyValidator.validate(policyCase.spec()));
      policyProblems.addAll(PolicyValidator.validateAgainst(policyCase.spec(), input.spec()));
      if (!policyCase.expectedPaths().isEmpty()) {
        tried.merge("invalidPolicies", 1, Integer::sum);
        for (String path : policyCase.expectedPaths()) {
          softly.assertThat(policyProblems).as(label + " policy " + policyCase.expectedPaths())
              .anySatisfy(p -> assertThat(p).startsWith(path));
        }
        checkChildren(violations, label, pipeline, engine.step(pipeline, null, Readings.none(), true));
        continue;
      }
      tried.merge("validPolicies", 1, Integer::sum);
      softly.assertThat(policyProblems).as(label + " policy").isEmpty();
      RolloutPolicy policy = new RolloutPolicy();
      policy.setMetadata(new ObjectMetaBuilder().withName("standard-rollout").withNamespace("generated").build());
      policy.setSpec(policyCase.spec());
      for (int step = 0; step < STEPS_PER_POLICY; step++) {
        DueQueries due = engine.queriesDue(pipeline, policy);
        Map<String, dev.maverick.prometheus.QueryResult> triggers = new LinkedHashMap<>();
        due.triggers().forEach(t -> triggers.put(t.name(), generator.reading()));
        Map<String, dev.maverick.prometheus.QueryResult> gates = new LinkedHashMap<>();
        due.gates().forEach(g -> gates.put(g.name(), generator.reading()));
        Map<String, dev.maverick.prometheus.QueryResult> samples = new LinkedHashMap<>();
        due.triggers().stream().filter(t -> t.minSamples() != null).forEach(t -> samples.put(t.name(), generator.reading()));
        due.gates().stream().filter(g -> g.minSamples() != null).forEach(g -> samples.put(g.name(), generator.reading()));
        RolloutStep result = engine.step(pipeline, policy, new Readings(triggers, gates, samples, samples), true,
            generator.slots());
        pipeline.setStatus(result.status());
        checkChildren(violations, label + " step " + step, pipeline, result);
        tried.merge("engineSteps", 1, Integer::sum);
        clock.advance(generator.pause());
      }
    }
    softly.assertThat(violations).as("children Kubernetes would reject").isEmpty();
    softly.assertAll();
    return tried;
  }

  private static void policyProblemsAreShort(SoftAssertions softly, String label, SpecGenerator.PolicyCase policyCase) {
    for (String problem : PolicyValidator.validate(policyCase.spec())) {
      softly.assertThat(problem.length()).as(label + " problem length: " + problem.substring(0, Math.min(200, problem.length()))).isLessThan(2_000);
    }
  }

  private static EmbeddingPipeline pipeline(SpecGenerator.PipelineCase input, int index) {
    EmbeddingPipeline pipeline = new EmbeddingPipeline();
    pipeline.setMetadata(new ObjectMetaBuilder().withName(input.name()).withNamespace("generated")
        .withUid("00000000-0000-0000-0000-" + "%012d".formatted(index)).withGeneration(1L).build());
    pipeline.setSpec(input.spec());
    return pipeline;
  }

  /** Adds to {@code violations} what the Kubernetes API would reject in the children the step renders. */
  private static void checkChildren(List<String> violations, String label, EmbeddingPipeline pipeline,
      RolloutStep step) {
    for (HasMetadata child : PipelineChildren.desired(PipelineModel.of(pipeline, step.effective()))) {
      String what = label + ": " + child.getKind() + " " + child.getMetadata().getName();
      String name = child.getMetadata().getName();
      check(violations, name.length() <= 63
          && (child instanceof Service ? DNS_1035_LABEL : DNS_1123_LABEL).matcher(name).matches(), what, "name");
      child.getMetadata().getLabels().forEach((key, value) ->
          check(violations, value.length() <= 63 && LABEL_VALUE.matcher(value).matches(), what, "label " + key));
      if (child instanceof ConfigMap configMap) {
        long size = 0;
        for (Map.Entry<String, String> entry : configMap.getData().entrySet()) {
          check(violations, entry.getKey().length() <= 253 && CONFIG_MAP_KEY.matcher(entry.getKey()).matches(), what,
              "key " + entry.getKey());
          size += entry.getKey().length() + entry.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        check(violations, size < 1024 * 1024, what, "size " + size);
      }
      if (child instanceof Service service) {
        service.getSpec().getPorts().forEach(port -> check(violations, port.getPort() >= 1 && port.getPort() <= 65535
            && port.getName().length() <= 15 && PORT_NAME.matcher(port.getName()).matches(), what, "port " + port));
      }
      if (child instanceof Deployment deployment) {
        check(violations, deployment.getSpec().getReplicas() >= 0, what, "replicas");
        for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
          container.getPorts().forEach(port -> check(violations,
              port.getContainerPort() >= 1 && port.getContainerPort() <= 65535, what, "containerPort"));
          if (container.getResources() != null) {
            for (Map<String, Quantity> quantities : Arrays.asList(container.getResources().getRequests(),
                container.getResources().getLimits())) {
              if (quantities != null) {
                quantities.forEach((resource, quantity) ->
                    check(violations, QUANTITY.matcher(quantity.toString()).matches(), what, resource + " " + quantity));
              }
            }
          }
        }
      }
      if (child instanceof HorizontalPodAutoscaler hpa) {
        check(violations, hpa.getSpec().getMinReplicas() >= 1
            && hpa.getSpec().getMaxReplicas() >= hpa.getSpec().getMinReplicas(), what, "min/maxReplicas");
      }
    }
  }

  private static void check(List<String> violations, boolean valid, String what, String field) {
    if (!valid) {
      violations.add(what + ": invalid " + field);
    }
  }
}
