package dev.maverick.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
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

  private QueryResponses() {}

  static QueryResult interpret(int httpStatus, String body) {
    JsonNode json = parseOrNull(body);
    String failure = failure(httpStatus, json);
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
    String failure = failure(httpStatus, json);
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
        return new GroupedResult.Failure("the batch query returned a series without the label " + label
            + ": group it with by (" + label + ")");
      }
      byValue.computeIfAbsent(value.asText(), v -> new ArrayList<>()).add(one);
    }
    Map<String, QueryResult> results = new LinkedHashMap<>();
    byValue.forEach((value, samples) -> results.put(value, samples.size() == 1 ? sample(samples.get(0).path("value"))
        : new QueryResult.Failure("the batch query returned " + samples.size() + " series for this " + label
            + ": aggregate them with by (" + label + ")")));
    return new GroupedResult.Groups(results);
  }

  /** The error types of Prometheus' HTTP API; any other value is not repeated (it is body text). */
  private static final java.util.Set<String> ERROR_TYPES = java.util.Set.of(
      "bad_data", "execution", "timeout", "canceled", "internal", "unavailable", "not_found");

  /**
   * Why an answer cannot be used at all (error status, HTTP error, not Prometheus JSON), or null.
   * Only the status code and a classification: the body is never repeated, because whoever may
   * write a policy chooses the URL and would read its answers back from status.
   */
  private static String failure(int httpStatus, JsonNode json) {
    if (json != null && "error".equals(json.path("status").asText())) {
      String errorType = json.path("errorType").asText("");
      return "Prometheus rejected the query (" + (ERROR_TYPES.contains(errorType) ? errorType : "unknown error type")
          + ", HTTP " + httpStatus + "): " + switch (errorType) {
            case "bad_data" -> "the query is not valid PromQL; try it in the Prometheus UI";
            case "execution" -> "the query failed while running (e.g. too many samples); try it in the Prometheus UI";
            case "timeout", "canceled" -> "the query took too long in Prometheus; make it cheaper";
            default -> "Prometheus' own log says why";
          };
    }
    if (httpStatus / 100 != 2) {
      return httpFailure(httpStatus);
    }
    if (json == null || !"success".equals(json.path("status").asText())) {
      return "response is not Prometheus JSON (HTTP " + httpStatus + "): check that spec.prometheus.url is the base "
          + "URL Prometheus serves /api/v1/query under";
    }
    return null;
  }

  private static String httpFailure(int httpStatus) {
    return switch (httpStatus) {
      case 401 -> "unauthorized (401): check basicAuthSecretRef or bearerTokenSecretRef";
      case 403 -> "forbidden (403): the credentials may not query this Prometheus";
      case 404 -> "HTTP 404 from Prometheus (not found): check that spec.prometheus.url is the base URL "
          + "Prometheus serves /api/v1/query under";
      default -> "HTTP " + httpStatus + " from Prometheus (" + switch (httpStatus / 100) {
        case 3 -> "redirect, which is not followed: use the final URL";
        case 4 -> "client error";
        case 5 -> "server error";
        default -> "unexpected status";
      } + ")";
    };
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
    return new QueryResult.Failure("query returned " + series.size() + " series, but it must yield one number: "
        + "aggregate them, e.g. with sum(...) or max(...)");
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
      return unexpected("a sample value is not a number");
    }
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

}
