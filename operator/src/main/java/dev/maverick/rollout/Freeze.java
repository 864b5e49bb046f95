package dev.maverick.rollout;

import dev.maverick.api.FreezeStatus;
import dev.maverick.api.FreezeWindow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A policy's change freezes. A window is open from {@code start} (inclusive) to {@code end}
 * (exclusive); while one is open the pipeline is {@link #frozen}: no stage advances, no blue-green
 * switch and no revision becomes stable, while triggers and manual rollbacks still act. Windows
 * that overlap or touch count as one freeze, so {@code until} is when promotions really resume.
 */
public record Freeze(List<Window> windows) {
  private static final Freeze NONE = new Freeze(List.of());

  /** One parsed window. */
  public record Window(Instant start, Instant end, String reason) {
    boolean openAt(Instant now) {
      return !start.isAfter(now) && end.isAfter(now);
    }
  }

  public Freeze {
    windows = windows.stream().sorted(Comparator.comparing(Window::start)).toList();
  }

  /** The windows of a validated policy (see the policy package's PolicyValidator). */
  public static Freeze of(List<FreezeWindow> windows) {
    if (windows == null || windows.isEmpty()) {
      return NONE;
    }
    return new Freeze(windows.stream()
        .map(w -> new Window(instant(w.start()), instant(w.end()), w.reason()))
        .toList());
  }

  /** An RFC 3339 timestamp such as {@code 2026-12-24T00:00:00Z} or {@code 2026-12-24T00:00:00+01:00}. */
  public static Instant instant(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }

  /** Whether {@code text} is an RFC 3339 timestamp with a zone offset. */
  public static boolean isTimestamp(String text) {
    try {
      instant(text);
      return true;
    } catch (DateTimeParseException | NullPointerException e) {
      return false;
    }
  }

  /** The one rule of the freeze: whether promotions wait at {@code now}. */
  public boolean frozen(Instant now) {
    return windows.stream().anyMatch(w -> w.openAt(now));
  }

  /** The freeze in force at {@code now}: until the end of the open windows and those they touch. */
  public Optional<FreezeStatus> at(Instant now) {
    Optional<Window> open = windows.stream().filter(w -> w.openAt(now)).findFirst();
    if (open.isEmpty()) {
      return Optional.empty();
    }
    Instant until = open.get().end();
    boolean extended = true;
    while (extended) {
      Instant end = until;
      Optional<Instant> later = windows.stream()
          .filter(w -> !w.start().isAfter(end) && w.end().isAfter(end))
          .map(Window::end)
          .max(Comparator.naturalOrder());
      extended = later.isPresent();
      until = later.orElse(until);
    }
    return Optional.of(new FreezeStatus(until.toString(), open.get().reason()));
  }

  /** The next moment after {@code now} a window opens or closes: the engine wakes then. */
  public Optional<Instant> nextChange(Instant now) {
    return windows.stream().flatMap(w -> Stream.of(w.start(), w.end()))
        .filter(at -> at.isAfter(now))
        .min(Comparator.naturalOrder());
  }
}
