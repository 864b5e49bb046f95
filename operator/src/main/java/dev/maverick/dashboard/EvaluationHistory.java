package dev.maverick.dashboard;

import dev.maverick.api.Durations;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.StageStatus;
import dev.maverick.api.Trigger;
import dev.maverick.api.TriggerStatus;
import dev.maverick.pipeline.EvaluationListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * The dashboard's memory: each trigger's evaluations of the last {@code window} (at most
 * {@code maxPoints} per trigger, the oldest giving way) and the stages entered, per pipeline, in
 * this process only. Points older than the window are dropped as new ones come, and at most once a
 * minute every pipeline that no longer {@code exists} (deleted) or has nothing left in the window
 * is forgotten.
 */
public final class EvaluationHistory implements EvaluationListener {
  /** How far back the charts look. */
  public static final Duration WINDOW = Duration.ofHours(2);
  /** Points kept per trigger: the whole window at an interval of 10s or longer. */
  public static final int MAX_POINTS = 720;
  static final int MAX_STAGE_STARTS = 32;
  private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

  private final Clock clock;
  private final Duration window;
  private final int maxPoints;
  private final Predicate<PipelineKey> exists;
  private final ConcurrentMap<PipelineKey, PipelineHistory> pipelines = new ConcurrentHashMap<>();
  private volatile Instant lastSweep;

  public EvaluationHistory(Clock clock, Duration window, int maxPoints, Predicate<PipelineKey> exists) {
    this.clock = clock;
    this.window = window;
    this.maxPoints = maxPoints;
    this.exists = exists;
    this.lastSweep = clock.instant();
  }

  @Override
  public void evaluated(String namespace, String name, RolloutPolicy policy, List<TriggerStatus> triggers,
      StageStatus stage) {
    PipelineKey key = new PipelineKey(namespace, name);
    Instant now = clock.instant();
    if (policy == null || policy.getSpec() == null) {
      pipelines.remove(key);
    } else {
      pipelines.computeIfAbsent(key, k -> new PipelineHistory()).record(policy.getSpec().triggers(), triggers, stage,
          now.minus(window), maxPoints);
    }
    if (!now.isBefore(lastSweep.plus(SWEEP_EVERY))) {
      lastSweep = now;
      sweep(now);
    }
  }

  /** The pipeline's triggers in the policy's order, with the points of the window; empty if none. */
  public List<TriggerSeries> series(PipelineKey key) {
    PipelineHistory history = pipelines.get(key);
    return history == null ? List.of() : history.series(clock.instant().minus(window));
  }

  /** The stages the rollout entered while this process watched, oldest first. */
  public List<StageStart> stageStarts(PipelineKey key) {
    PipelineHistory history = pipelines.get(key);
    return history == null ? List.of() : history.stageStarts();
  }

  /** Forgets every pipeline but these, e.g. those a page found in the cache. */
  public void retainOnly(java.util.Set<PipelineKey> live) {
    pipelines.keySet().retainAll(live);
  }

  /** How many pipelines have a history. */
  int size() {
    return pipelines.size();
  }

  private void sweep(Instant now) {
    Instant cutoff = now.minus(window);
    pipelines.entrySet().removeIf(e -> !exists.test(e.getKey()) || !e.getValue().evictBefore(cutoff));
  }

  /** One pipeline's history; every method holds its lock, readers and the reconciler may overlap. */
  private static final class PipelineHistory {
    private final Map<String, PointRing> triggers = new LinkedHashMap<>();
    private final Deque<StageStart> stageStarts = new ArrayDeque<>();

    synchronized void record(List<Trigger> definitions, List<TriggerStatus> readings, StageStatus stage,
        Instant cutoff, int maxPoints) {
      if (!sameNames(definitions)) {
        // triggers removed from the policy are forgotten; the policy's order is the page's order
        Map<String, PointRing> current = new LinkedHashMap<>();
        for (Trigger definition : definitions) {
          PointRing ring = triggers.get(definition.name());
          current.put(definition.name(), ring != null ? ring : new PointRing(maxPoints));
        }
        triggers.clear();
        triggers.putAll(current);
      }
      for (Trigger definition : definitions) {
        PointRing ring = triggers.get(definition.name());
        ring.operator = definition.condition().operator();
        ring.threshold = definition.condition().threshold();
        ring.forWindow = Durations.parse(definition.forDuration());
      }
      if (readings != null) {
        for (TriggerStatus reading : readings) {
          PointRing ring = triggers.get(reading.name());
          if (ring != null && reading.lastEvaluated() != null) {
            ring.add(Instant.parse(reading.lastEvaluated()), reading.value(), Boolean.TRUE.equals(reading.breaching()));
          }
        }
      }
      triggers.values().forEach(ring -> ring.evictBefore(cutoff));
      recordStage(stage);
    }

    /** Whether the rings are the definitions' triggers in their order (so, at every tick but a policy change). */
    private boolean sameNames(List<Trigger> definitions) {
      if (triggers.size() != definitions.size()) {
        return false;
      }
      Iterator<String> names = triggers.keySet().iterator();
      return definitions.stream().allMatch(definition -> definition.name().equals(names.next()));
    }

    private void recordStage(StageStatus stage) {
      if (stage == null || stage.index() == null || stage.startedAt() == null) {
        return;
      }
      StageStart start = new StageStart(stage.index(), stage.name(), Instant.parse(stage.startedAt()));
      if (!start.equals(stageStarts.peekLast())) {
        stageStarts.addLast(start);
        if (stageStarts.size() > MAX_STAGE_STARTS) {
          stageStarts.removeFirst();
        }
      }
    }

    synchronized List<TriggerSeries> series(Instant cutoff) {
      return triggers.entrySet().stream().map(e -> {
        e.getValue().evictBefore(cutoff);
        return e.getValue().series(e.getKey());
      }).toList();
    }

    synchronized List<StageStart> stageStarts() {
      return List.copyOf(stageStarts);
    }

    /** Drops points before {@code cutoff}; whether anything recent is left. */
    synchronized boolean evictBefore(Instant cutoff) {
      boolean any = false;
      for (PointRing ring : triggers.values()) {
        any |= ring.evictBefore(cutoff);
      }
      return any;
    }
  }
}
