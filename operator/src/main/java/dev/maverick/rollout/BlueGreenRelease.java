package dev.maverick.rollout;

import dev.maverick.api.AppSpec;
import dev.maverick.api.BlueGreenSpec;
import dev.maverick.api.BlueGreenStatus;
import dev.maverick.api.Durations;
import dev.maverick.api.Gate;
import dev.maverick.api.GateStatus;
import dev.maverick.api.MinSamples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Blue-green releases of the app (spec.app.strategy BlueGreen): pure transitions of
 * {@code status.blueGreen} over the app image in force, the observed Deployments and the engine's
 * clock reading. The children follow the returned state (see the pipeline package's renderers).
 *
 * <p>In one step, in this order:
 *
 * <ol>
 *   <li><b>Start.</b> Without a state, blue becomes active with the image in force and green waits at 0.
 *       A pipeline that already runs the RollingUpdate Deployment {@code <name>-app} is
 *       <i>migrating</i>: that Deployment keeps serving (the Service selects both) until blue is
 *       rolled out, then the Service selects blue and {@code <name>-app} goes.
 *   <li><b>Scale-down.</b> The previous colour goes to 0 once {@code scaleDownAt} is reached.
 *   <li><b>Switch-back.</b> A RevertImages or FullRollback in force whose image the previous colour
 *       still runs makes that colour active again: one Service write, no pod start. The abandoned
 *       colour becomes the previous one, scaled down at the next step (after the Service moved).
 *   <li><b>Preview.</b> A new image goes to the inactive colour at {@code previewReplicas}. Once that
 *       colour serves it, every prePromotionGates entry holds at its latest check, and (with
 *       {@code autoPromote: false}) the promote annotation was set, the preview is scaled to the
 *       active replica count and, once that is rolled out, becomes active (the switch). Not while a
 *       freeze window is open or the pipeline is paused. A rollback's image (no previous colour left
 *       to switch back to) skips gates and promotion, and ignores the freeze: triggers still act.
 *   <li>A preview whose image is no longer the one in force (the spec went back, a rollback before the
 *       switch) is removed.
 * </ol>
 *
 * <p>With RollingUpdate and a state left from BlueGreen, the active colour keeps serving beside the
 * new {@code <name>-app} until that is rolled out; then the state is dropped with the colours.
 */
public final class BlueGreenRelease {
  /** Prefix of the preview gates' names among a step's gate queries and readings (stage gates have none). */
  static final String GATE_PREFIX = "preview/";
  public static final String COLOR_PLACEHOLDER = "{{color}}";

  private BlueGreenRelease() {}

  /**
   * One step's inputs.
   *
   * @param image the app image in force (spec, or the stable one under a rollback)
   * @param rolledBack whether a RevertImages or FullRollback override is in force
   * @param heldBecause why promotions wait (paused, frozen), or null
   * @param renderedFlagsHash the flags hash the children carried before this step (kept by the
   *     previous colour's pods)
   */
  record Input(AppSpec app, BlueGreenStatus state, String image, boolean rolledBack, String heldBecause,
      Readings readings, AppDeployments observed, String renderedFlagsHash, String pipeline, Instant now) {}

  /**
   * @param state the new status.blueGreen; null for a RollingUpdate app
   * @param revisionActivated a new revision's colour became active: its stages start now
   */
  record Outcome(BlueGreenStatus state, List<Transition> transitions, List<Transition> warnings,
      boolean revisionActivated) {
    boolean previewPending() {
      return state != null && state.hasPreview();
    }
  }

  static Outcome step(Input in) {
    List<Transition> transitions = new ArrayList<>();
    List<Transition> warnings = new ArrayList<>();
    if (!in.app().isBlueGreen()) {
      return new Outcome(retire(in, transitions), transitions, warnings, false);
    }
    BlueGreenState s = in.state() == null ? start(in, transitions) : new BlueGreenState(in.state());
    BlueGreenSpec settings = in.app().blueGreenSpec();
    if (s.migrating && in.observed().serves(s.active, s.activeImage, 1)) {
      s.migrating = false;
      transitions.add(new Transition(Transition.STRATEGY_CHANGED, s.active + " is ready: the Service "
          + in.pipeline() + "-app now selects it, the RollingUpdate Deployment " + in.pipeline() + "-app is removed"));
    }
    if (s.previous != null && !in.now().isBefore(Instant.parse(s.scaleDownAt))) {
      transitions.add(new Transition(Transition.PREVIOUS_COLOR_SCALED_DOWN, "previous colour " + s.previous + " ("
          + s.previousImage + ") scaled to 0"));
      s.clearPrevious();
    }
    boolean activated = false;
    if (in.rolledBack() && s.previous != null && in.image().equals(s.previousImage)) {
      switchBack(in, s, transitions);
    } else if (s.migrating) {
      // the RollingUpdate Deployment still serves: the new colour simply takes the image in force
      s.activeImage = in.image();
    } else if (!in.image().equals(s.activeImage)) {
      if (s.preview == null || !in.image().equals(s.previewImage)) {
        deployPreview(in, s, settings, transitions);
      } else {
        activated = promote(in, s, settings, transitions, warnings);
      }
    } else if (s.preview != null) {
      transitions.add(new Transition(Transition.PREVIEW_REMOVED, "preview " + s.preview + " (" + s.previewImage
          + ") removed: the image in force is " + in.image() + ", which " + s.active + " already serves"));
      s.clearPreview();
    }
    return new Outcome(s.toStatus(), transitions, warnings, activated);
  }

  /** A RollingUpdate app with a state left from BlueGreen: dropped once {@code <name>-app} serves the image. */
  private static BlueGreenStatus retire(Input in, List<Transition> transitions) {
    if (in.state() == null) {
      return null;
    }
    AppDeployments.Observed plain = in.observed().plain();
    if (plain != null && plain.serves(in.image(), 1)) {
      transitions.add(new Transition(Transition.STRATEGY_CHANGED, "RollingUpdate: " + in.pipeline()
          + "-app is ready, the colour Deployments are removed"));
      return null;
    }
    BlueGreenState s = new BlueGreenState(in.state());
    s.clearPreview();
    s.clearPrevious();
    return s.toStatus();
  }

  private static BlueGreenState start(Input in, List<Transition> transitions) {
    BlueGreenState s = new BlueGreenState(new BlueGreenStatus(BlueGreenStatus.BLUE, null, null, null, in.image(), null,
        null, null, null, null, null, null, null, in.observed().plain() != null ? Boolean.TRUE : null));
    if (s.migrating) {
      transitions.add(new Transition(Transition.STRATEGY_CHANGED, "BlueGreen: blue starts with " + in.image()
          + "; the RollingUpdate Deployment " + in.pipeline() + "-app keeps serving until blue is ready"));
    }
    return s;
  }

  private static void switchBack(Input in, BlueGreenState s, List<Transition> transitions) {
    String abandoned = s.active;
    String abandonedImage = s.activeImage;
    s.active = s.previous;
    s.activeImage = s.previousImage;
    s.previous = abandoned;
    s.previousImage = abandonedImage;
    s.previousReplicas = observedReplicas(in, abandoned, activeReplicas(in, s));
    s.previousFlagsHash = in.renderedFlagsHash();
    // scaled down at the next step, after the Service has left it
    s.scaleDownAt = in.now().toString();
    s.switchedAt = in.now().toString();
    transitions.add(new Transition(Transition.SWITCHED_BACK, "the Service " + in.pipeline() + "-app selects "
        + s.active + " (" + s.activeImage + ") again; " + abandoned + " (" + abandonedImage + ") goes to 0"));
  }

  private static void deployPreview(Input in, BlueGreenState s, BlueGreenSpec settings,
      List<Transition> transitions) {
    String color = BlueGreenStatus.other(s.active);
    if (color.equals(s.previous)) {
      s.clearPrevious(); // its pods make way for the new preview
    }
    s.clearPreview();
    s.preview = color;
    s.previewImage = in.image();
    s.previewScale = settings.previewReplicas();
    transitions.add(new Transition(Transition.PREVIEW_DEPLOYED, in.image() + " deployed to " + color + " at "
        + s.previewScale + " replica(s) (Service " + in.pipeline() + "-app-preview); " + in.pipeline()
        + "-app still serves " + s.active + " (" + s.activeImage + ")"));
  }

  /** The preview's gates, scale-up and switch; true when a new revision's colour became active. */
  private static boolean promote(Input in, BlueGreenState s, BlueGreenSpec settings, List<Transition> transitions,
      List<Transition> warnings) {
    check(in, s, settings, warnings);
    if (!in.observed().serves(s.preview, s.previewImage, s.previewScale)) {
      return false;
    }
    if (!in.rolledBack()) {
      boolean gatesHold = s.gates.size() == settings.prePromotionGates().size()
          && s.gates.stream().allMatch(g -> Boolean.TRUE.equals(g.holds()));
      if (!gatesHold || !(settings.autoPromote() || s.promoted) || in.heldBecause() != null) {
        return false;
      }
    }
    int target = activeReplicas(in, s);
    if (s.previewScale < target) {
      s.previewScale = target;
      transitions.add(new Transition(Transition.PREVIEW_SCALED_UP, "preview " + s.preview + " (" + s.previewImage
          + ") scaled to " + target + " replicas before the switch"));
      return false;
    }
    String old = s.active;
    String oldImage = s.activeImage;
    Instant scaleDownAt = in.now().plus(Durations.parse(settings.scaleDownDelay()));
    s.previous = old;
    s.previousImage = oldImage;
    s.previousReplicas = observedReplicas(in, old, target);
    s.previousFlagsHash = in.renderedFlagsHash();
    s.scaleDownAt = scaleDownAt.toString();
    s.active = s.preview;
    s.activeImage = s.previewImage;
    s.clearPreview();
    s.switchedAt = in.now().toString();
    transitions.add(new Transition(Transition.SWITCHED, "the Service " + in.pipeline() + "-app selects " + s.active
        + " (" + s.activeImage + ")" + (in.rolledBack() ? " to roll back" : "") + "; " + old + " (" + oldImage
        + ") keeps its pods until " + scaleDownAt));
    return !in.rolledBack();
  }

  /** Records this step's preview gate readings, if it has them; warns when the set of failing gates changes. */
  private static void check(Input in, BlueGreenState s, BlueGreenSpec settings, List<Transition> warnings) {
    List<Gate> gates = settings.prePromotionGates();
    if (gates.isEmpty() || !gates.stream().allMatch(g -> in.readings().gates().containsKey(GATE_PREFIX + g.name()))) {
      return;
    }
    String failingBefore = failing(s.gates);
    s.gates = gates.stream().map(g -> Reading.gateStatus(g, in.readings().gates().get(GATE_PREFIX + g.name()),
        in.readings().gateSamples().get(GATE_PREFIX + g.name()), in.now())).toList();
    String failingNow = failing(s.gates);
    if (!failingNow.isEmpty() && !failingNow.equals(failingBefore)) {
      warnings.add(new Transition(Transition.PREVIEW_GATE_FAILED, "preview " + s.preview + " (" + s.previewImage
          + ") not promoted: " + s.gates.stream().filter(g -> !Boolean.TRUE.equals(g.holds()))
              .map(g -> g.name() + " " + (g.error() != null ? g.error() : "value " + g.value() + " does not hold"))
              .collect(Collectors.joining("; "))));
    }
  }

  private static String failing(List<GateStatus> gates) {
    return gates.stream().filter(g -> !Boolean.TRUE.equals(g.holds())).map(GateStatus::name)
        .collect(Collectors.joining(","));
  }

  /** The replica count the active colour runs: what its autoscaler set, else replicas.min. */
  private static int activeReplicas(Input in, BlueGreenState s) {
    int min = in.app().replicas().min();
    return in.app().autoscaling().isEnabled() ? Math.max(min, observedReplicas(in, s.active, min)) : min;
  }

  private static int observedReplicas(Input in, String color, int otherwise) {
    return Optional.ofNullable(in.observed().color(color)).map(AppDeployments.Observed::replicas).orElse(otherwise);
  }

  /** The promote annotation on a pending preview (autoPromote: false). */
  static BlueGreenStatus promoted(BlueGreenStatus state) {
    BlueGreenState s = new BlueGreenState(state);
    s.promoted = true;
    return s.toStatus();
  }

  /** The preview gates to query now: with a preview, first at once, then every {@code interval}. */
  static List<Gate> gatesDue(AppSpec app, BlueGreenStatus state, Duration interval, Instant now) {
    if (!app.isBlueGreen() || state == null || !state.hasPreview()) {
      return List.of();
    }
    List<Gate> gates = app.blueGreenSpec().prePromotionGates();
    boolean due = nextGateCheck(state, gates, interval).map(at -> !at.isAfter(now)).orElse(true);
    return due ? gates.stream().map(g -> forColor(g, state.previewColor(), GATE_PREFIX + g.name())).toList() : List.of();
  }

  private static Optional<Instant> nextGateCheck(BlueGreenStatus state, List<Gate> gates, Duration interval) {
    if (gates.isEmpty() || state.gates() == null || state.gates().isEmpty()) {
      return Optional.empty();
    }
    return state.gates().stream().map(g -> Instant.parse(g.lastEvaluated())).min(Instant::compareTo)
        .map(at -> at.plus(interval));
  }

  /** When the release next needs a step without any other event: a gate re-check or the scale-down. */
  static Stream<Instant> wakeUps(AppSpec app, BlueGreenStatus state, Duration interval) {
    if (state == null) {
      return Stream.empty();
    }
    Stream<Instant> scaleDown = Stream.ofNullable(state.scaleDownAt()).map(Instant::parse);
    Stream<Instant> gates = state.hasPreview() && app.isBlueGreen()
        ? nextGateCheck(state, app.blueGreenSpec().prePromotionGates(), interval).stream() : Stream.empty();
    return Stream.concat(scaleDown, gates);
  }

  /** The gate with {@code {{color}}} replaced in its queries (colours need no escaping) and the given name. */
  public static Gate forColor(Gate gate, String color, String name) {
    MinSamples samples = gate.minSamples() == null ? null : new MinSamples(colored(gate.minSamples().query(), color),
        gate.minSamples().threshold(), colored(gate.minSamples().batchQuery(), color));
    return new Gate(name, colored(gate.query(), color), gate.condition(), colored(gate.batchQuery(), color), samples);
  }

  private static String colored(String query, String color) {
    return query == null ? null : query.replace(COLOR_PLACEHOLDER, color);
  }
}
