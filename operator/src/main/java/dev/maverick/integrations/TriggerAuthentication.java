package dev.maverick.integrations;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** KEDA's TriggerAuthentication (the Prometheus bearer token of the queue-depth trigger). Its spec is kept as plain maps: the operator writes it and never reads it back. */
@Group("keda.sh")
@Version("v1alpha1")
@Kind("TriggerAuthentication")
@Plural("triggerauthentications")
public class TriggerAuthentication extends GenericKubernetesResource implements Namespaced {
  public TriggerAuthentication() {
    setApiVersion("keda.sh/v1alpha1");
    setKind("TriggerAuthentication");
  }
}
