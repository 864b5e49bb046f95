package dev.maverick.integrations;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** The OpenFeature operator's FeatureFlag (the pipeline's flags, for flagd sidecars). Its spec is kept as plain maps: the operator writes it and never reads it back. */
@Group("core.openfeature.dev")
@Version("v1beta1")
@Kind("FeatureFlag")
@Plural("featureflags")
public class OpenFeatureFlag extends GenericKubernetesResource implements Namespaced {
  public OpenFeatureFlag() {
    setApiVersion("core.openfeature.dev/v1beta1");
    setKind("FeatureFlag");
  }
}
