package dev.maverick.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.TriggerStatus;
import dev.maverick.testing.ExternalTools;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11.7 against the real Prometheus, started with a web config that serves TLS with a
 * certificate of a CA this test makes, requires and verifies a client certificate, and asks for
 * basic auth (bcrypt). With the right CA, client certificate and password the trigger reads its
 * value and acts; a wrong CA, no client certificate and a wrong password each show a clear error
 * in the trigger's status and take no action.
 */
class PrometheusTlsIT {
  private static final String PASSWORD = "s3cret-Pa55";
  private static final String QUERY = "scalar(vector(0.5))";

  @TempDir
  Path dir;
  private Process prometheus;
  private int port;
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().build();
  private final ScheduledExecutorService time = Executors.newSingleThreadScheduledExecutor();

  private record Issued(KeyPair keys, X509Certificate certificate) {}

  @BeforeEach
  void start() throws Exception {
    Issued ca = ca("maverick test CA");
    Issued server = issue(ca, "prometheus", KeyPurposeId.id_kp_serverAuth,
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost"));
    Issued client = issue(ca, "maverick-operator", KeyPurposeId.id_kp_clientAuth);
    Files.writeString(dir.resolve("ca.crt"), pem(ca.certificate()));
    Files.writeString(dir.resolve("server.crt"), pem(server.certificate()));
    Files.writeString(dir.resolve("server.key"), pem(server.keys().getPrivate()));
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    Files.writeString(dir.resolve("web.yml"), """
        tls_server_config:
          cert_file: %s
          key_file: %s
          client_auth_type: RequireAndVerifyClientCert
          client_ca_file: %s
        basic_auth_users:
          maverick: '%s'
        """.formatted(dir.resolve("server.crt"), dir.resolve("server.key"), dir.resolve("ca.crt"),
        OpenBSDBCrypt.generate("2a", PASSWORD.toCharArray(), salt, 6)));
    Files.writeString(dir.resolve("prometheus.yml"), "global: {evaluation_interval: 1s}\n");
    port = freePort();
    prometheus = new ProcessBuilder(ExternalTools.require("prometheus").toString(),
        "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port, "--web.config.file=" + dir.resolve("web.yml"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return true;
      } catch (IOException notYet) {
        assertThat(prometheus.isAlive()).as(Files.readString(dir.resolve("prometheus.log"))).isTrue();
        return false;
      }
    });

    time.scheduleAtFixedRate(() -> k8s.mutableClock().advance(Duration.ofMillis(100)), 100, 100, TimeUnit.MILLISECONDS);
    k8s.create(secret("prom-ca", Map.of("ca.crt", pem(ca.certificate()))));
    k8s.create(secret("other-ca", Map.of("ca.crt", pem(ca("another CA").certificate()))));
    k8s.create(secret("prom-client", Map.of("tls.crt", pem(client.certificate()), "tls.key",
        pem(client.keys().getPrivate()))));
    k8s.create(secret("prom-basic", Map.of("username", "maverick", "password", PASSWORD)));
    k8s.create(secret("wrong-basic", Map.of("username", "maverick", "password", "guess")));
    k8s.create(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("corp-ca").endMetadata()
        .addToData("bundle.pem", pem(ca.certificate())).build());
  }

  @AfterEach
  void stop() {
    time.shutdownNow();
    if (prometheus != null) {
      prometheus.destroyForcibly();
    }
  }

  @Test
  void queriesNeedTheRightCaClientCertificateAndPassword() {
    String right = "caSecretRef: {name: prom-ca, key: ca.crt}, clientCertSecretRef: {name: prom-client}";
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("right", policy("right", right, "prom-basic"));
    cases.put("wrong-ca", policy("wrong-ca", "caSecretRef: {name: other-ca, key: ca.crt}, "
        + "clientCertSecretRef: {name: prom-client}", "prom-basic"));
    cases.put("no-client-cert", policy("no-client-cert", "caSecretRef: {name: prom-ca, key: ca.crt}", "prom-basic"));
    cases.put("wrong-password", policy("wrong-password", right, "wrong-basic"));
    // the CA from a ConfigMap, and the name checked against serverName instead of the URL's host
    cases.put("server-name", policy("server-name", "caConfigMapRef: {name: corp-ca, key: bundle.pem}, "
        + "clientCertSecretRef: {name: prom-client}, serverName: localhost", "prom-basic"));
    cases.put("other-name", policy("other-name", right + ", serverName: prometheus.monitoring.svc", "prom-basic"));
    cases.forEach((name, yaml) -> {
      k8s.create(Serialization.unmarshal(yaml, RolloutPolicy.class));
      k8s.create(Fixtures.paperless("uses-" + name, name));
    });

    await().untilAsserted(() -> {
      TriggerStatus trigger = trigger("right");
      assertThat(trigger.error()).isNull();
      assertThat(trigger.value()).isEqualTo(0.5);
      assertThat(k8s.pipeline("uses-right").getStatus().actions()).hasSize(1);
      assertThat(trigger("server-name").error()).isNull();
      assertThat(trigger("server-name").value()).isEqualTo(0.5);
    });
    Map<String, String> expected = Map.of(
        "wrong-ca", "certificate not trusted",
        "no-client-cert", "client certificate",
        "wrong-password", "unauthorized (401): check basicAuthSecretRef",
        "other-name", "the certificate is not for this host name: set spec.prometheus.tls.serverName");
    for (var failing : expected.entrySet()) {
      await().untilAsserted(() -> assertThat(trigger(failing.getKey()).error()).as(failing.getKey())
          .contains(failing.getValue()));
      assertThat(k8s.pipeline("uses-" + failing.getKey()).getStatus().actions()).as(failing.getKey()).isNullOrEmpty();
      System.out.println("[prometheus-tls] " + failing.getKey() + ": " + trigger(failing.getKey()).error());
    }

    // the Secret is re-read: fixing the password fixes the trigger, with no restart
    k8s.edit(io.fabric8.kubernetes.api.model.Secret.class, "wrong-basic", secret -> {
      secret.getData().put("password", Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)));
      return secret;
    });
    await().untilAsserted(() -> {
      assertThat(trigger("wrong-password").error()).isNull();
      assertThat(trigger("wrong-password").value()).isEqualTo(0.5);
    });
  }

  private TriggerStatus trigger(String policy) {
    List<TriggerStatus> triggers = k8s.pipeline("uses-" + policy).getStatus().triggers();
    assertThat(triggers).isNotNull().hasSize(1);
    return triggers.get(0);
  }

  private String policy(String name, String tls, String basicAuthSecret) {
    return """
        apiVersion: maverick.dev/v1alpha1
        kind: RolloutPolicy
        metadata: {name: %s, namespace: paperless-maverick}
        spec:
          prometheus:
            url: "https://127.0.0.1:%d"
            timeout: 3s
            tls: {%s}
            basicAuthSecretRef: {name: %s}
          interval: 1s
          triggers:
          - name: successRate
            query: '%s'
            condition: {operator: LessThan, threshold: 0.85}
            for: 2s
            actions: [{type: DisableFlag, flag: embeddingMonitoring}]
        """.formatted(name, port, tls, basicAuthSecret, QUERY);
  }

  private static io.fabric8.kubernetes.api.model.Secret secret(String name, Map<String, String> data) {
    Map<String, String> encoded = new LinkedHashMap<>();
    data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return new SecretBuilder().withNewMetadata().withName(name).endMetadata().withData(encoded).build();
  }

  private static Issued ca(String name) throws Exception {
    KeyPair keys = keys();
    X500Name subject = new X500Name("CN=" + name);
    org.bouncycastle.cert.X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(), notBefore(), notAfter(), subject, keys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return new Issued(keys, sign(builder, keys));
  }

  private static Issued issue(Issued ca, String name, KeyPurposeId purpose, GeneralName... names) throws Exception {
    KeyPair keys = keys();
    org.bouncycastle.cert.X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(), notBefore(), notAfter(),
        new X500Name("CN=" + name), keys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    if (names.length > 0) {
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }
    return new Issued(keys, sign(builder, ca.keys()));
  }

  private static X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(new SecureRandom().nextLong() & Long.MAX_VALUE);
  }

  private static Date notBefore() {
    return Date.from(Instant.now().minus(Duration.ofHours(1)));
  }

  private static Date notAfter() {
    return Date.from(Instant.now().plus(Duration.ofDays(1)));
  }

  /** PEM as kubectl create secret tls and cert-manager write it (an RSA key as PKCS#1). */
  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
