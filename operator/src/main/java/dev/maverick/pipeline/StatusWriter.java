package dev.maverick.pipeline;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.GateStatus;
import dev.maverick.api.StageStatus;
import dev.maverick.api.TriggerStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The one way a pipeline's status is written: only when it carries news, and the result cached
 * for the next reconcile. An evaluation that finds the same state is not news: writing its time,
 * or a metric value that moved without changing any decision, would cost one API write per
 * pipeline and interval. Such values are refreshed at most every {@link #VALUE_REFRESH} (live
 * values are on /metrics). The engine's schedule does not depend on it: a stale
 * {@code lastEvaluated} only makes the next evaluation due, which the requeue makes it anyway.
 */
final class StatusWriter {
  /** How often a trigger or gate value that changed no decision is refreshed in status. */
  static final Duration VALUE_REFRESH = Duration.ofMinutes(5);

  private final Clock clock;

  StatusWriter(Clock clock) {
    this.clock = clock;
  }

  void write(EmbeddingPipeline pipeline, Context<EmbeddingPipeline> context, EmbeddingPipelineStatus status) {
    EmbeddingPipelineStatus previous = pipeline.getStatus();
    if (previous != null && withoutReadings(previous, true).equals(withoutReadings(status, true))) {
      boolean valuesMoved = !withoutReadings(previous, false).equals(withoutReadings(status, false));
      Instant lastWritten = previous.lastEvaluated() == null ? Instant.EPOCH : Instant.parse(previous.lastEvaluated());
      if (!valuesMoved || lastWritten.plus(VALUE_REFRESH).isAfter(clock.instant())) {
        return;
      }
    }
    // on a copy: if the write fails, the pipeline in hand must still show what is stored, or the
    // error path would store this status (and its actions) without their Events and webhooks
    var cloner = context.getControllerConfiguration().getConfigurationService().getResourceCloner();
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(pipeline, context, p -> {
      EmbeddingPipeline copy = cloner.clone(p);
      copy.setStatus(status);
      return copy;
    });
  }

  /** The status without evaluation times, and without trigger and gate values when {@code values} is true. */
  private static EmbeddingPipelineStatus withoutReadings(EmbeddingPipelineStatus status, boolean values) {
    List<TriggerStatus> triggers = status.triggers() == null ? null : status.triggers().stream()
        .map(t -> new TriggerStatus(t.name(), values ? null : t.value(), t.breaching(), t.breachingSince(), null,
            t.error(), t.mode(), t.wouldActAt()))
        .toList();
    StageStatus stage = status.stage() == null || status.stage().gates() == null ? status.stage()
        : new StageStatus(status.stage().index(), status.stage().name(), status.stage().startedAt(),
            status.stage().promoted(), withoutReadings(status.stage().gates(), values));
    return new EmbeddingPipelineStatus(status.observedGeneration(), status.conditions(), status.phase(), stage,
        status.effective(), status.stableRevision(), status.currentRevision(), triggers, status.actions(),
        status.app(), status.worker(), null, status.revisions(), status.freeze(), status.stageSummary(),
        status.blueGreen() == null ? null : status.blueGreen().withGates(withoutReadings(status.blueGreen().gates(), values)),
        status.memory());
  }

  private static List<GateStatus> withoutReadings(List<GateStatus> gates, boolean values) {
    return gates == null ? null : gates.stream()
        .map(g -> new GateStatus(g.name(), values ? null : g.value(), g.holds(), null, g.error())).toList();
  }
}
