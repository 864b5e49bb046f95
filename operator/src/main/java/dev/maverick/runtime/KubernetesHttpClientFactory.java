package dev.maverick.runtime;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * fabric8's JDK HTTP client with an executor of its own: a fixed number of daemon threads named
 * {@value #THREAD_PREFIX}CLIENT-N instead of fabric8's unbounded cached pool. The executor only decodes answers and
 * completes futures (callers block on their own threads), so a burst of requests queues for these threads
 * instead of starting one thread each, which on a small pod costs a stack and a scheduler slot per request.
 */
final class KubernetesHttpClientFactory extends JdkHttpClientFactory {
  static final String THREAD_PREFIX = "kubernetes-http-";
  /** Decoding is CPU work: more threads than CPUs only take turns. Two at least: one long list never holds up watches. */
  static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
  /** Idle threads end, so a closed client leaves none behind (the JDK client has no close in Java 17). */
  private static final Duration IDLE = Duration.ofSeconds(30);
  private static final AtomicInteger CLIENT_NUMBER = new AtomicInteger();

  /**
   * HTTP/2 only over TLS, as every Kubernetes API server serves it. Over plain HTTP (the tests' in-process
   * API server, {@code kubectl proxy}) the JDK client would upgrade with h2c, and with this executor an
   * upgraded answer of several MB (the first list of 10,000 pipelines) was read as HTTP/2 frames it was not.
   */
  @Override
  public io.fabric8.kubernetes.client.http.HttpClient.Builder newBuilder(Config config) {
    io.fabric8.kubernetes.client.http.HttpClient.Builder builder = super.newBuilder(config);
    return config.getMasterUrl() != null && config.getMasterUrl().startsWith("http:") ? builder.preferHttp11()
        : builder;
  }

  @Override
  protected HttpClient.Builder createNewHttpClientBuilder() {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, IDLE.toSeconds(), TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemonThreads(THREAD_PREFIX + CLIENT_NUMBER.incrementAndGet() + "-"));
    executor.allowCoreThreadTimeOut(true);
    return HttpClient.newBuilder().executor(executor);
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger number = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
