package dev.maverick.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The reaction delay: {@value #BREACHING} pipelines start breaching {@link BenchCluster#BREACH_TRIGGER}
 * at once (the fake Prometheus answers a value above its threshold for them from then on); for each,
 * the delay from the moment its {@code for} window completed to the status write that records the
 * action (the mock server's time of storing it; the reconciler writes the changed children, here
 * the flags ConfigMap and the Deployments, before the status, so by then the action has taken
 * effect).
 *
 * <ul>
 *   <li><b>reaction</b>: from (breach visible to Prometheus + {@code for}) to the action's status
 *       write. Visible: the moment the fake Prometheus starts answering the breaching value. It
 *       includes the wait for the operator's next evaluation (up to one {@code interval}); the goal is
 *       at most interval + 1 s.
 *   <li><b>processing</b>: from (the {@code breachingSince} the operator recorded, its first
 *       evaluation that saw the breach, + {@code for}) to the same write: the operator's own delay
 *       once the window is complete by its clock.
 * </ul>
 *
 * p50 is the nearest-rank median (the 5th of 10 sorted delays), max the largest.
 */
final class Reaction {
  static final int BREACHING = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Delays in ms, sorted; {@code acted} of {@code breaching} pipelines acted before the timeout. */
  record Result(List<Long> reactionMs, List<Long> processingMs, int acted, int breaching) {
    long p50() {
      return nearestRank(reactionMs, 0.5);
    }

    long max() {
      return reactionMs.isEmpty() ? -1 : reactionMs.get(reactionMs.size() - 1);
    }

    long processingP50() {
      return nearestRank(processingMs, 0.5);
    }

    long processingMax() {
      return processingMs.isEmpty() ? -1 : processingMs.get(processingMs.size() - 1);
    }

    private static long nearestRank(List<Long> sorted, double q) {
      return sorted.isEmpty() ? -1 : sorted.get((int) Math.ceil(q * sorted.size()) - 1);
    }
  }

  private record Acted(Instant at, Instant breachingSince) {}

  private Reaction() {}

  /** The pipelines that breach: spread over the names (so over the creation order). */
  static List<String> chosen(List<String> names) {
    int count = Math.min(BREACHING, names.size());
    return IntStream.range(0, count).mapToObj(i -> names.get(i * names.size() / count)).toList();
  }

  static Result measure(BenchCluster cluster, Duration interval, Runnable alive) {
    List<String> chosen = chosen(cluster.pipelineNames);
    Map<String, Acted> acted = new ConcurrentHashMap<>();
    Map<String, Instant> since = new ConcurrentHashMap<>(); // the last breachingSince written, per pipeline
    cluster.writeListener = (method, path, body, at) -> {
      String name = pipelineOfStatusWrite(path);
      if (name != null && chosen.contains(name) && !acted.containsKey(name)) {
        Written written = read(body);
        if (written.breachingSince() != null) {
          since.put(name, written.breachingSince());
        }
        if (written.acted() && since.containsKey(name)) {
          acted.putIfAbsent(name, new Acted(at, since.get(name)));
        }
      }
    };
    cluster.breaching.addAll(chosen);
    Instant visible = Instant.now();
    try {
      await().atMost(BenchCluster.BREACH_FOR.plus(interval.multipliedBy(3)).plusMinutes(2))
          .pollInterval(Duration.ofMillis(200)).until(() -> {
            alive.run();
            return acted.size() == chosen.size();
          });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // reported as fewer than 10 acted
    } finally {
      cluster.writeListener = (method, path, body, at) -> {};
      cluster.breaching.clear();
    }
    Instant windowFromVisible = visible.plus(BenchCluster.BREACH_FOR);
    List<Long> reaction = acted.values().stream()
        .map(a -> Duration.between(windowFromVisible, a.at()).toMillis()).sorted().toList();
    List<Long> processing = acted.values().stream()
        .map(a -> Duration.between(a.breachingSince().plus(BenchCluster.BREACH_FOR), a.at()).toMillis()).sorted().toList();
    return new Result(reaction, processing, acted.size(), chosen.size());
  }

  /** The pipeline of a status write's path ({@code .../embeddingpipelines/NAME/status}), else null. */
  private static String pipelineOfStatusWrite(String path) {
    int q = path.indexOf('?');
    String bare = q < 0 ? path : path.substring(0, q);
    if (!bare.endsWith("/status")) {
      return null;
    }
    int at = bare.indexOf("/embeddingpipelines/");
    return at < 0 ? null : bare.substring(at + "/embeddingpipelines/".length(), bare.length() - "/status".length());
  }

  private record Written(boolean acted, Instant breachingSince) {}

  /** Whether a status written records an action of the trigger, and the trigger's {@code breachingSince}. */
  private static Written read(String body) {
    JsonNode status;
    try {
      status = JSON.readTree(body).path("status");
    } catch (IOException e) {
      return new Written(false, null);
    }
    boolean action = false;
    for (JsonNode record : status.path("actions")) {
      action |= BenchCluster.BREACH_TRIGGER.equals(record.path("trigger").asText());
    }
    Instant since = null;
    for (JsonNode trigger : status.path("triggers")) {
      if (BenchCluster.BREACH_TRIGGER.equals(trigger.path("name").asText()) && trigger.hasNonNull("breachingSince")) {
        since = Instant.parse(trigger.path("breachingSince").asText());
      }
    }
    return new Written(action, since);
  }
}
