package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Optional;

/** Safety rules shared by pipelines: stages, gates, triggers and their actions. */
@Group(Groups.GROUP)
@Version(Groups.VERSION)
@Plural("rolloutpolicies") // named, or fabric8 derives it with regexes in each constructor: every read and clone
@Categories(Groups.CATEGORY)
@ShortNames("rpol")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Interval", jsonPath = ".spec.interval", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@JsonClassDescription("Safety rules shared by pipelines: the Prometheus server, rollout stages with gates, and triggers with their actions. Short name rpol.")
public class RolloutPolicy extends CustomResource<RolloutPolicySpec, RolloutPolicyStatus>
    implements Namespaced, StoredObject {
  @JsonIgnore
  private final UnreadableParts unreadable = new UnreadableParts();

  @Override
  protected RolloutPolicyStatus initStatus() {
    return RolloutPolicyStatus.initial();
  }

  @JsonSetter("spec")
  void readSpec(JsonNode json) {
    setSpec(unreadable.spec(json, RolloutPolicySpec.class));
  }

  @JsonSetter("status")
  void readStatus(JsonNode json) {
    setStatus(unreadable.status(json, RolloutPolicyStatus.class));
  }

  @Override
  public Optional<UnreadableField> unreadable() {
    return unreadable.first();
  }

  @Override
  public void keepUnreadable(StoredObject source) {
    if (source instanceof RolloutPolicy read) {
      unreadable.copyFrom(read.unreadable);
    }
  }
}
