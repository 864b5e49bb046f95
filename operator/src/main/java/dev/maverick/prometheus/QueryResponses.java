package dev.maverick.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the HTTP answer of Prometheus' instant-query API ({@code /api/v1/query}) into a {@link
 * QueryResult}. Pure: no I/O, never throws.
 *
 * <p>NaN means "no data" (it is what {@code 0/0} and ratios of idle counters yield). {@code +Inf}
 * and {@code -Inf} are values: they compare against thresholds as expected (an error ratio of
 * {@code x/0} with errors is rightly above any threshold).
 */
final class QueryResponses {
  static final String NO_SERIES = "query returned no series";
  static final String NAN = "query returned NaN";

  private static final String UNEXPECTED = "unexpected answer from Prometheus: ";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXCERPT_LENGTH = 200;
  private static final int SERIES_NAMED = 3;

  private QueryResponses() {}

  static QueryResult interpret(int httpStatus, String body) {
    JsonNode json = parseOrNull(body);
    String failure = failure(httpStatus, body, json);
    if (failure != null) {
      return new QueryResult.Failure(failure);
    }
    JsonNode data = json.path("data");
    JsonNode result = data.path("result");
    String resultType = data.path("resultType").asText("");
    return switch (resultType) {
      case "scalar" -> sample(result);
      case "vector" -> vector(result);
      case "matrix" -> new QueryResult.Failure("query returned a range vector (" + result.size()
          + " series with many samples each), but it must yield one number: remove the range selector such as [5m], "
          + "or wrap it in a function such as rate(...) and aggregate with sum(...) or max(...)");
      case "string" -> new QueryResult.Failure("query returned a string, but it must yield one number");
      default -> unexpected("unknown resultType \"" + resultType + "\"");
    };
  }

  /**
   * A batch query's answer: an instant vector with one series per value of {@code label}. A label
   * value with several series fails for that value only; a series without the label, or an answer
   * that is not a vector, fails the whole query.
   */
  static GroupedResult interpretGrouped(int httpStatus, String body, String label) {
    JsonNode json = parseOrNull(body);
    String failure = failure(httpStatus, body, json);
    if (failure != null) {
      return new GroupedResult.Failure(failure);
    }
    JsonNode data = json.path("data");
    String resultType = data.path("resultType").asText("");
    JsonNode series = data.path("result");
    if (!resultType.equals("vector") || !series.isArray()) {
      return new GroupedResult.Failure("the batch query returned " + (resultType.isEmpty() ? "no result type" : "a " + resultType)
          + ", but it must return an instant vector with one series per " + label + ", e.g. sum by (" + label + ") (...)");
    }
    Map<String, List<JsonNode>> byValue = new LinkedHashMap<>();
    for (JsonNode one : series) {
      JsonNode value = one.path("metric").path(label);
      if (!value.isTextual()) {
        return new GroupedResult.Failure("the batch query returned the series " + seriesName(one.path("metric"))
            + " without the label " + label + ": group it with by (" + label + ")");
      }
      byValue.computeIfAbsent(value.asText(), v -> new ArrayList<>()).add(one);
    }
    Map<String, QueryResult> results = new LinkedHashMap<>();
    byValue.forEach((value, samples) -> results.put(value, samples.size() == 1 ? sample(samples.get(0).path("value"))
        : new QueryResult.Failure("the batch query returned " + samples.size() + " series with " + label + "=\""
            + value + "\": aggregate them with by (" + label + ")")));
    return new GroupedResult.Groups(results);
  }

  /** Why an answer cannot be used at all (error status, HTTP error, not JSON), or null. */
  private static String failure(int httpStatus, String body, JsonNode json) {
    if (json != null && "error".equals(json.path("status").asText())) {
      return "Prometheus rejected the query (" + json.path("errorType").asText("unknown error type")
          + "): " + excerpt(json.path("error").asText(""), 500);
    }
    if (httpStatus / 100 != 2) {
      return "Prometheus answered HTTP " + httpStatus + ": " + excerpt(body, EXCERPT_LENGTH);
    }
    if (json == null) {
      return "Prometheus answered with something that is not JSON: " + excerpt(body, EXCERPT_LENGTH);
    }
    if (!"success".equals(json.path("status").asText())) {
      return UNEXPECTED + "no \"status\": \"success\" in " + excerpt(body, EXCERPT_LENGTH);
    }
    return null;
  }

  private static QueryResult vector(JsonNode series) {
    if (!series.isArray()) {
      return unexpected("\"result\" of a vector is not a list");
    }
    if (series.isEmpty()) {
      return new QueryResult.NoData(NO_SERIES);
    }
    if (series.size() == 1) {
      return sample(series.get(0).path("value"));
    }
    List<String> named = new ArrayList<>();
    for (int i = 0; i < Math.min(SERIES_NAMED, series.size()); i++) {
      named.add(seriesName(series.get(i).path("metric")));
    }
    String more = series.size() > SERIES_NAMED ? ", ..." : "";
    return new QueryResult.Failure("query returned " + series.size() + " series, but it must yield one number: "
        + "aggregate them, e.g. with sum(...) or max(...) (series: " + String.join(", ", named) + more + ")");
  }

  /** A sample is {@code [<unix time>, "<value>"]}. */
  private static QueryResult sample(JsonNode sample) {
    JsonNode value = sample.path(1);
    if (!sample.isArray() || sample.size() != 2 || !value.isTextual()) {
      return unexpected("a sample is not [time, \"value\"]");
    }
    return switch (value.asText()) {
      case "NaN" -> new QueryResult.NoData(NAN);
      case "+Inf" -> new QueryResult.Value(Double.POSITIVE_INFINITY);
      case "-Inf" -> new QueryResult.Value(Double.NEGATIVE_INFINITY);
      default -> parseNumber(value.asText());
    };
  }

  private static QueryResult parseNumber(String text) {
    try {
      return new QueryResult.Value(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      return unexpected("sample value \"" + excerpt(text, 40) + "\" is not a number");
    }
  }

  /** Renders a series the way PromQL writes it: {@code name{label="value", ...}}. */
  private static String seriesName(JsonNode metric) {
    StringBuilder labels = new StringBuilder();
    String name = "";
    Iterator<Map.Entry<String, JsonNode>> fields = metric.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> label = fields.next();
      if (label.getKey().equals("__name__")) {
        name = label.getValue().asText();
      } else {
        labels.append(labels.isEmpty() ? "" : ", ").append(label.getKey()).append("=\"")
            .append(label.getValue().asText()).append('"');
      }
    }
    return name + "{" + labels + "}";
  }

  private static QueryResult unexpected(String what) {
    return new QueryResult.Failure(UNEXPECTED + what);
  }

  private static JsonNode parseOrNull(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** A single-line beginning of {@code text}, short enough for a status field. */
  static String excerpt(String text, int maxLength) {
    String oneLine = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    if (oneLine.isEmpty()) {
      return "(empty body)";
    }
    return oneLine.length() <= maxLength ? oneLine : oneLine.substring(0, maxLength) + "...";
  }
}
