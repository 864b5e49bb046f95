package dev.maverick.notifications;

import dev.maverick.api.Notification;
import dev.maverick.api.NotificationType;
import dev.maverick.api.PendingAnnouncement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook announcements that survive a crash. The reconciler stores each announcement in the status
 * write that records its action, sends what is stored, and drops what was delivered in a later
 * write. An operator killed after the write and before delivering loses nothing: the next instance
 * finds the announcement in the status and sends it. One killed after the webhook answered and
 * before the status dropped it sends it again, with the same delivery id for the receiver to drop
 * (webhooks are at least once; once per delivery id).
 */
public final class AnnouncementOutbox {
  private static final Logger LOG = LoggerFactory.getLogger(AnnouncementOutbox.class);

  /** Pending announcements a status holds at most; a webhook down for long must not grow it without bound. */
  public static final int MAX_PENDING = 20;

  private final WebhookNotifier notifier;
  /** Per pipeline (uid), the announcement ids this process sent: on their way (false) or delivered (true). */
  private final Map<String, Map<String, Boolean>> sent = new ConcurrentHashMap<>();

  public AnnouncementOutbox(WebhookNotifier notifier) {
    this.notifier = notifier;
  }

  /** Whether a policy with these notifications announces anything. */
  public static boolean announces(List<Notification> notifications) {
    return notifications.stream().anyMatch(n -> n.type() == NotificationType.Webhook);
  }

  /**
   * What the next status write stores: the stored announcements this process has not delivered yet,
   * then {@code added}; none when the policy (now) has no webhook; the newest {@value #MAX_PENDING}.
   */
  public List<PendingAnnouncement> toStore(String pipelineUid, List<Notification> notifications,
      List<PendingAnnouncement> stored, List<PendingAnnouncement> added) {
    if (!announces(notifications)) {
      return List.of();
    }
    Map<String, Boolean> ours = sent.getOrDefault(pipelineUid, Map.of());
    List<PendingAnnouncement> pending = new ArrayList<>();
    for (PendingAnnouncement announcement : stored == null ? List.<PendingAnnouncement>of() : stored) {
      if (!Boolean.TRUE.equals(ours.get(announcement.id()))) {
        pending.add(announcement);
      }
    }
    pending.addAll(added);
    if (pending.size() > MAX_PENDING) {
      List<PendingAnnouncement> dropped = pending.subList(0, pending.size() - MAX_PENDING);
      LOG.warn("Dropping {} undelivered webhook announcements (more than {} pending): {}", dropped.size(),
          MAX_PENDING, dropped.stream().map(PendingAnnouncement::id).toList());
      pending = new ArrayList<>(pending.subList(pending.size() - MAX_PENDING, pending.size()));
    }
    return List.copyOf(pending);
  }

  /**
   * Once {@code stored} is in the status: sends each announcement this process has not sent, and
   * forgets delivered ones the status no longer holds. {@code delivered} runs on the notifier's
   * thread after each delivery, so that a reconcile drops it from the status.
   */
  public void sendStored(String pipelineUid, String namespace, List<Notification> notifications,
      List<PendingAnnouncement> stored, Runnable delivered) {
    Set<String> storedIds = stored.stream().map(PendingAnnouncement::id).collect(Collectors.toSet());
    Map<String, Boolean> ours = sent.computeIfAbsent(pipelineUid, uid -> new ConcurrentHashMap<>());
    ours.entrySet().removeIf(e -> e.getValue() && !storedIds.contains(e.getKey()));
    for (PendingAnnouncement announcement : stored) {
      if (ours.putIfAbsent(announcement.id(), false) == null) {
        notifier.send(namespace, notifications, announcement, () -> {
          ours.put(announcement.id(), true);
          delivered.run();
        });
      }
    }
    if (ours.isEmpty()) {
      sent.remove(pipelineUid, ours);
    }
  }
}
