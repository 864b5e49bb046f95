package dev.maverick.egress;

import java.util.Arrays;
import java.util.List;

/**
 * The URL prefixes the operator may send requests to (Prometheus, webhooks); empty allows every
 * URL. A prefix covers a URL that equals it or continues it with a path: {@code http://prom:9090}
 * covers {@code http://prom:9090/tenant}, never {@code http://prom:9090.evil.example} or
 * {@code http://prom:9090@evil.example}.
 */
public record UrlAllowList(List<String> prefixes) {
  public static final UrlAllowList ANY = new UrlAllowList(List.of());

  public UrlAllowList {
    prefixes = List.copyOf(prefixes);
  }

  /** From a comma-separated list, as in an environment variable; blank entries are ignored. */
  public static UrlAllowList parse(String commaSeparated) {
    return new UrlAllowList(Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(p -> !p.isEmpty())
        .toList());
  }

  public boolean restricts() {
    return !prefixes.isEmpty();
  }

  public boolean allows(String url) {
    return !restricts() || url != null && prefixes.stream().anyMatch(prefix -> covers(prefix, url.trim()));
  }

  private static boolean covers(String prefix, String url) {
    if (!url.startsWith(prefix)) {
      return false;
    }
    return prefix.endsWith("/") || url.length() == prefix.length() || url.charAt(prefix.length()) == '/';
  }
}
