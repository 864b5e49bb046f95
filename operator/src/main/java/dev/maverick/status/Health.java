package dev.maverick.status;

import java.util.Objects;

/**
 * An object's health as one outcome, and the only place that turns it into the Ready, Reconciling
 * and Stalled conditions. kstatus (Flux, Helm 4 {@code --wait}) reads Reconciling and Stalled, Argo
 * CD's health script reads Stalled and Reconciling first, {@code kubectl wait --for=condition=Ready}
 * reads Ready: deriving all three from one outcome is what makes them agree.
 *
 * @param state {@link State#READY}: Ready=True; {@link State#IN_PROGRESS}: Reconciling=True, the
 *     operator gets there by itself; {@link State#STALLED}: Stalled=True, a person must act
 * @param reason the reason of all three conditions
 * @param message the message of all three conditions
 */
public record Health(State state, String reason, String message) {
  public enum State { READY, IN_PROGRESS, STALLED }

  public Health {
    Objects.requireNonNull(state);
    Objects.requireNonNull(reason);
    Objects.requireNonNull(message);
  }

  public static Health ready(String reason, String message) {
    return new Health(State.READY, reason, message);
  }

  public static Health inProgress(String reason, String message) {
    return new Health(State.IN_PROGRESS, reason, message);
  }

  public static Health stalled(String reason, String message) {
    return new Health(State.STALLED, reason, message);
  }

  /** Sets Ready, Reconciling and Stalled on {@code conditions}; the other conditions are left alone. */
  public Conditions applyTo(Conditions conditions) {
    return conditions
        .set(Conditions.READY, state == State.READY, reason, message)
        .set(Conditions.RECONCILING, state == State.IN_PROGRESS, reason, message)
        .set(Conditions.STALLED, state == State.STALLED, reason, message);
  }
}
