package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/** An Ingress {@code <name>-app} to the app Service's http port; annotations are passed through. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppIngress(
    @Required String host,
    String className,
    String tlsSecretName,
    Map<String, String> annotations) {

  public AppIngress {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }
}
