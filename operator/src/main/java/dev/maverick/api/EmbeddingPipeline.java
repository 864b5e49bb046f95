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

/** An embedding pipeline: the app, its queue workers, and the feature flags they read. */
@Group(Groups.GROUP)
@Version(Groups.VERSION)
@Plural("embeddingpipelines") // named, or fabric8 derives it with regexes in each constructor: every read and clone
@Categories(Groups.CATEGORY)
@ShortNames("emb")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Stage", jsonPath = ".status.stageSummary", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "App", jsonPath = ".status.app.summary", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Worker", jsonPath = ".status.worker.summary", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@JsonClassDescription("An embedding pipeline: the app, its queue workers and the feature flags they read, rolled out in stages and rolled back by the triggers of a RolloutPolicy. Short name emb.")
public class EmbeddingPipeline extends CustomResource<EmbeddingPipelineSpec, EmbeddingPipelineStatus>
    implements Namespaced, StoredObject {
  @JsonIgnore
  private final UnreadableParts unreadable = new UnreadableParts();

  @Override
  protected EmbeddingPipelineStatus initStatus() {
    return EmbeddingPipelineStatus.initial();
  }

  @JsonSetter("spec")
  void readSpec(JsonNode json) {
    setSpec(unreadable.spec(json, EmbeddingPipelineSpec.class));
  }

  @JsonSetter("status")
  void readStatus(JsonNode json) {
    setStatus(unreadable.status(json, EmbeddingPipelineStatus.class));
  }

  /** The name of the RolloutPolicy {@code spec.rolloutPolicyRef} names; empty without one. */
  public Optional<String> rolloutPolicyName() {
    return getSpec() == null || getSpec().rolloutPolicyRef() == null ? Optional.empty()
        : Optional.ofNullable(getSpec().rolloutPolicyRef().name());
  }

  @Override
  public Optional<UnreadableField> unreadable() {
    return unreadable.first();
  }

  @Override
  public void keepUnreadable(StoredObject source) {
    if (source instanceof EmbeddingPipeline read) {
      unreadable.copyFrom(read.unreadable);
    }
  }
}
