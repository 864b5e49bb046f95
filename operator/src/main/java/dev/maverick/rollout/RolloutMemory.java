package dev.maverick.rollout;

import dev.maverick.api.ActionRecord;
import dev.maverick.api.ActionType;
import dev.maverick.api.ActiveOverride;
import dev.maverick.api.BlueGreenStatus;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.EngineMemory;
import dev.maverick.api.FreezeStatus;
import dev.maverick.api.GateStatus;
import dev.maverick.api.Revision;
import dev.maverick.api.RevisionRecord;
import dev.maverick.api.RolloutSlot;
import dev.maverick.api.StageStatus;
import dev.maverick.api.TriggerMode;
import dev.maverick.api.TriggerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rollout memory of one pipeline while the engine steps it: read from its status (the engine's
 * {@link EngineMemory} and the rollout state users see), changed, and written back.
 */
final class RolloutMemory {
  Long generation;
  String specHash;
  int stageIndex;
  Instant stageStartedAt;
  boolean promoted;
  List<GateStatus> gates = List.of();
  final Map<String, TriggerStatus> triggers = new LinkedHashMap<>();
  final List<ActiveOverride> overrides = new ArrayList<>();
  final List<ActionRecord> actions = new ArrayList<>();
  final Map<String, String> handled = new TreeMap<>();
  Instant metricsUnavailableSince;
  Instant cleanSince;
  Instant lastEvaluated;
  Revision stable;
  List<RevisionRecord> revisions = List.of();
  FreezeStatus freeze;
  RolloutSlot slot;
  BlueGreenStatus blueGreen;

  static RolloutMemory from(EmbeddingPipelineStatus status, PolicySettings settings) {
    RolloutMemory memory = new RolloutMemory();
    if (status == null) {
      return memory;
    }
    EngineMemory remembered = status.memory();
    memory.generation = remembered.rolloutGeneration();
    memory.specHash = remembered.rolloutSpecHash();
    StageStatus stage = status.stage();
    if (stage != null && stage.index() != null && stage.startedAt() != null) {
      memory.stageIndex = settings.indexOf(stage);
      memory.stageStartedAt = Instant.parse(stage.startedAt());
      memory.promoted = Boolean.TRUE.equals(stage.promoted()) && stage.index() == memory.stageIndex;
      memory.gates = stage.gates() == null || stage.index() != memory.stageIndex ? List.of() : stage.gates();
    }
    if (status.triggers() != null) {
      // statuses of triggers the policy no longer has are dropped: their streaks mean nothing now
      status.triggers().stream()
          .filter(t -> settings.spec.triggers().stream().anyMatch(p -> p.name().equals(t.name())))
          .forEach(t -> memory.triggers.put(t.name(), t));
    }
    Optional.ofNullable(remembered.overrides()).ifPresent(memory.overrides::addAll);
    Optional.ofNullable(status.actions()).ifPresent(memory.actions::addAll);
    Optional.ofNullable(remembered.handledAnnotations()).ifPresent(memory.handled::putAll);
    memory.metricsUnavailableSince = instant(remembered.metricsUnavailableSince());
    memory.cleanSince = instant(remembered.cleanSince());
    memory.lastEvaluated = instant(status.lastEvaluated());
    memory.stable = status.stableRevision();
    memory.revisions = Optional.ofNullable(status.revisions()).orElse(List.of());
    memory.freeze = status.freeze();
    memory.slot = remembered.rolloutSlot();
    memory.blueGreen = status.blueGreen();
    return memory;
  }

  /** Back to the first stage of the current spec, without overrides or trigger streaks. */
  void restart(Instant now) {
    stageIndex = 0;
    stageStartedAt = now;
    promoted = false;
    gates = List.of();
    overrides.clear();
    triggers.replaceAll((name, t) -> new TriggerStatus(t.name(), t.value(), false, null, t.lastEvaluated(), t.error()));
    cleanSince = null;
  }

  /** The annotation's value if it is set and not yet acted on; marks it handled. */
  String newAnnotationValue(Map<String, String> annotations, String annotation) {
    String value = annotations.get(annotation);
    if (value == null || value.equals(handled.get(annotation))) {
      return null;
    }
    handled.put(annotation, value);
    return value;
  }

  boolean fired(String trigger) {
    return overrides.stream().anyMatch(o -> trigger.equals(o.trigger()));
  }

  boolean rolledBack() {
    return overrides.stream().anyMatch(o -> o.action().type() == ActionType.FullRollback
        || o.action().type() == ActionType.RevertImages);
  }

  boolean anyBreaching() {
    return triggers.values().stream().anyMatch(TriggerDecisions::breaching);
  }

  EmbeddingPipelineStatus toStatus(EmbeddingPipelineStatus previous, PolicySettings settings,
      EffectiveRollout effective, Revision current) {
    EmbeddingPipelineStatus base = previous == null ? EmbeddingPipelineStatus.initial() : previous;
    List<TriggerStatus> triggerStatuses = settings.spec.triggers().stream()
        .map(t -> {
          TriggerStatus s = triggers.getOrDefault(t.name(), new TriggerStatus(t.name(), null, false, null, null, null));
          return new TriggerStatus(s.name(), s.value(), s.breaching(), s.breachingSince(), s.lastEvaluated(),
              s.error(), t.mode() == TriggerMode.Observe ? TriggerMode.Observe : null, s.wouldActAt());
        })
        .toList();
    StageStatus stage = new StageStatus(stageIndex, settings.stageName(stageIndex), stageStartedAt.toString(),
        promoted ? Boolean.TRUE : null, gates.isEmpty() ? null : List.copyOf(gates));
    EngineMemory remembered = new EngineMemory(generation, List.copyOf(overrides),
        Collections.unmodifiableMap(new TreeMap<>(handled)), text(metricsUnavailableSince), text(cleanSince), specHash,
        slot, base.memory().pendingAnnouncements());
    return new EmbeddingPipelineStatus(base.observedGeneration(), base.conditions(), base.phase(), stage,
        effective.state(), stable, current, triggerStatuses, List.copyOf(actions), base.app(), base.worker(),
        text(lastEvaluated), revisions, freeze,
        stage.name() + (slot == RolloutSlot.Queued ? " (queued)" : "") + (freeze != null ? " (frozen)" : ""),
        blueGreen, remembered);
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
