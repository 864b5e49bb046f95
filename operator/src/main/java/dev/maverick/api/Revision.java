package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** A pipeline revision: its images and the flags and profile it ran with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Revision(
    @JsonPropertyDescription("The app's image.")
    String appImage,
    @JsonPropertyDescription("The worker's image.")
    String workerImage,
    @JsonPropertyDescription("Fingerprint of the effective flags and profile (the pod annotation maverick.dev/flags-hash).")
    String flagsHash,
    @JsonPropertyDescription("The flags the revision ran with.")
    List<EffectiveFlag> flags,
    @JsonPropertyDescription(Descriptions.PROFILE)
    RateLimitProfile rateLimitProfile) {}
