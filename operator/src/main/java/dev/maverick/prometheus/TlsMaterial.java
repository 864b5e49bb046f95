package dev.maverick.prometheus;

import dev.maverick.api.PrometheusTls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * What a policy's {@code spec.prometheus.tls} resolves to once its Secrets and ConfigMap are read
 * (PEM text), and the {@link SSLContext} made of it. A record, so that rotated material compares
 * unequal and gets a new client; its {@code toString} shows no key.
 */
record TlsMaterial(PrometheusTls tls, String caPem, String clientCertPem, String clientKeyPem) {
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  /** DER of AlgorithmIdentifier {rsaEncryption, NULL}, to wrap a PKCS#1 RSA key into PKCS#8. */
  private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
      (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

  /** Throws {@link IllegalArgumentException} naming the spec field whose material cannot be used. */
  SSLContext sslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(), new TrustManager[] {trustManager()}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("spec.prometheus.tls: cannot set up TLS: " + e.getMessage());
    }
  }

  private KeyManager[] keyManagers() throws GeneralSecurityException {
    if (clientCertPem == null) {
      return null;
    }
    String field = "spec.prometheus.tls.clientCertSecretRef";
    List<X509Certificate> chain = certificates(clientCertPem, field + " (key tls.crt)");
    PrivateKey key = privateKey(clientKeyPem, field + " (key tls.key)");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
    store.setKeyEntry("client", key, new char[0], chain.toArray(X509Certificate[]::new));
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, new char[0]);
    return factory.getKeyManagers();
  }

  private X509TrustManager trustManager() throws GeneralSecurityException {
    if (tls.skipsVerification()) {
      return new TrustingEverything();
    }
    KeyStore store = null;
    if (caPem != null) {
      String field = tls.caSecretRef() != null ? "spec.prometheus.tls.caSecretRef" : "spec.prometheus.tls.caConfigMapRef";
      store = KeyStore.getInstance("PKCS12");
      try {
        store.load(null, null);
      } catch (java.io.IOException e) {
        throw new GeneralSecurityException(e);
      }
      int i = 0;
      for (X509Certificate ca : certificates(caPem, field)) {
        store.setCertificateEntry("ca-" + i++, ca);
      }
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store); // null: the JVM's default CAs
    X509TrustManager trust = (X509TrustManager) factory.getTrustManagers()[0];
    return tls.serverName() == null ? trust : new TrustingServerName(trust, tls.serverName());
  }

  private static List<X509Certificate> certificates(String pem, String field) {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (byte[] der : blocks(pem, "CERTIFICATE")) {
        certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (CertificateException | IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": not a PEM certificate");
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(field + ": holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    return certificates;
  }

  private static PrivateKey privateKey(String pem, String field) {
    Matcher block = PEM.matcher(pem == null ? "" : pem);
    if (!block.find()) {
      throw new IllegalArgumentException(field + ": holds no PEM private key");
    }
    byte[] der = Base64.getMimeDecoder().decode(block.group(2));
    PKCS8EncodedKeySpec spec = switch (block.group(1)) {
      case "PRIVATE KEY" -> new PKCS8EncodedKeySpec(der);
      case "RSA PRIVATE KEY" -> new PKCS8EncodedKeySpec(pkcs8OfRsa(der));
      default -> throw new IllegalArgumentException(field + ": a " + block.group(1) + " is not supported; use"
          + " PKCS#8 (-----BEGIN PRIVATE KEY-----, e.g. openssl pkcs8 -topk8 -nocrypt) or PKCS#1 RSA");
    };
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException notThisAlgorithm) {
        // try the next
      }
    }
    throw new IllegalArgumentException(field + ": not an RSA, EC or Ed25519 private key");
  }

  private static List<byte[]> blocks(String pem, String type) {
    List<byte[]> blocks = new ArrayList<>();
    Matcher matcher = PEM.matcher(pem);
    while (matcher.find()) {
      if (matcher.group(1).equals(type)) {
        blocks.add(Base64.getMimeDecoder().decode(matcher.group(2)));
      }
    }
    return blocks;
  }

  /** PrivateKeyInfo {version 0, rsaEncryption, OCTET STRING pkcs1}. */
  private static byte[] pkcs8OfRsa(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(RSA_ALGORITHM);
    body.write(0x04);
    body.writeBytes(derLength(pkcs1.length));
    body.writeBytes(pkcs1);
    ByteArrayOutputStream sequence = new ByteArrayOutputStream();
    sequence.write(0x30);
    sequence.writeBytes(derLength(body.size()));
    sequence.writeBytes(body.toByteArray());
    return sequence.toByteArray();
  }

  private static byte[] derLength(int length) {
    if (length < 0x80) {
      return new byte[] {(byte) length};
    }
    return length < 0x100 ? new byte[] {(byte) 0x81, (byte) length}
        : new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
  }

  @Override
  public String toString() {
    return "TlsMaterial[" + tls + ", ca=" + (caPem != null) + ", clientCert=" + (clientCertPem != null) + "]";
  }

  /** insecureSkipVerify: any certificate, any name. */
  private static final class TrustingEverything extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
    @Override public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /**
   * serverName: the chain is verified as usual, the name against {@code serverName} instead of the
   * URL's host (an X509ExtendedTrustManager, so JSSE adds no check of the URL's host).
   */
  private static final class TrustingServerName extends X509ExtendedTrustManager {
    private final X509TrustManager chain;
    private final String serverName;

    TrustingServerName(X509TrustManager chain, String serverName) {
      this.chain = chain;
      this.serverName = serverName.toLowerCase(Locale.ROOT);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
      chain.checkServerTrusted(certificates, authType);
      Collection<List<?>> names = certificates[0].getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> name : names) {
          if (name.get(0) instanceof Integer type && (type == 2 && matches(String.valueOf(name.get(1)))
              || type == 7 && sameAddress(String.valueOf(name.get(1))))) {
            return;
          }
        }
      }
      throw new CertificateException("No subject alternative name matching " + serverName + " found");
    }

    private boolean matches(String dnsName) {
      String name = dnsName.toLowerCase(Locale.ROOT);
      if (name.startsWith("*.")) {
        int dot = serverName.indexOf('.');
        return dot > 0 && serverName.substring(dot).equals(name.substring(1));
      }
      return name.equals(serverName);
    }

    private boolean sameAddress(String ip) {
      try {
        return serverName.matches("[0-9.:a-f]+") && InetAddress.getByName(ip).equals(InetAddress.getByName(serverName));
      } catch (java.net.UnknownHostException e) {
        return false;
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket)
        throws CertificateException {
      checkServerTrusted(certificates, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
        throws CertificateException {
      checkServerTrusted(certificates, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
      chain.checkClientTrusted(certificates, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket)
        throws CertificateException {
      chain.checkClientTrusted(certificates, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
        throws CertificateException {
      chain.checkClientTrusted(certificates, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return chain.getAcceptedIssuers();
    }
  }
}
