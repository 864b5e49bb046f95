package dev.maverick.pipeline;

import dev.maverick.api.AppIngress;
import dev.maverick.api.Groups;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Ingress {@code <name>-app} to the app Service's http port, while {@code spec.app.ingress} is
 * set: the host, TLS on the host from {@code tlsSecretName}, the user's annotations passed through
 * (one removed from the spec is removed from the Ingress; annotations others add stay).
 */
public final class Ingresses implements ChildKind<Ingress> {

  /** The keys of the user's annotations the operator last passed through, so that a removed one is removed. */
  static final String PASSED_ANNOTATIONS = Groups.GROUP + "/passed-annotations";

  @Override
  public void preserve(PipelineModel model, Ingress live, Ingress replacement) {
    String passed = live.getMetadata().getAnnotations() == null ? null
        : live.getMetadata().getAnnotations().get(PASSED_ANNOTATIONS);
    AppIngress ingress = model.spec().app().ingress();
    if (passed != null && replacement.getMetadata().getAnnotations() != null) {
      for (String key : passed.split(",")) {
        if (!ingress.annotations().containsKey(key)) {
          replacement.getMetadata().getAnnotations().remove(key);
        }
      }
    }
  }

  @Override
  public Class<Ingress> type() {
    return Ingress.class;
  }

  @Override
  public List<Ingress> desired(PipelineModel model) {
    AppIngress ingress = model.spec().app().ingress();
    if (ingress == null) {
      return List.of();
    }
    String name = ChildNames.of(model.name(), Component.APP);
    var metadata = model.metadata(name, Component.APP);
    if (!ingress.annotations().isEmpty()) {
      Map<String, String> annotations = new TreeMap<>(ingress.annotations());
      annotations.put(PASSED_ANNOTATIONS, String.join(",", new TreeSet<>(ingress.annotations().keySet())));
      metadata.setAnnotations(annotations);
    }
    return List.of(new IngressBuilder()
        .withMetadata(metadata)
        .withNewSpec()
          .withIngressClassName(ingress.className())
          .withTls(ingress.tlsSecretName() == null ? List.of()
              : List.of(new IngressTLSBuilder().withHosts(ingress.host()).withSecretName(ingress.tlsSecretName()).build()))
          .addNewRule()
            .withHost(ingress.host())
            .withNewHttp()
              .addNewPath()
                .withPath("/")
                .withPathType("Prefix")
                .withNewBackend()
                  .withNewService().withName(name).withNewPort().withName("http").endPort().endService()
                .endBackend()
              .endPath()
            .endHttp()
          .endRule()
        .endSpec()
        .build());
  }
}
