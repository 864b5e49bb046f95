package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * TLS towards Prometheus: the CA that signed its certificate (from a Secret or a ConfigMap; the
 * JVM's default trust store without either), a client certificate for mTLS (a kubernetes.io/tls
 * Secret: tls.crt and tls.key), the name its certificate must carry, or no verification at all.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrometheusTls(
    SecretKeyRef caSecretRef,
    ConfigMapKeyRef caConfigMapRef,
    LocalObjectRef clientCertSecretRef,
    String serverName,
    Boolean insecureSkipVerify) {

  public boolean skipsVerification() {
    return Boolean.TRUE.equals(insecureSkipVerify);
  }
}
