package dev.maverick.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Kubernetes API requests of the operator, by verb and resource, counted into the phase in force
 * when they were drained from the mock server. Requests of the benchmark's own client (which plays the
 * user and the kubelet) carry {@link #RUNNER_USER_AGENT} and are left out.
 *
 * <p>A status write is <em>informative</em> when the status it writes differs from the one the
 * pipeline's previous status write wrote, evaluation times ({@code lastEvaluated}) aside: the
 * minimum number of status writes is the number of informative ones.
 */
final class ApiRequests {
  static final String RUNNER_USER_AGENT = "maverick-bench-runner";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> WRITES = List.of("CREATE", "UPDATE", "PATCH", "DELETE");

  /** What was counted in one phase. */
  static final class Phase {
    private final Map<String, AtomicLong> byVerbAndResource = new ConcurrentHashMap<>();
    private final AtomicLong informativeStatusWrites = new AtomicLong();
    private final Map<String, AtomicLong> writesByAgent = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> informativeByAgent = new ConcurrentHashMap<>();

    /** The writes of the client with this User-Agent. */
    long writesBy(String userAgent) {
      AtomicLong count = writesByAgent.get(userAgent);
      return count == null ? 0 : count.get();
    }

    long informativeStatusWritesBy(String userAgent) {
      AtomicLong count = informativeByAgent.get(userAgent);
      return count == null ? 0 : count.get();
    }

    /** "VERB resource" to count, sorted. */
    Map<String, Long> counts() {
      Map<String, Long> counts = new TreeMap<>();
      byVerbAndResource.forEach((key, count) -> counts.put(key, count.get()));
      return counts;
    }

    long count(String verb, String resource) {
      AtomicLong count = byVerbAndResource.get(verb + " " + resource);
      return count == null ? 0 : count.get();
    }

    long writes() {
      return byVerbAndResource.entrySet().stream()
          .filter(e -> WRITES.contains(e.getKey().substring(0, e.getKey().indexOf(' '))))
          .mapToLong(e -> e.getValue().get()).sum();
    }

    long informativeStatusWrites() {
      return informativeStatusWrites.get();
    }
  }

  private final Map<String, JsonNode> lastStatusWritten = new HashMap<>();
  private volatile Phase current = new Phase();
  /** Every object each client wrote, by User-Agent: "resource/name", subresources left out. */
  private final Map<String, Set<String>> objectsWritten = new ConcurrentHashMap<>();

  /** Every object each client (by User-Agent, the runner's left out) wrote since the start. */
  Map<String, Set<String>> objectsWritten() {
    return objectsWritten;
  }

  /** Counts what follows into a new phase and returns it. */
  Phase startPhase() {
    Phase phase = new Phase();
    current = phase;
    return phase;
  }

  synchronized void record(RecordedRequest request, String body) {
    if (RUNNER_USER_AGENT.equals(request.getHeader("User-Agent"))) {
      return;
    }
    Classified classified = classify(request.getMethod(), request.getPath());
    Phase phase = current;
    phase.byVerbAndResource.computeIfAbsent(classified.verb() + " " + classified.resource(), k -> new AtomicLong())
        .incrementAndGet();
    if (!WRITES.contains(classified.verb())) {
      return;
    }
    String agent = String.valueOf(request.getHeader("User-Agent"));
    phase.writesByAgent.computeIfAbsent(agent, k -> new AtomicLong()).incrementAndGet();
    String name = classified.name() != null ? classified.name() : nameIn(body);
    objectsWritten.computeIfAbsent(agent, k -> ConcurrentHashMap.newKeySet())
        .add(classified.resource().replaceAll("/.*", "") + "/" + name);
    if (classified.resource().endsWith("/status")
        && isInformative(classified.resource() + "/" + classified.name(), body)) {
      phase.informativeStatusWrites.incrementAndGet();
      phase.informativeByAgent.computeIfAbsent(agent, k -> new AtomicLong()).incrementAndGet();
    }
  }

  /** The metadata.name of a created object. */
  private static String nameIn(String body) {
    if (body == null) {
      return null;
    }
    try {
      return JSON.readTree(body).path("metadata").path("name").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  private boolean isInformative(String object, String body) {
    JsonNode status;
    try {
      status = JSON.readTree(body).path("status").deepCopy();
    } catch (IOException e) {
      return true;
    }
    withoutEvaluationTimes(status);
    JsonNode previous = lastStatusWritten.put(object, status);
    return !status.equals(previous);
  }

  private static void withoutEvaluationTimes(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove("lastEvaluated");
    }
    node.forEach(ApiRequests::withoutEvaluationTimes);
  }

  record Classified(String verb, String resource, String name) {}

  /** The verb (CREATE, GET, LIST, WATCH, UPDATE, PATCH, DELETE) and resource (with subresource) of a request. */
  static Classified classify(String method, String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
    String[] segments = path.replaceAll("^/+", "").split("/");
    int i = segments[0].equals("api") ? 2 : 3; // after /api/v1 or /apis/group/version
    if (segments.length > i + 2 && segments[i].equals("namespaces")) {
      i += 2;
    }
    String resource = segments.length > i ? segments[i] : path;
    String name = segments.length > i + 1 ? segments[i + 1] : null;
    if (segments.length > i + 2) {
      resource += "/" + segments[i + 2];
    }
    String verb = switch (method) {
      case "GET" -> query.contains("watch=true") ? "WATCH" : name == null ? "LIST" : "GET";
      case "POST" -> "CREATE";
      case "PUT" -> "UPDATE";
      default -> method;
    };
    return new Classified(verb, resource, name);
  }
}
