package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * Where a blue-green app stands, and the release's memory (so that a restarted operator neither
 * switches twice nor forgets when the previous colour goes to 0).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BlueGreenStatus(
    @JsonPropertyDescription("The colour the Service <name>-app selects: blue | green.")
    String activeColor,
    @JsonPropertyDescription("The colour running a new app image before the switch (the Service <name>-app-preview selects it); absent without a preview.")
    String previewColor,
    @JsonPropertyDescription("The app image the preview colour runs, waiting for promotion; absent without a preview.")
    String previewRevision,
    @JsonPropertyDescription(Descriptions.TIME + " of the last switch of the Service <name>-app.")
    String switchedAt,
    @JsonPropertyDescription("The app image the active colour runs (operator memory).")
    String activeImage,
    @JsonPropertyDescription("Replicas the preview colour runs: previewReplicas, then the active count just before the switch (operator memory).")
    Integer previewScale,
    @JsonPropertyDescription("true once the maverick.dev/promote annotation promoted the current preview (autoPromote: false).")
    Boolean promoted,
    @JsonPropertyDescription("The last check of each prePromotionGates entry on the current preview.")
    List<GateStatus> gates,
    @JsonPropertyDescription("The colour that was active before the last switch, while it keeps its pods (operator memory).")
    String previousColor,
    @JsonPropertyDescription("The app image the previous colour runs (operator memory).")
    String previousImage,
    @JsonPropertyDescription("Replicas the previous colour keeps until scaleDownAt (operator memory).")
    Integer previousReplicas,
    @JsonPropertyDescription("The flags hash the previous colour's pods were started with, kept so that they are not restarted (operator memory).")
    String previousFlagsHash,
    @JsonPropertyDescription(Descriptions.TIME + " at which the previous colour goes to 0 replicas.")
    String scaleDownAt,
    @JsonPropertyDescription("true while the RollingUpdate Deployment <name>-app still serves beside the active colour (a strategy change), until the colour that replaces it is ready.")
    Boolean migrating) {

  public static final String BLUE = "blue";
  public static final String GREEN = "green";

  public static String other(String color) {
    return BLUE.equals(color) ? GREEN : BLUE;
  }

  /** This state with other gate checks (e.g. without their values, to compare statuses). */
  public BlueGreenStatus withGates(List<GateStatus> checks) {
    return new BlueGreenStatus(activeColor, previewColor, previewRevision, switchedAt, activeImage, previewScale,
        promoted, checks, previousColor, previousImage, previousReplicas, previousFlagsHash, scaleDownAt, migrating);
  }

  @JsonIgnore
  public boolean hasPreview() {
    return previewColor != null;
  }

  @JsonIgnore
  public boolean hasPrevious() {
    return previousColor != null;
  }

  @JsonIgnore
  public boolean keepsRollingUpdateDeployment() {
    return Boolean.TRUE.equals(migrating);
  }
}
