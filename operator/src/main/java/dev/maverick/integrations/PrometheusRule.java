package dev.maverick.integrations;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** The Prometheus Operator's PrometheusRule (one alert per rollout trigger). Its spec is kept as plain maps: the operator writes it and never reads it back. */
@Group("monitoring.coreos.com")
@Version("v1")
@Kind("PrometheusRule")
@Plural("prometheusrules")
public class PrometheusRule extends GenericKubernetesResource implements Namespaced {
  public PrometheusRule() {
    setApiVersion("monitoring.coreos.com/v1");
    setKind("PrometheusRule");
  }
}
