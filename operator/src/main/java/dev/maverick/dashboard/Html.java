package dev.maverick.dashboard;

import java.math.BigDecimal;
import java.math.MathContext;

/** Text made safe for HTML and SVG: everything users control (names, details, images) goes through here. */
final class Html {
  private Html() {}

  /** Escaped for element content and double- or single-quoted attribute values. */
  static String escape(Object value) {
    String text = String.valueOf(value);
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** A metric value for people: four significant digits, no exponent, no trailing zeros. */
  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
