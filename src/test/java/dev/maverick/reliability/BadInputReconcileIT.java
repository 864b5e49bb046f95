package dev.maverick.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.Phase;
import dev.maverick.pipeline.PipelineValidator;
import dev.maverick.status.Conditions;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 6.5, end to end: generated specs, valid and not, created on one API server that (like the
 * mock) enforces no schema. The reconciler never throws out of reconcile: an invalid spec ends
 * Stalled with its problems, a valid one is reconciled.
 */
class BadInputReconcileIT {
  private static final int PIPELINES = 200;
  /** Names the API server itself accepts (DNS-1123 subdomain-ish); others never reach the operator. */
  private static final Pattern API_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().build();

  @BeforeEach
  void start() {
    k8s.create(Fixtures.paperlessPolicy().build());
  }

  @Test
  void noGeneratedSpecMakesReconcileThrow() {
    SpecGenerator generator = new SpecGenerator(BadInputPropertiesTest.SEED + 1);
    List<String> valid = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (int i = 0; i < PIPELINES; i++) {
      SpecGenerator.PipelineCase input = generator.pipeline();
      String name = API_NAME.matcher(input.name()).matches() && input.name().length() < 240
          ? input.name() + "-" + i : "generated-" + i;
      // renaming may have made the spec valid or invalid; the property test checks the validator itself
      boolean expectValid = PipelineValidator.validate(name, input.spec()).isEmpty();
      EmbeddingPipeline pipeline = new EmbeddingPipeline();
      pipeline.setMetadata(new ObjectMetaBuilder().withName(name).build());
      pipeline.setSpec(input.spec());
      k8s.create(pipeline);
      (expectValid ? valid : invalid).add(name);
    }
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
      for (EmbeddingPipeline pipeline : k8s.client.resources(EmbeddingPipeline.class)
          .inNamespace(OperatorHarness.NAMESPACE).list().getItems()) {
        assertThat(pipeline.getStatus()).as(pipeline.getMetadata().getName()).isNotNull();
        assertThat(pipeline.getStatus().observedGeneration()).as(pipeline.getMetadata().getName())
            .isEqualTo(pipeline.getMetadata().getGeneration());
      }
    });
    for (String name : invalid) {
      var status = k8s.pipeline(name).getStatus();
      assertThat(status.phase()).as(name).isEqualTo(Phase.Invalid);
      assertThat(Conditions.isTrue(status.conditions(), Conditions.STALLED)).as(name).isTrue();
    }
    long stalledValid = valid.stream().filter(name -> {
      var status = k8s.pipeline(name).getStatus();
      // a valid pipeline may still stall on its policy (a trigger naming a flag it lacks), never on its own spec
      return Conditions.find(status.conditions(), Conditions.STALLED)
          .filter(c -> "True".equals(c.getStatus()) && c.getMessage().startsWith("spec.")
              && !c.getMessage().startsWith("spec.triggers") && !c.getMessage().startsWith("spec.stages"))
          .isPresent();
    }).count();
    assertThat(stalledValid).isZero();
    double failed = counter("operator.sdk.reconciliations.failed");
    assertThat(failed).as("reconciles that threw").isZero();
    Figures.print("bad-input-reconcile", "pipelinesCreated=" + (valid.size() + invalid.size()) + " valid="
        + valid.size() + " invalid(Stalled)=" + invalid.size() + " reconciles="
        + (long) counter("operator.sdk.reconciliations.started") + " reconcilesThatThrew=" + (long) failed);
  }

  private double counter(String name) {
    return k8s.meters.getMeters().stream().filter(m -> m.getId().getName().startsWith(name))
        .mapToDouble(m -> m.measure().iterator().next().getValue()).sum();
  }
}
