package dev.maverick.api;

public enum ActionType {
  DisableFlag,
  SetFlagPercentage,
  SetRateLimitProfile,
  ScaleWorkers,
  RevertImages,
  FullRollback
}
