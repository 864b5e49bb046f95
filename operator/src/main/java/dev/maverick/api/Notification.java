package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Where actions are announced; a Webhook gets a JSON POST with a Slack-compatible "text". */
public record Notification(
    @JsonPropertyDescription("Webhook: a JSON POST with a Slack-compatible text field.")
    @Required NotificationType type,
    @JsonPropertyDescription("A Secret key holding the webhook URL (kept out of the spec because it is a credential).")
    @Required SecretKeyRef urlSecretRef) {}
