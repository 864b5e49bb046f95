package dev.maverick.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.status.Conditions;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11.9: watches dropped mid-stream and answered `410 Gone` (both as HTTP 410 and as a watch
 * ERROR event). The informers reconnect and relist, and every pipeline converges to its spec, including
 * changes made while the operator could not watch.
 */
class WatchFaultsIT {
  private static final int PIPELINES = 3;

  private final FaultyApiServer api = new FaultyApiServer(11_9L);
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().dispatcher(api).build();
  private final List<String> names = IntStream.range(0, PIPELINES).mapToObj(i -> "watched-%02d".formatted(i)).toList();

  @Test
  void droppedAndExpiredWatchesAreReestablishedAndTheOperatorConverges() {
    for (String name : names) {
      EmbeddingPipeline pipeline = Fixtures.paperless();
      pipeline.getMetadata().setName(name);
      k8s.create(pipeline);
    }
    awaitConverged();
    await().until(() -> api.openWatches() > 0);
    int watches = api.openWatches();

    // 1. every watch stream is cut mid-stream; once they are back, changes are seen again
    api.dropWatches();
    await().until(() -> api.openWatches() >= watches);
    k8s.client.services().inNamespace(OperatorHarness.NAMESPACE).withName("watched-00-app").delete();
    editImage("watched-01", "registry.example/paperless-maverick:1.5.0");
    awaitConverged();

    // 2. the watches are cut, changes happen meanwhile, and the history they would resume from is
    //    compacted: 410 Gone until the informers relist
    long listsAtStart = api.lists();
    api.compactHistoryBefore(Long.MAX_VALUE);
    api.dropWatches();
    await().until(() -> api.goneAsHttp() > 0 && api.goneAsEvent() > 0);
    k8s.client.services().inNamespace(OperatorHarness.NAMESPACE).withName("watched-02-app").delete();
    k8s.edit(Deployment.class, "watched-00-worker", d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("someone/else:1");
      return d;
    });
    editImage("watched-02", "registry.example/paperless-maverick:1.6.0");
    long lastChange = Long.parseLong(k8s.pipeline("watched-02").getMetadata().getResourceVersion());
    api.compactHistoryBefore(lastChange + 1);
    awaitConverged();
    await().until(() -> api.openWatches() >= watches);

    assertThat(api.watchesDropped()).as("watch streams dropped").isGreaterThanOrEqualTo(2L * watches);
    assertThat(k8s.get(Service.class, "watched-00-app")).isNotNull();
    assertThat(k8s.get(Service.class, "watched-02-app")).isNotNull();
    Figures.print("watch-faults", "pipelines=" + PIPELINES + " openWatches=" + watches
        + " watchesDropped=" + api.watchesDropped() + " gone410Http=" + api.goneAsHttp()
        + " gone410Event=" + api.goneAsEvent() + " relists=" + (api.lists() - listsAtStart)
        + " converged=" + PIPELINES + " changesMissed=0");
  }

  private void editImage(String name, String image) {
    k8s.edit(EmbeddingPipeline.class, name, p -> {
      var spec = p.getSpec();
      p.setSpec(new EmbeddingPipelineSpec(spec.app().withImage(image), spec.worker(), spec.featureFlags(),
          spec.rateLimiting(), spec.flagDelivery(), spec.rolloutPolicyRef(), spec.paused()));
      return p;
    });
  }

  private void awaitConverged() {
    await().pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
      Checks.rollOutPending(k8s);
      for (String name : names) {
        EmbeddingPipeline pipeline = k8s.pipeline(name);
        assertThat(pipeline.getStatus().observedGeneration()).as(name).isEqualTo(pipeline.getMetadata().getGeneration());
        assertThat(Conditions.isTrue(pipeline.getStatus().conditions(), Conditions.READY)).as(name).isTrue();
        Checks.assertChildrenAsDesired(k8s, pipeline, null);
      }
    });
  }
}
