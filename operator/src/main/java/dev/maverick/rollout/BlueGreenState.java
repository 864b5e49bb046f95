package dev.maverick.rollout;

import dev.maverick.api.BlueGreenStatus;
import dev.maverick.api.GateStatus;
import java.util.List;

/** status.blueGreen as the step changes it. */
final class BlueGreenState {
  String active;
  String activeImage;
  String preview;
  String previewImage;
  Integer previewScale;
  boolean promoted;
  List<GateStatus> gates;
  String previous;
  String previousImage;
  Integer previousReplicas;
  String previousFlagsHash;
  String scaleDownAt;
  String switchedAt;
  boolean migrating;

  BlueGreenState(BlueGreenStatus status) {
    active = status.activeColor();
    activeImage = status.activeImage();
    preview = status.previewColor();
    previewImage = status.previewRevision();
    previewScale = status.previewScale();
    promoted = Boolean.TRUE.equals(status.promoted());
    gates = status.gates() == null ? List.of() : status.gates();
    previous = status.previousColor();
    previousImage = status.previousImage();
    previousReplicas = status.previousReplicas();
    previousFlagsHash = status.previousFlagsHash();
    scaleDownAt = status.scaleDownAt();
    switchedAt = status.switchedAt();
    migrating = status.keepsRollingUpdateDeployment();
  }

  void clearPreview() {
    preview = null;
    previewImage = null;
    previewScale = null;
    promoted = false;
    gates = List.of();
  }

  void clearPrevious() {
    previous = null;
    previousImage = null;
    previousReplicas = null;
    previousFlagsHash = null;
    scaleDownAt = null;
  }

  BlueGreenStatus toStatus() {
    return new BlueGreenStatus(active, preview, previewImage, switchedAt, activeImage, previewScale,
        promoted ? Boolean.TRUE : null, gates.isEmpty() ? null : List.copyOf(gates), previous, previousImage,
        previousReplicas, previousFlagsHash, scaleDownAt, migrating ? Boolean.TRUE : null);
  }
}
