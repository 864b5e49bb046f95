package dev.maverick.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.maverick.api.Notification;
import dev.maverick.api.NotificationType;
import dev.maverick.api.PendingAnnouncement;
import dev.maverick.api.SecretKeyRef;
import dev.maverick.egress.UrlAllowList;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {
  private HttpServer server;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger attempts = new AtomicInteger();
  private final List<String> delivered = new CopyOnWriteArrayList<>();
  private final List<String> deliveryIds = new CopyOnWriteArrayList<>();
  /** Announcements whose delivery finished (delivered or given up), by id. */
  private final List<String> done = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      attempts.incrementAndGet();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
      if (status == 200) {
        delivered.add(exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
        deliveryIds.add(exchange.getRequestHeaders().getFirst(WebhookNotifier.DELIVERY_HEADER));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private final List<String> refused = new CopyOnWriteArrayList<>();

  private WebhookNotifier notifier(int maxAttempts) {
    return notifier(maxAttempts, UrlAllowList.ANY);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  private WebhookNotifier notifier(int maxAttempts, UrlAllowList allowed) {
    return new WebhookNotifier((namespace, ref) -> ref.name().equals("slack-webhook") ? Optional.of(url() + "\n")
        : Optional.empty(), allowed, (namespace, ref) -> refused.add(namespace + "/" + ref.name() + "#" + ref.key()),
        Duration.ofMillis(10), maxAttempts);
  }

  private static final List<Notification> SLACK =
      List.of(new Notification(NotificationType.Webhook, new SecretKeyRef("slack-webhook", "url")));

  private void announce(WebhookNotifier notifier, String text) {
    notifier.send("team-a", SLACK, new PendingAnnouncement("uid-1-1700000000-action-t", text, null, "2026-11-23T10:00:00Z"),
        () -> done.add("uid-1-1700000000-action-t"));
  }

  @Test
  void postsSlackCompatibleJsonOnce() {
    try (WebhookNotifier notifier = notifier(5)) {
      announce(notifier, "paperless-maverick: DisableFlag embeddingMonitoring");
      await().until(() -> delivered.size() == 1);
    }
    assertThat(delivered).containsExactly(
        "application/json {\"text\":\"paperless-maverick: DisableFlag embeddingMonitoring\"}");
    assertThat(attempts).hasValue(1);
    assertThat(deliveryIds).containsExactly("uid-1-1700000000-action-t");
    assertThat(done).containsExactly("uid-1-1700000000-action-t");
  }

  @Test
  void retriesWithBackoffUntilTheWebhookAccepts() {
    failuresLeft.set(2);
    try (WebhookNotifier notifier = notifier(5)) {
      announce(notifier, "rolled back");
      await().until(() -> delivered.size() == 1);
      await().until(() -> done.size() == 1);
    }
    assertThat(attempts).hasValue(3);
    assertThat(done).hasSize(1);
  }

  @Test
  void givesUpAfterTheLastAttempt() {
    failuresLeft.set(100);
    try (WebhookNotifier notifier = notifier(3)) {
      announce(notifier, "rolled back");
      await().until(() -> done.size() == 1);
    }
    assertThat(attempts).hasValue(3);
    assertThat(delivered).isEmpty();
  }

  /** Issue 11.5: a URL (read from its Secret) outside the allow-list is never called, and only the Secret is named. */
  @Test
  void aUrlOutsideTheAllowListIsNotCalled() {
    try (WebhookNotifier notifier = notifier(3, UrlAllowList.parse("https://hooks.slack.com/, http://127.0.0.1:1/"))) {
      announce(notifier, "rolled back");
      await().until(() -> refused.size() == 1);
    }
    assertThat(refused).containsExactly("team-a/slack-webhook#url");
    assertThat(attempts).hasValue(0);
    assertThat(done).as("a refused URL is given up on, not retried forever").hasSize(1);
  }

  @Test
  void aUrlUnderTheAllowListIsCalled() {
    try (WebhookNotifier notifier = notifier(3, UrlAllowList.parse(url().replace("/hook", "/")))) {
      announce(notifier, "rolled back");
      await().until(() -> delivered.size() == 1);
    }
    assertThat(refused).isEmpty();
  }

  @Test
  void anObserveAnnouncementIsMarkedAndFinishesOnceEveryWebhookDid() {
    List<Notification> two = List.of(SLACK.get(0), new Notification(NotificationType.Webhook,
        new SecretKeyRef("missing", "url")));
    try (WebhookNotifier notifier = notifier(3)) {
      notifier.send("team-a", two, new PendingAnnouncement("id-7", "would have acted", true, "2026-11-23T10:00:00Z"),
          () -> done.add("id-7"));
      await().until(() -> done.size() == 1);
    }
    assertThat(delivered).containsExactly("application/json {\"text\":\"[observe] would have acted\",\"observe\":true}");
    assertThat(done).containsExactly("id-7");
  }

  /** Issue 11.5: an endless answer is read no further than the cap; the status decides. */
  @Test
  void anEndlessAnswerIsNotReadToTheEnd() {
    server.removeContext("/hook");
    server.createContext("/hook", exchange -> {
      attempts.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, 0);
      byte[] chunk = new byte[64 * 1024];
      try (var out = exchange.getResponseBody()) {
        for (int i = 0; i < 100_000; i++) { // 6 GiB, unless the client hangs up
          out.write(chunk);
        }
      } catch (IOException closedByTheClient) {
        delivered.add("hung up");
      }
    });
    try (WebhookNotifier notifier = notifier(3)) {
      announce(notifier, "rolled back");
      await().until(() -> delivered.size() == 1);
    }
    assertThat(attempts).hasValue(1);
  }
}
