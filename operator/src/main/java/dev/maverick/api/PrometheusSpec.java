package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrometheusSpec(
    @Required @Pattern("^https?://.+") String url,
    @Pattern(Durations.PATTERN) @Size(max = Durations.MAX_LENGTH)
    @ValidationRule(value = Durations.MAX_RULE, message = Durations.MAX_MESSAGE) String timeout,
    SecretKeyRef bearerTokenSecretRef,
    Map<String, String> headers,
    PrometheusTls tls,
    BasicAuthSecretRef basicAuthSecretRef) {

  /** Without TLS settings or basic auth. */
  public PrometheusSpec(String url, String timeout, SecretKeyRef bearerTokenSecretRef, Map<String, String> headers) {
    this(url, timeout, bearerTokenSecretRef, headers, null, null);
  }

  public PrometheusSpec {
    timeout = timeout == null ? "5s" : timeout;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }
}
