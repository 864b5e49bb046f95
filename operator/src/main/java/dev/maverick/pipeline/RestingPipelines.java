package dev.maverick.pipeline;

import dev.maverick.api.Durations;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.TriggerStatus;
import dev.maverick.metrics.OperatorMetrics;
import dev.maverick.rollout.IntervalTicks;
import dev.maverick.rollout.MetricReadings;
import dev.maverick.rollout.RolloutEngine;
import dev.maverick.rollout.RolloutStep;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-policy evaluator of resting pipelines ({@link RolloutStep#restingFor}): instead of one
 * reconcile per pipeline and interval, one pass per policy tick reads every resting pipeline's
 * triggers from the tick's batch answers and wakes (reconciles) only those whose readings could
 * change a decision: a breach, no data, too few samples, a failed batch. For the others the tick's
 * values go to the metrics and the dashboard, as a reconcile's would. A resting pipeline is still
 * reconciled on every event and at its {@code restingFor}.
 *
 * <p>A pipeline rests from the tick its reconcile read: if this evaluator has already passed a later
 * tick of the policy, the pipeline does not rest, and its reconcile reads that tick itself, so no
 * tick goes unread.
 */
final class RestingPipelines {
  private static final Logger LOG = LoggerFactory.getLogger(RestingPipelines.class);

  /** Told the values of a resting pipeline's quiet tick. */
  @FunctionalInterface
  interface QuietTick {
    void read(String namespace, String name, RolloutPolicy policy, List<TriggerStatus> triggers);
  }

  private final RolloutEngine engine;
  private final MetricReadings metricReadings;
  private final OperatorMetrics metrics;
  private final Clock clock;
  private final QuietTick quietTick;
  private final Wakes wakes = new Wakes();
  private final Map<PolicyKey, PolicyTicks> policies = new ConcurrentHashMap<>();
  private final Map<ResourceID, PolicyKey> policyOf = new ConcurrentHashMap<>();

  RestingPipelines(RolloutEngine engine, MetricReadings metricReadings, OperatorMetrics metrics, Clock clock,
      QuietTick quietTick) {
    this.engine = engine;
    this.metricReadings = metricReadings;
    this.metrics = metrics;
    this.clock = clock;
    this.quietTick = quietTick;
  }

  /** The event source that reconciles a woken pipeline; it runs the ticks while it is started. */
  EventSource<?, EmbeddingPipeline> wakes() {
    return wakes;
  }

  /**
   * When to reconcile the pipeline next: after its {@code restingFor} if it rests (its policy's ticks
   * watch its triggers meanwhile), else after the step's {@code requeueAfter}.
   */
  Duration requeue(EmbeddingPipeline pipeline, RolloutPolicy policy, RolloutStep step) {
    ResourceID id = ResourceID.fromResource(pipeline);
    String evaluated = step.status().lastEvaluated();
    if (step.restingFor().isPresent() && evaluated != null && rest(id, policy, Instant.parse(evaluated))) {
      return step.restingFor().get();
    }
    stop(id);
    return step.requeueAfter();
  }

  /** The pipeline no longer rests (it is blocked, deleted or must be evaluated in full). */
  void stop(ResourceID id) {
    PolicyKey key = policyOf.remove(id);
    if (key != null) {
      Optional.ofNullable(policies.get(key)).ifPresent(ticks -> ticks.resting.remove(id));
    }
  }

  private boolean rest(ResourceID id, RolloutPolicy policy, Instant evaluated) {
    Duration interval = Durations.parse(policy.getSpec().interval());
    PolicyKey key = new PolicyKey(policy.getMetadata().getNamespace(), policy.getMetadata().getName());
    PolicyKey previous = policyOf.put(id, key);
    if (previous != null && !previous.equals(key)) {
      Optional.ofNullable(policies.get(previous)).ifPresent(ticks -> ticks.resting.remove(id));
    }
    // kept once created (one small object per policy), so that every pipeline of a policy meets the same one
    PolicyTicks ticks = policies.computeIfAbsent(key, PolicyTicks::new);
    synchronized (ticks) {
      ticks.policy = policy;
      ticks.scheduleNext(interval);
      if (!ticks.scheduled || IntervalTicks.start(evaluated.toEpochMilli(), interval) < ticks.lastTick) {
        policyOf.remove(id, key);
        return false;
      }
      ticks.resting.put(id, Boolean.TRUE);
    }
    return true;
  }

  private record PolicyKey(String namespace, String name) {}

  /** A policy's resting pipelines and the ticks that read them. */
  private final class PolicyTicks {
    private final PolicyKey key;
    private final Map<ResourceID, Boolean> resting = new ConcurrentHashMap<>();
    private RolloutPolicy policy;
    /** The start (epoch millis) of the last tick read; pipelines that read an earlier one cannot rest. */
    private long lastTick = Long.MIN_VALUE;
    private boolean scheduled;

    PolicyTicks(PolicyKey key) {
      this.key = key;
    }

    /** Holding this object's lock. */
    void scheduleNext(Duration interval) {
      if (scheduled) {
        return;
      }
      scheduled = wakes.schedule(this::tick, IntervalTicks.untilNext(clock.instant(), interval).toMillis());
    }

    private void tick() {
      RolloutPolicy current;
      long tick;
      List<ResourceID> pipelines;
      synchronized (this) {
        scheduled = false;
        current = policy;
        Duration interval = Durations.parse(current.getSpec().interval());
        tick = IntervalTicks.start(clock.millis(), interval);
        if (tick <= lastTick) { // early: the clock is not where the timer expected it
          scheduleNext(interval);
          return;
        }
        lastTick = tick;
        pipelines = List.copyOf(resting.keySet());
      }
      int woken = 0;
      try {
        for (ResourceID id : pipelines) {
          String namespace = id.getNamespace().orElse(null);
          Optional<List<TriggerStatus>> quiet = engine.restingReadings(current,
              metricReadings.readBatched(id.getName(), namespace, current));
          if (quiet.isPresent()) {
            quietTick.read(namespace, id.getName(), current, quiet.get());
          } else {
            wake(id);
            woken++;
          }
        }
      } catch (RuntimeException e) {
        LOG.warn("Reading the resting pipelines of RolloutPolicy {}/{} failed, they are reconciled instead: {}",
            key.namespace(), key.name(), e.toString());
        pipelines.forEach(this::wake);
        return;
      } finally {
        synchronized (this) {
          if (!resting.isEmpty()) {
            scheduleNext(Durations.parse(policy.getSpec().interval()));
          }
        }
      }
      metrics.restingTick(key.namespace(), key.name(), pipelines.size() - woken, woken);
      LOG.debug("Tick {} of RolloutPolicy {}/{}: {} resting pipelines read, {} woken", Instant.ofEpochMilli(tick),
          key.namespace(), key.name(), pipelines.size(), woken);
    }

    private void wake(ResourceID id) {
      stop(id);
      wakes.propagateEvent(id);
    }
  }

  /** Wakes pipelines, and runs the ticks on a thread of its own while the controller runs. */
  private static final class Wakes extends SimpleInboundEventSource<EmbeddingPipeline> {
    private volatile ScheduledExecutorService timer;

    Wakes() {
      super("RestingPipelineWoken");
    }

    @Override
    public void start() {
      timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "maverick-resting-pipelines");
        thread.setDaemon(true);
        return thread;
      });
      super.start();
    }

    @Override
    public void stop() {
      super.stop();
      Optional.ofNullable(timer).ifPresent(ScheduledExecutorService::shutdownNow);
    }

    /** Whether the tick was scheduled: not before start or after stop. */
    boolean schedule(Runnable tick, long delayMillis) {
      ScheduledExecutorService executor = timer;
      if (executor == null || executor.isShutdown()) {
        return false;
      }
      executor.schedule(tick, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
      return true;
    }
  }
}
