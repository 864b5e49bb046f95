package dev.maverick.api;

public enum NotificationType {
  Webhook
}
