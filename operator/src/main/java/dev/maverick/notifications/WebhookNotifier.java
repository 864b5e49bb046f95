package dev.maverick.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maverick.api.Notification;
import dev.maverick.api.NotificationType;
import dev.maverick.api.PendingAnnouncement;
import dev.maverick.api.SecretKeyRef;
import dev.maverick.egress.UrlAllowList;
import dev.maverick.secrets.SecretReader;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

  /** The header carrying an announcement's delivery id, the same on every attempt, so receivers can drop repeats. */
  public static final String DELIVERY_HEADER = "X-Maverick-Delivery";

  /**
   * Queues the announcement for every webhook of the policy and returns at once; {@code done} runs
   * once each webhook has answered 2xx or was given up on (after {@code maxAttempts}, or because its
   * Secret or URL is unusable), never if the notifier is closed first. An observe-only announcement's
   * text starts with {@code [observe]} and its JSON carries {@code "observe": true}, so receivers can
   * route it apart.
   */
  public void send(String namespace, List<Notification> notifications, PendingAnnouncement announcement,
      Runnable done) {
    List<Notification> webhooks = notifications.stream().filter(n -> n.type() == NotificationType.Webhook).toList();
    Map<String, Object> body = new LinkedHashMap<>(); // text first, for people reading the raw JSON
    if (Boolean.TRUE.equals(announcement.observe())) {
      body.put("text", "[observe] " + announcement.text());
      body.put("observe", true);
    } else {
      body.put("text", announcement.text());
    }
    AtomicInteger left = new AtomicInteger(webhooks.size());
    Runnable oneDone = () -> {
      if (left.decrementAndGet() == 0) {
        done.run();
      }
    };
    if (webhooks.isEmpty()) {
      done.run();
    }
    for (Notification webhook : webhooks) {
      executor.execute(() -> deliver(namespace, webhook, new Delivery(announcement.id(), body, oneDone), 1));
    }
  }

  /** One announcement on its way to one webhook. */
  private record Delivery(String id, Map<String, Object> body, Runnable done) {}

  private void deliver(String namespace, Notification notification, Delivery delivery, int attempt) {
    String target = "webhook from Secret " + namespace + "/" + notification.urlSecretRef().name()
        + " key " + notification.urlSecretRef().key();
    try {
      Optional<String> url = secrets.read(namespace, notification.urlSecretRef()).map(String::trim);
      if (url.isEmpty()) {
        LOG.warn("Cannot announce to {}: the Secret or key does not exist", target);
        delivery.done().run();
        return;
      }
      if (!allowed.allows(url.get())) {
        LOG.warn("Not announcing to {}: its URL is outside the allowed webhook URL prefixes", target);
        refused.refused(namespace, notification.urlSecretRef());
        delivery.done().run();
        return;
      }
      HttpRequest request = HttpRequest.newBuilder(URI.create(url.get()))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .header(DELIVERY_HEADER, delivery.id())
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(delivery.body())))
          .build();
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream answer = response.body()) {
        answer.readNBytes(MAX_RESPONSE_BYTES); // then closed: a huge or endless answer is not read on
      }
      int status = response.statusCode();
      if (status / 100 == 2) {
        delivery.done().run();
        return;
      }
      retry(namespace, notification, delivery, attempt, target, "HTTP " + status);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // the message of a URI or connection error can contain the URL: log only the error type
      retry(namespace, notification, delivery, attempt, target, e.getClass().getSimpleName());
    }
  }

  private void retry(String namespace, Notification notification, Delivery delivery, int attempt, String target,
      String reason) {
    if (attempt >= maxAttempts) {
      LOG.warn("Giving up announcing to {} after {} attempts (last: {})", target, attempt, reason);
      delivery.done().run();
      return;
    }
    long delay = firstBackoff.toMillis() << (attempt - 1);
    LOG.info("Announcing to {} failed ({}); retrying in {} ms", target, reason, delay);
    executor.schedule(() -> deliver(namespace, notification, delivery, attempt + 1), delay, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
