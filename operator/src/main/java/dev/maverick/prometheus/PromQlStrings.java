package dev.maverick.prometheus;

/**
 * Reads a PromQL query's string literals as PromQL does ({@code "..."}, {@code '...'} and
 * {@code `...`}; a backslash escapes the next character except between backticks), so that a check
 * can tell the query's own text from text inside a literal.
 */
public final class PromQlStrings {

  private PromQlStrings() {}

  /** Sees the characters of a query, each with the literal it stands in. */
  @FunctionalInterface
  public interface Visitor {
    /**
     * @param index the character's position in the query
     * @param quote the quote character of the string literal {@code c} is inside, or null outside one
     */
    void visit(int index, char c, Character quote);
  }

  /**
   * Passes {@code visitor} each character of {@code query} in order, except a literal's quotes and
   * its escape sequences (the backslash and the character it escapes).
   *
   * @return the quote character of a literal the query leaves open at its end, or null
   */
  public static Character walk(String query, Visitor visitor) {
    Character quote = null;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (quote != null) {
        if (c == '\\' && quote != '`') {
          i++;
        } else if (c == quote) {
          quote = null;
        } else {
          visitor.visit(i, c, quote);
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else {
        visitor.visit(i, c, null);
      }
    }
    return quote;
  }
}
