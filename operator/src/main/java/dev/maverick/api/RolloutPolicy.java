package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Optional;

/** Safety rules shared by pipelines: stages, gates, triggers and their actions. */
@Group(Groups.GROUP)
@Version(Groups.VERSION)
@Categories(Groups.CATEGORY)
@ShortNames("rpol")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Interval", jsonPath = ".spec.interval", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class RolloutPolicy extends CustomResource<RolloutPolicySpec, RolloutPolicyStatus>
    implements Namespaced, StoredObject {
  @JsonIgnore
  private UnreadableField unreadableSpec;
  @JsonIgnore
  private UnreadableField unreadableStatus;

  @Override
  protected RolloutPolicyStatus initStatus() {
    return RolloutPolicyStatus.initial();
  }

  @JsonSetter("spec")
  void readSpec(JsonNode json) {
    var part = Part.read(json, RolloutPolicySpec.class, "spec");
    setSpec(part.value());
    unreadableSpec = part.unreadable();
  }

  @JsonSetter("status")
  void readStatus(JsonNode json) {
    var part = Part.read(json, RolloutPolicyStatus.class, "status");
    setStatus(part.value());
    unreadableStatus = part.unreadable();
  }

  @Override
  public Optional<UnreadableField> unreadable() {
    return Optional.ofNullable(unreadableSpec).or(() -> Optional.ofNullable(unreadableStatus));
  }

  @Override
  public void keepUnreadable(StoredObject source) {
    if (source instanceof RolloutPolicy read) {
      unreadableSpec = read.unreadableSpec;
      unreadableStatus = read.unreadableStatus;
    }
  }
}
