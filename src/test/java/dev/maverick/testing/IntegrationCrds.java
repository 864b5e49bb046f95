package dev.maverick.testing;

import dev.maverick.integrations.ClusterApi;
import dev.maverick.integrations.OpenFeatureFlag;
import dev.maverick.integrations.PrometheusRule;
import dev.maverick.integrations.ScaledObject;
import dev.maverick.integrations.ServiceMonitor;
import dev.maverick.integrations.TriggerAuthentication;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * Makes the mock API server serve another project's API, as installing KEDA, the Prometheus
 * Operator or the OpenFeature operator would: fabric8's CRUD mock answers discovery
 * ({@code /apis/<group>/<version>}) for the CRDs created in it, and 404 otherwise, like a real API
 * server. The CRDs here only declare names and accept any object (their real schemas are checked
 * by {@code GeneratedChildrenSchemaTest}, against the projects' published models).
 */
public final class IntegrationCrds {
  private static final Map<ClusterApi, List<Class<? extends HasMetadata>>> KINDS = Map.of(
      ClusterApi.KEDA, List.of(ScaledObject.class, TriggerAuthentication.class),
      ClusterApi.PROMETHEUS_OPERATOR, List.of(ServiceMonitor.class, PrometheusRule.class),
      ClusterApi.OPENFEATURE_OPERATOR, List.of(OpenFeatureFlag.class));

  private IntegrationCrds() {}

  public static void install(KubernetesClient client, ClusterApi... apis) {
    for (ClusterApi api : apis) {
      for (Class<? extends HasMetadata> type : KINDS.get(api)) {
        String group = HasMetadata.getGroup(type);
        String plural = HasMetadata.getPlural(type);
        String kind = HasMetadata.getKind(type);
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
            .withNewMetadata().withName(plural + "." + group).endMetadata()
            .withNewSpec()
              .withGroup(group)
              .withScope("Namespaced")
              .withNewNames().withKind(kind).withPlural(plural).withSingular(kind.toLowerCase()).endNames()
              .addNewVersion()
                .withName(HasMetadata.getVersion(type)).withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                  .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
              .endVersion()
            .endSpec()
            .build()).create();
      }
    }
  }
}
