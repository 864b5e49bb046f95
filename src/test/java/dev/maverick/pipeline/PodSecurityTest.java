package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.rollout.EffectiveRollout;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.PodSecurityStandards;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every pod template the operator renders is admitted by a namespace enforcing PSS "restricted". */
public class PodSecurityTest {

  /** User security fields on both components: compatible with restricted, and extra fields the defaults lack. */
  public static final String USER_CONTEXTS = """
      apiVersion: maverick.dev/v1alpha1
      kind: EmbeddingPipeline
      metadata: {name: hardened, namespace: paperless-maverick}
      spec:
        app:
          image: registry.example/app:1.0.0
          podSecurityContext: {runAsUser: 1000, fsGroup: 2000}
          securityContext: {readOnlyRootFilesystem: true, capabilities: {add: [NET_BIND_SERVICE], drop: [ALL]}}
        worker:
          image: registry.example/worker:1.0.0
          podSecurityContext: {runAsUser: 1001, seccompProfile: {type: Localhost, localhostProfile: worker.json}}
          securityContext: {runAsGroup: 3000}
      """;

  private static PodTemplateSpec template(EmbeddingPipeline pipeline, Component component) {
    pipeline.getMetadata().setUid("uid-1");
    PipelineModel model = PipelineModel.of(pipeline, EffectiveRollout.fromSpec(pipeline.getSpec()));
    return Deployments.deployment(model, component).getSpec().getTemplate();
  }

  @Test
  void defaultPodsOfBothComponentsMeetRestricted() {
    for (EmbeddingPipeline pipeline : List.of(Fixtures.minimal(), Fixtures.paperless())) {
      for (Component component : Component.values()) {
        PodSecurityStandards.assertRestricted(pipeline.getMetadata().getName() + " " + component.label(),
            template(pipeline, component));
      }
    }
  }

  @Test
  void theDefaultsAreApiMdsRestrictedDefaults() {
    PodTemplateSpec pod = template(Fixtures.minimal(), Component.APP);
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    SecurityContext container = pod.getSpec().getContainers().get(0).getSecurityContext();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
  }

  @Test
  void userFieldsAreMergedOverTheDefaultsFieldByField() {
    EmbeddingPipeline pipeline = Serialization.unmarshal(USER_CONTEXTS, EmbeddingPipeline.class);
    PodTemplateSpec app = template(pipeline, Component.APP);
    PodTemplateSpec worker = template(pipeline, Component.WORKER);
    PodSecurityStandards.assertRestricted("app with user contexts", app);
    PodSecurityStandards.assertRestricted("worker with user contexts", worker);

    var appPod = app.getSpec().getSecurityContext();
    assertThat(appPod.getRunAsUser()).isEqualTo(1000L);
    assertThat(appPod.getFsGroup()).isEqualTo(2000L);
    assertThat(appPod.getRunAsNonRoot()).as("default kept").isTrue();
    assertThat(appPod.getSeccompProfile().getType()).as("default kept").isEqualTo("RuntimeDefault");
    var appContainer = app.getSpec().getContainers().get(0).getSecurityContext();
    assertThat(appContainer.getReadOnlyRootFilesystem()).isTrue();
    assertThat(appContainer.getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
    assertThat(appContainer.getAllowPrivilegeEscalation()).as("default kept").isFalse();

    var workerPod = worker.getSpec().getSecurityContext();
    assertThat(workerPod.getSeccompProfile().getType()).as("user wins").isEqualTo("Localhost");
    assertThat(workerPod.getSeccompProfile().getLocalhostProfile()).isEqualTo("worker.json");
    var workerContainer = worker.getSpec().getContainers().get(0).getSecurityContext();
    assertThat(workerContainer.getRunAsGroup()).isEqualTo(3000L);
    assertThat(workerContainer.getCapabilities().getDrop()).as("default kept").containsExactly("ALL");
  }

  @Test
  void aUserSettingThatBreaksRestrictedIsPassedThrough() {
    EmbeddingPipeline pipeline = Serialization.unmarshal(Fixtures.MINIMAL_PIPELINE.replace(
        "app: {image: registry.example/app:1.0.0}",
        "app: {image: registry.example/app:1.0.0, securityContext: {privileged: true}}"), EmbeddingPipeline.class);
    assertThat(PodSecurityStandards.violations(template(pipeline, Component.APP)))
        .containsExactly("Privileged Containers: app: privileged");
    assertThat(PodSecurityStandards.violations(template(pipeline, Component.WORKER))).isEmpty();
  }

  /** The checker itself: a pod breaking every control is caught by every named rule. */
  @Test
  void everyRuleOfTheCheckerCatchesItsViolation() {
    PodTemplateSpec bad = new PodTemplateSpecBuilder()
        .withNewMetadata().addToAnnotations("container.apparmor.security.beta.kubernetes.io/c", "unconfined").endMetadata()
        .withNewSpec()
          .withHostNetwork(true)
          .withNewSecurityContext()
            .withRunAsNonRoot(false).withRunAsUser(0L)
            .withNewSeccompProfile().withType("Unconfined").endSeccompProfile()
            .addNewSysctl().withName("kernel.msgmax").withValue("1").endSysctl()
            .withNewSeLinuxOptions().withUser("root").endSeLinuxOptions()
            .withNewWindowsOptions().withHostProcess(true).endWindowsOptions()
          .endSecurityContext()
          .addNewContainer().withName("c")
            .addNewPort().withContainerPort(80).withHostPort(80).endPort()
            .withNewSecurityContext()
              .withPrivileged(true).withProcMount("Unmasked").withAllowPrivilegeEscalation(true)
              .withNewCapabilities().withAdd("SYS_ADMIN").endCapabilities()
            .endSecurityContext()
          .endContainer()
          .addNewVolume().withName("host").withNewHostPath().withPath("/").endHostPath().endVolume()
        .endSpec()
        .build();
    for (PodSecurityStandards.Rule rule : PodSecurityStandards.RESTRICTED) {
      assertThat(rule.check().apply(bad)).as(rule.name()).isNotEmpty();
    }
  }
}
