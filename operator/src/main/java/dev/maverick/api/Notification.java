package dev.maverick.api;

import io.fabric8.generator.annotation.Required;

/** Where actions are announced; a Webhook gets a JSON POST with a Slack-compatible "text". */
public record Notification(@Required NotificationType type, @Required SecretKeyRef urlSecretRef) {}
