package dev.maverick.integrations;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** KEDA's ScaledObject (the worker's autoscaler with {@code engine: KEDA}). Its spec is kept as plain maps: the operator writes it and never reads it back. */
@Group("keda.sh")
@Version("v1alpha1")
@Kind("ScaledObject")
@Plural("scaledobjects")
public class ScaledObject extends GenericKubernetesResource implements Namespaced {
  public ScaledObject() {
    setApiVersion("keda.sh/v1alpha1");
    setKind("ScaledObject");
  }
}
