package dev.maverick.api;

/** Whether a trigger's actions are taken ({@code Enforce}, the default) or only announced ({@code Observe}). */
public enum TriggerMode {
  Enforce,
  Observe
}
