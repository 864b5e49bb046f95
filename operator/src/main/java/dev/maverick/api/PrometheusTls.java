package dev.maverick.api;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * TLS towards Prometheus: the CA that signed its certificate (from a Secret or a ConfigMap; the
 * JVM's default trust store without either), a client certificate for mTLS (a kubernetes.io/tls
 * Secret: tls.crt and tls.key), the name its certificate must carry, or no verification at all.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrometheusTls(
    @JsonPropertyDescription("The PEM CA bundle that signed Prometheus's certificate, from a Secret key; or caConfigMapRef, not both. Default: the JVM's trust store.")
    SecretKeyRef caSecretRef,
    @JsonPropertyDescription("The PEM CA bundle from a ConfigMap key; or caSecretRef, not both.")
    ConfigMapKeyRef caConfigMapRef,
    @JsonPropertyDescription("A kubernetes.io/tls Secret (tls.crt, tls.key) presented as the client certificate (mTLS).")
    LocalObjectRef clientCertSecretRef,
    @JsonPropertyDescription("The DNS name Prometheus's certificate must carry, instead of the URL's host; at most 253 characters.")
    @Size(max = 253)
    String serverName,
    @JsonPropertyDescription("true: do not verify Prometheus's certificate (a Warning Event says so once). Default false.")
    Boolean insecureSkipVerify) {

  public boolean skipsVerification() {
    return Boolean.TRUE.equals(insecureSkipVerify);
  }
}
