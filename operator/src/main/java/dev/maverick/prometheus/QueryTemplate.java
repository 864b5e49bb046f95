package dev.maverick.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the placeholders {@code {{pipeline}}} and {@code {{namespace}}} of a trigger's or gate's
 * query. Values are escaped for a PromQL double-quoted string literal, so they belong inside one
 * ({@code pipeline="{{pipeline}}"}): there, no name can end the literal and change the query.
 */
public final class QueryTemplate {
  public static final String PIPELINE = "{{pipeline}}";
  public static final String NAMESPACE = "{{namespace}}";

  private static final Pattern KNOWN = Pattern.compile("\\{\\{(pipeline|namespace)}}");
  private static final Pattern ANY = Pattern.compile("\\{\\{.*?}}");

  private QueryTemplate() {}

  /**
   * Substitutes both placeholders in one pass (a value that looks like a placeholder stays as it is).
   * A plain scan, not a regex: resting pipelines render their batch queries at every tick.
   */
  public static String render(String template, String pipeline, String namespace) {
    Objects.requireNonNull(template, "template");
    String pipelineLiteral = escape(Objects.requireNonNull(pipeline, "pipeline"));
    String namespaceLiteral = escape(Objects.requireNonNull(namespace, "namespace"));
    int next = template.indexOf("{{");
    if (next < 0) {
      return template;
    }
    StringBuilder rendered = new StringBuilder(template.length() + pipelineLiteral.length() + namespaceLiteral.length());
    int copied = 0;
    for (; next >= 0; next = template.indexOf("{{", next + 1)) {
      if (next < copied) {
        continue;
      }
      if (template.startsWith(PIPELINE, next)) {
        rendered.append(template, copied, next).append(pipelineLiteral);
        copied = next + PIPELINE.length();
      } else if (template.startsWith(NAMESPACE, next)) {
        rendered.append(template, copied, next).append(namespaceLiteral);
        copied = next + NAMESPACE.length();
      }
    }
    return rendered.append(template, copied, template.length()).toString();
  }

  /**
   * The {@code {{...}}} placeholders of {@code template} other than the two known ones (typos such
   * as {@code {{pipline}}} would otherwise silently match no series), for validation messages.
   */
  public static List<String> unknownPlaceholders(String template) {
    List<String> unknown = new ArrayList<>();
    Matcher placeholder = ANY.matcher(template);
    while (placeholder.find()) {
      if (!KNOWN.matcher(placeholder.group()).matches()) {
        unknown.add(placeholder.group());
      }
    }
    return unknown;
  }

  /**
   * The known placeholders of {@code template} that are not inside a double-quoted string literal:
   * values are escaped only for one, so elsewhere a name could change what the query means.
   */
  public static List<String> placeholdersOutsideDoubleQuotes(String template) {
    List<String> outside = new ArrayList<>();
    PromQlStrings.walk(template, (i, c, quote) -> {
      if (quote == null || quote != '"') {
        addPlaceholderAt(template, i, outside);
      }
    });
    return outside;
  }

  private static void addPlaceholderAt(String template, int index, List<String> found) {
    for (String placeholder : List.of(PIPELINE, NAMESPACE)) {
      if (template.startsWith(placeholder, index)) {
        found.add(placeholder);
      }
    }
  }

  /** Escapes {@code value} for the inside of a PromQL (Go-syntax) double-quoted string. */
  static String escape(String value) {
    if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '\\' && c != '"')) {
      return value; // the common case: a Kubernetes name
    }
    StringBuilder escaped = new StringBuilder(value.length() + 8);
    value.codePoints().forEach(c -> {
      switch (c) {
        case '\\' -> escaped.append("\\\\");
        case '"' -> escaped.append("\\\"");
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        case '\t' -> escaped.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            escaped.append(String.format("\\u%04x", c));
          } else if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
            escaped.append('\uFFFD'); // a lone surrogate has no UTF-8 form
          } else {
            escaped.appendCodePoint(c);
          }
        }
      }
    });
    return escaped.toString();
  }
}
