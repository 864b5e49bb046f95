package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where the staged rollout is. {@code index} equal to the number of stages means all stages are done.
 *
 * @param promoted the stage's pause was ended early by the promote annotation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageStatus(Integer index, String name, String startedAt, Boolean promoted) {}
