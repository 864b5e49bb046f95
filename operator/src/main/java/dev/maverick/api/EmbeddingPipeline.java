package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An embedding pipeline: the app, its queue workers, and the feature flags they read. */
@Group(Groups.GROUP)
@Version(Groups.VERSION)
@Categories(Groups.CATEGORY)
@ShortNames("emb")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Stage", jsonPath = ".status.stage.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "App", jsonPath = ".status.app.summary", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Worker", jsonPath = ".status.worker.summary", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@JsonClassDescription("An embedding pipeline: the app, its queue workers and the feature flags they read, rolled out in stages and rolled back by the triggers of a RolloutPolicy. Short name emb.")
public class EmbeddingPipeline extends CustomResource<EmbeddingPipelineSpec, EmbeddingPipelineStatus>
    implements Namespaced {

  @Override
  protected EmbeddingPipelineStatus initStatus() {
    return EmbeddingPipelineStatus.initial();
  }
}
