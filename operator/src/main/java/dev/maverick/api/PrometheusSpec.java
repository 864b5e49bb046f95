package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrometheusSpec(
    @JsonPropertyDescription("Base URL of the Prometheus HTTP API, http:// or https://; at most 2048 characters.")
    @Size(max = 2048)
    @Required @Pattern("^https?://.+") String url,
    @Pattern(Durations.PATTERN) @Size(max = Durations.MAX_LENGTH)
    @JsonPropertyDescription("Timeout of each query. Default 5s." + Descriptions.DURATION)
    @ValidationRule(value = Durations.MAX_RULE, message = Durations.MAX_MESSAGE) String timeout,
    @JsonPropertyDescription("A Secret key holding a bearer token, sent as Authorization: Bearer. Optional.")
    SecretKeyRef bearerTokenSecretRef,
    @JsonPropertyDescription("Extra HTTP headers sent with every query, e.g. X-Scope-OrgID: tenant-a; at most 32.")
    @Size(max = 32)
    Map<String, String> headers,
    @JsonPropertyDescription("TLS towards an https:// Prometheus: CA, client certificate, serverName, insecureSkipVerify. Default: the JVM's trust store.")
    PrometheusTls tls,
    @JsonPropertyDescription("HTTP basic auth from a Secret (not together with bearerTokenSecretRef).")
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
