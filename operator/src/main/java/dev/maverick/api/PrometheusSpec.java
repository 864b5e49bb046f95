package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrometheusSpec(
    @JsonPropertyDescription("Base URL of the Prometheus HTTP API, http:// or https://; at most 2048 characters.")
    @Size(max = 2048)
    @Required @Pattern("^https?://.+") String url,
    @JsonPropertyDescription("Timeout of each query. Default 5s." + Descriptions.DURATION)
    @Size(max = 32)
    @Pattern(Durations.PATTERN) String timeout,
    @JsonPropertyDescription("A Secret key holding a bearer token, sent as Authorization: Bearer. Optional.")
    SecretKeyRef bearerTokenSecretRef,
    @JsonPropertyDescription("Extra HTTP headers sent with every query, e.g. X-Scope-OrgID: tenant-a; at most 32.")
    @Size(max = 32)
    Map<String, String> headers) {

  public PrometheusSpec {
    timeout = timeout == null ? "5s" : timeout;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }
}
