package dev.maverick.bench;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.integrations.ApiDiscovery;
import dev.maverick.pipeline.PipelineChildren;
import dev.maverick.pipeline.PipelineModel;
import dev.maverick.rollout.Readings;
import dev.maverick.rollout.RolloutEngine;
import dev.maverick.rollout.RolloutStep;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor: how long a client without any logic takes to write what the operator writes for N
 * pipelines (every child, as {@code render} renders it, and one status write per pipeline) to a
 * fresh mock API server of the same kind ({@link BenchCluster}: same CRUD mock, same CRDs, same
 * policy, same pipelines), with {@value #THREADS} threads. Nothing watches this server; the bench
 * runs it after the operator has exited and the operator's mock server is gone.
 *
 * <p>The clock runs as the benchmark's {@code ready_s} does: with the pipelines preloaded (or
 * seeded), from the first child write; otherwise from the first pipeline create, the pipelines
 * being created one by one in sequence as the runner creates them for the operator, each one's
 * children and status written by the pool as soon as its create returns.
 */
final class Floor {
  static final int THREADS = 10;

  /** How long the writes took, how many the floor client made (pipeline creates excluded), and how busy they kept the mock. */
  record Result(Duration time, long writes, ApiServerBusy apiServer) {}

  private Floor() {}

  static Result measure(int n, Duration interval, boolean batched, BenchCluster.Preload preload, boolean indexedStore)
      throws Exception {
    try (BenchCluster cluster = BenchCluster.start(n, indexedStore);
        KubernetesClient client = cluster.server.createClient()) {
      RolloutPolicy policy = cluster.createPolicy(interval, batched);
      RolloutEngine engine = new RolloutEngine(Clock.systemUTC(), PipelineModel::flagsHash);
      AtomicLong writes = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> done = new ArrayList<>();
      try {
        Instant start;
        ApiServerBusy.Reading apiServerBefore;
        if (preload != BenchCluster.Preload.NONE) {
          if (preload == BenchCluster.Preload.SEED) {
            cluster.seedPipelines();
          } else {
            cluster.createPipelines();
          }
          List<Write> prepared = cluster.pipelines().stream().map(p -> render(engine, policy, p)).toList();
          apiServerBefore = cluster.apiServer();
          start = Instant.now();
          prepared.forEach(write -> done.add(pool.submit(() -> write.to(client, writes))));
        } else {
          apiServerBefore = cluster.apiServer();
          start = Instant.now();
          cluster.createPipelines(created -> done.add(pool.submit(() -> render(engine, policy, created).to(client, writes))));
        }
        for (Future<?> write : done) {
          write.get();
        }
        Duration time = Duration.between(start, Instant.now());
        return new Result(time, writes.get(), ApiServerBusy.between(apiServerBefore, cluster.apiServer(), time));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** One pipeline's writes: its children, then its status. */
  private record Write(EmbeddingPipeline pipeline, List<HasMetadata> children) {
    void to(KubernetesClient client, AtomicLong writes) {
      for (HasMetadata child : children) {
        client.resource(child).create();
        writes.incrementAndGet();
      }
      client.resource(pipeline).updateStatus();
      writes.incrementAndGet();
    }
  }

  /** The children as {@code render} renders them, and the pipeline carrying the status the engine computes. */
  private static Write render(RolloutEngine engine, RolloutPolicy policy, EmbeddingPipeline pipeline) {
    RolloutStep step = engine.step(pipeline, policy, Readings.none(), false);
    List<HasMetadata> children = PipelineChildren.desired(PipelineModel.of(pipeline, step.effective(),
        policy.getSpec(), ApiDiscovery.all()).withBlueGreen(step.status().blueGreen()));
    if (children.size() != BenchCluster.CHILDREN_PER_PIPELINE) {
      throw new IllegalStateException("rendered " + children.size() + " children for " + pipeline.getMetadata().getName()
          + ", expected " + BenchCluster.CHILDREN_PER_PIPELINE);
    }
    pipeline.setStatus(step.status());
    return new Write(pipeline, children);
  }
}
