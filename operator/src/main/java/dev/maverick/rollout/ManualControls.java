package dev.maverick.rollout;

import static dev.maverick.rollout.RolloutActions.FULL_ROLLBACK;
import static dev.maverick.rollout.RolloutEngine.MANUAL_ABORT;
import static dev.maverick.rollout.RolloutEngine.MANUAL_ROLLBACK;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.Groups;
import dev.maverick.api.RevisionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step 2 of {@link RolloutEngine}: the annotations retry, rollback, rollback-to, abort and promote, each
 * distinct value acted on once, also while paused.
 */
final class ManualControls {
  private ManualControls() {}

  static void apply(EmbeddingPipeline pipeline, RolloutMemory memory, PolicySettings settings, Instant now,
      List<Transition> transitions, List<AppliedAction> applied, List<Transition> warnings) {
    Map<String, String> annotations = Optional.ofNullable(pipeline.getMetadata().getAnnotations()).orElse(Map.of());
    String retry = memory.newAnnotationValue(annotations, Groups.ANNOTATION_RETRY);
    if (retry != null) {
      memory.restart(now);
      transitions.add(new Transition(Transition.ROLLOUT_RESTARTED,
          Groups.ANNOTATION_RETRY + "=" + retry + ": stages restart, overrides cleared"));
    }
    String rollback = memory.newAnnotationValue(annotations, Groups.ANNOTATION_ROLLBACK);
    if (rollback != null && !memory.fired(MANUAL_ROLLBACK)) {
      RolloutActions.take(memory, MANUAL_ROLLBACK, FULL_ROLLBACK, " (" + Groups.ANNOTATION_ROLLBACK + "=" + rollback
          + ")", now, now, applied);
    }
    rollbackTo(memory, annotations, now, applied, warnings);
    String abort = memory.newAnnotationValue(annotations, Groups.ANNOTATION_ABORT);
    if (abort != null && !memory.fired(MANUAL_ABORT)) {
      RolloutActions.take(memory, MANUAL_ABORT, FULL_ROLLBACK, " (" + Groups.ANNOTATION_ABORT + "=" + abort + ")",
          now, now, applied);
    }
    String promote = memory.newAnnotationValue(annotations, Groups.ANNOTATION_PROMOTE);
    if (promote != null && pipeline.getSpec().app().isBlueGreen() && memory.blueGreen != null
        && memory.blueGreen.hasPreview()) {
      // stages wait while a preview is pending, so the annotation can only mean the preview
      memory.blueGreen = BlueGreenRelease.promoted(memory.blueGreen);
      transitions.add(new Transition(Transition.PREVIEW_PROMOTED, Groups.ANNOTATION_PROMOTE + "=" + promote
          + ": preview " + memory.blueGreen.previewColor() + " (" + memory.blueGreen.previewRevision()
          + ") promoted, gates still apply"));
    } else if (promote != null && memory.stageIndex < settings.stageCount()
        && !RolloutSchedule.pauseOver(settings, memory, now)) {
      memory.promoted = true;
      transitions.add(new Transition(Transition.STAGE_PROMOTED, Groups.ANNOTATION_PROMOTE + "=" + promote
          + ": pause of stage '" + settings.stage(memory.stageIndex).name() + "' ended, gates still apply"));
    }
  }

  /** A FullRollback to a revision of {@code status.revisions}; an unknown number is only a warning. */
  private static void rollbackTo(RolloutMemory memory, Map<String, String> annotations, Instant now,
      List<AppliedAction> applied, List<Transition> warnings) {
    if (!annotations.containsKey(Groups.ANNOTATION_ROLLBACK_TO)) {
      // its value is a revision number: removing it lets the same number be used again
      memory.handled.remove(Groups.ANNOTATION_ROLLBACK_TO);
    }
    String rollbackTo = memory.newAnnotationValue(annotations, Groups.ANNOTATION_ROLLBACK_TO);
    if (rollbackTo == null) {
      return;
    }
    Optional<RevisionRecord> target = RevisionHistory.find(memory.revisions, rollbackTo);
    if (target.isEmpty()) {
      warnings.add(new Transition(Transition.ROLLBACK_TARGET_UNKNOWN, Groups.ANNOTATION_ROLLBACK_TO + "=" + rollbackTo
          + ": no such revision in status.revisions (numbers: " + RevisionHistory.numbers(memory.revisions)
          + "); nothing changed"));
    } else {
      RevisionRecord r = target.get();
      RolloutActions.take(memory, MANUAL_ROLLBACK, FULL_ROLLBACK, r.toRevision(), "rolled back to revision "
          + r.number() + ": app " + r.appImage() + ", worker " + r.workerImage() + ", profile " + r.profile() + " ("
          + Groups.ANNOTATION_ROLLBACK_TO + "=" + rollbackTo + ")", MANUAL_ROLLBACK, now, now, applied);
    }
  }
}
