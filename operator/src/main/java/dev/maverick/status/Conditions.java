package dev.maverick.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds metav1.Condition lists. A condition whose status is unchanged keeps its
 * lastTransitionTime, so an unchanged state produces an identical status and no write.
 */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";
  public static final String METRICS_AVAILABLE = "MetricsAvailable";
  /** Whether the APIs the requested monitoring / OpenFeature children need are served. */
  public static final String INTEGRATIONS_AVAILABLE = "IntegrationsAvailable";

  private final List<Condition> previous;
  private final long generation;
  private final Instant now;
  private final List<Condition> result = new ArrayList<>();

  public Conditions(List<Condition> previous, long generation, Instant now) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation;
    this.now = now;
  }

  public Conditions set(String type, boolean status, String reason, String message) {
    String value = status ? "True" : "False";
    String since = find(previous, type)
        .filter(old -> value.equals(old.getStatus()))
        .map(Condition::getLastTransitionTime)
        .orElse(now.toString());
    result.removeIf(c -> c.getType().equals(type));
    result.add(new ConditionBuilder()
        .withType(type)
        .withStatus(value)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(since)
        .build());
    return this;
  }

  /** Carries a condition over unchanged from the previous list, if it was there. */
  public Conditions keep(String type) {
    find(previous, type).ifPresent(old -> {
      result.removeIf(c -> c.getType().equals(type));
      result.add(old);
    });
    return this;
  }

  public List<Condition> build() {
    return List.copyOf(result);
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }
}
