package dev.maverick.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maverick.api.Notification;
import dev.maverick.api.NotificationType;
import dev.maverick.api.SecretKeyRef;
import dev.maverick.egress.UrlAllowList;
import dev.maverick.secrets.SecretReader;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces actions to a policy's webhooks: a JSON POST with a Slack-compatible {@code text}.
 * Delivery happens on its own thread, retried with exponential backoff, so a slow or broken
 * webhook never delays a reconcile. The URL is read from its Secret at send time and is never
 * logged (it usually carries a token).
 */
public final class WebhookNotifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A webhook's answer matters only by its status; at most this much of its body is read (and dropped). */
  static final int MAX_RESPONSE_BYTES = 16 * 1024;

  /** Told when a Secret holds a webhook URL outside the allow-list (it is not called). */
  @FunctionalInterface
  public interface RefusedUrl {
    void refused(String namespace, SecretKeyRef urlSecretRef);
  }

  private final SecretReader secrets;
  private final UrlAllowList allowed;
  private final RefusedUrl refused;
  private final HttpClient http;
  private final ScheduledExecutorService executor;
  private final Duration firstBackoff;
  private final int maxAttempts;

  public WebhookNotifier(SecretReader secrets, UrlAllowList allowed, RefusedUrl refused, Duration firstBackoff,
      int maxAttempts) {
    this.secrets = secrets;
    this.allowed = allowed;
    this.refused = refused;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "webhooks");
      thread.setDaemon(true);
      return thread;
    });
    this.firstBackoff = firstBackoff;
    this.maxAttempts = maxAttempts;
  }

  /** Queues {@code text} for every webhook of the policy; returns at once. */
  public void announce(String namespace, List<Notification> notifications, String text) {
    send(namespace, notifications, Map.of("text", text));
  }

  /**
   * Like {@link #announce}, for what an observe-only trigger would have done: the text starts with
   * {@code [observe]} and the JSON carries {@code "observe": true}, so receivers can route it apart.
   */
  public void announceObserved(String namespace, List<Notification> notifications, String text) {
    send(namespace, notifications, Map.of("text", "[observe] " + text, "observe", true));
  }

  private void send(String namespace, List<Notification> notifications, Map<String, Object> body) {
    for (Notification notification : notifications) {
      if (notification.type() == NotificationType.Webhook) {
        executor.execute(() -> deliver(namespace, notification, body, 1));
      }
    }
  }

  private void deliver(String namespace, Notification notification, Map<String, Object> body, int attempt) {
    String target = "webhook from Secret " + namespace + "/" + notification.urlSecretRef().name()
        + " key " + notification.urlSecretRef().key();
    try {
      Optional<String> url = secrets.read(namespace, notification.urlSecretRef()).map(String::trim);
      if (url.isEmpty()) {
        LOG.warn("Cannot announce to {}: the Secret or key does not exist", target);
        return;
      }
      if (!allowed.allows(url.get())) {
        LOG.warn("Not announcing to {}: its URL is outside the allowed webhook URL prefixes", target);
        refused.refused(namespace, notification.urlSecretRef());
        return;
      }
      HttpRequest request = HttpRequest.newBuilder(URI.create(url.get()))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
          .build();
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream answer = response.body()) {
        answer.readNBytes(MAX_RESPONSE_BYTES); // then closed: a huge or endless answer is not read on
      }
      int status = response.statusCode();
      if (status / 100 == 2) {
        return;
      }
      retry(namespace, notification, body, attempt, target, "HTTP " + status);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // the message of a URI or connection error can contain the URL: log only the error type
      retry(namespace, notification, body, attempt, target, e.getClass().getSimpleName());
    }
  }

  private void retry(String namespace, Notification notification, Map<String, Object> body, int attempt, String target,
      String reason) {
    if (attempt >= maxAttempts) {
      LOG.warn("Giving up announcing to {} after {} attempts (last: {})", target, attempt, reason);
      return;
    }
    long delay = firstBackoff.toMillis() << (attempt - 1);
    LOG.info("Announcing to {} failed ({}); retrying in {} ms", target, reason, delay);
    executor.schedule(() -> deliver(namespace, notification, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
