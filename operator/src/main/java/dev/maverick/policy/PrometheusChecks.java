package dev.maverick.policy;

import static dev.maverick.policy.FieldChecks.blank;

import dev.maverick.api.BasicAuthSecretRef;
import dev.maverick.api.PrometheusSpec;
import dev.maverick.api.PrometheusTls;
import dev.maverick.prometheus.PromQlStrings;
import dev.maverick.prometheus.QueryTemplate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ArrayList;
import java.util.List;

/**
 * The Prometheus part of a policy's checks: how the operator reaches the server (TLS, credentials),
 * and a cheap sanity check of each PromQL template; Prometheus reports the rest at evaluation.
 */
final class PrometheusChecks {
  private PrometheusChecks() {}

  static void prometheusAccess(List<String> problems, PrometheusSpec prometheus) {
    PrometheusTls tls = prometheus.tls();
    if (tls != null) {
      String path = "spec.prometheus.tls";
      if (!prometheus.url().trim().toLowerCase(java.util.Locale.ROOT).startsWith("https://")) {
        problems.add(path + ": applies to https:// URLs only; spec.prometheus.url is not one");
      }
      if (tls.caSecretRef() != null && tls.caConfigMapRef() != null) {
        problems.add(path + ": set caSecretRef or caConfigMapRef, not both");
      }
      if (tls.skipsVerification() && (tls.caSecretRef() != null || tls.caConfigMapRef() != null
          || tls.serverName() != null)) {
        problems.add(path + ".insecureSkipVerify: verifies nothing, so a CA or serverName would be ignored;"
            + " remove one or the other");
      }
      keyRef(problems, path + ".caSecretRef", tls.caSecretRef() == null ? null
          : new String[] {tls.caSecretRef().name(), tls.caSecretRef().key()});
      keyRef(problems, path + ".caConfigMapRef", tls.caConfigMapRef() == null ? null
          : new String[] {tls.caConfigMapRef().name(), tls.caConfigMapRef().key()});
      if (tls.clientCertSecretRef() != null && blank(tls.clientCertSecretRef().name())) {
        problems.add(path + ".clientCertSecretRef.name: required, a kubernetes.io/tls Secret");
      }
      if (tls.serverName() != null && !tls.serverName().matches("^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?$")) {
        problems.add(path + ".serverName: '" + tls.serverName() + "' is not a DNS name");
      }
    }
    BasicAuthSecretRef basicAuth = prometheus.basicAuthSecretRef();
    if (basicAuth != null) {
      keyRef(problems, "spec.prometheus.basicAuthSecretRef", new String[] {basicAuth.name(), basicAuth.usernameKey(),
          basicAuth.passwordKey()});
      if (prometheus.bearerTokenSecretRef() != null) {
        problems.add("spec.prometheus.basicAuthSecretRef: set it or bearerTokenSecretRef, not both"
            + " (each is an Authorization header)");
      }
    }
  }

  /** A reference's name and keys must all be given. */
  static void keyRef(List<String> problems, String path, String[] nameAndKeys) {
    if (nameAndKeys != null && java.util.Arrays.stream(nameAndKeys).anyMatch(FieldChecks::blank)) {
      problems.add(path + ": name and keys are required");
    }
  }

  static void query(List<String> problems, String path, String query) {
    if (blank(query)) {
      problems.add(path + ": required, a PromQL expression yielding one number");
      return;
    }
    String unbalanced = unbalancedBracket(query);
    if (unbalanced != null) {
      problems.add(path + ": " + unbalanced + " in '" + query + "'");
    }
    for (String unknown : QueryTemplate.unknownPlaceholders(query)) {
      problems.add(path + ": unknown placeholder " + unknown + "; the placeholders are {{pipeline}} and {{namespace}}");
    }
    for (String outside : QueryTemplate.placeholdersOutsideDoubleQuotes(query)) {
      problems.add(path + ": " + outside + " must be inside a double-quoted string, e.g. pipeline=\"" + outside
          + "\", so that no name can change the query");
    }
  }

  static void batchQuery(List<String> problems, String path, String batchQuery) {
    if (batchQuery == null) {
      return;
    }
    if (batchQuery.contains(QueryTemplate.PIPELINE)) {
      problems.add(path + ": must not contain " + QueryTemplate.PIPELINE + ": it runs once for all pipelines of the"
          + " policy and must return one series per pipeline, e.g. sum by (pipeline) (rate(x{namespace=\"{{namespace}}\"}[5m]))");
      return;
    }
    query(problems, path, batchQuery);
  }

  /** The first bracket problem outside string literals, or null when (), [] and {} balance. */
  static String unbalancedBracket(String query) {
    Deque<Character> open = new ArrayDeque<>();
    List<String> unbalanced = new ArrayList<>();
    Character unterminated = PromQlStrings.walk(query, (i, c, quote) -> {
      if (quote != null || !unbalanced.isEmpty()) {
        return;
      }
      switch (c) {
        case '(', '[', '{' -> open.push(c);
        case ')', ']', '}' -> {
          char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
          if (open.isEmpty() || open.pop() != expected) {
            unbalanced.add("unbalanced '" + c + "' at position " + i);
          }
        }
        default -> { }
      }
    });
    if (!unbalanced.isEmpty()) {
      return unbalanced.get(0);
    }
    if (unterminated != null) {
      return "unterminated string literal";
    }
    return open.isEmpty() ? null : "unclosed '" + open.peek() + "'";
  }


}
