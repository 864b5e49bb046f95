package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Present while a freeze window of the policy is open: promotions wait until {@code until}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FreezeStatus(String until, String reason) {}
