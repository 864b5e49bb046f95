package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A pipeline revision: its images and the flags and profile it ran with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Revision(
    String appImage,
    String workerImage,
    String flagsHash,
    List<EffectiveFlag> flags,
    RateLimitProfile rateLimitProfile) {}
