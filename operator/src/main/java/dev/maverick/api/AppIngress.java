package dev.maverick.api;

import io.fabric8.generator.annotation.Size;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/** An Ingress {@code <name>-app} to the app Service's http port; annotations are passed through. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppIngress(
    @JsonPropertyDescription("The host name the Ingress serves, e.g. paperless.example.com; at most 253 characters.")
    @Size(max = 253)
    @Required String host,
    @JsonPropertyDescription("The IngressClass (spec.ingressClassName), e.g. nginx. Default: the cluster's default class.")
    @Size(max = 253)
    String className,
    @JsonPropertyDescription("A kubernetes.io/tls Secret for TLS on the host (e.g. one cert-manager fills). Default: no TLS.")
    @Size(max = 253)
    String tlsSecretName,
    @JsonPropertyDescription("Annotations passed to the Ingress as written (cert-manager issuers, ingress rate limits); at most 64.")
    @Size(max = 64)
    Map<String, String> annotations) {

  public AppIngress {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }
}
