package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The app's release strategy; absent or RollingUpdate: one Deployment {@code <name>-app}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppStrategy(
    @JsonPropertyDescription("RollingUpdate (default): one Deployment <name>-app | BlueGreen: two Deployments <name>-app-blue and <name>-app-green, the Service <name>-app on the active colour, <name>-app-preview on the preview colour (see docs/blue-green.md).")
    AppStrategyType type,
    @JsonPropertyDescription("Settings of the BlueGreen strategy; defaults apply when absent.")
    BlueGreenSpec blueGreen) {

  public AppStrategy {
    type = type == null ? AppStrategyType.RollingUpdate : type;
    blueGreen = blueGreen == null ? BlueGreenSpec.DEFAULT : blueGreen;
  }

  @JsonIgnore
  public boolean usesBlueGreen() {
    return type == AppStrategyType.BlueGreen;
  }
}
