package dev.maverick.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How busy the mock API server was over a phase: the CPU time of the threads that served its requests
 * (its Vert.x event loops), against the phase's wall time. The CRUD store is read and written under
 * one lock, so about 1.0 means requests were queued for it the whole time: the phase ran at the mock's
 * pace, not its client's.
 */
record ApiServerBusy(Duration cpu, Duration wall, long requests) {
  /** The threads that have served a request of one mock server, their CPU time so far, and the requests served. */
  static final class ServingThreads {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Set<Long> ids = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();

    /** Called on the thread serving a request. */
    void serving() {
      ids.add(Thread.currentThread().getId());
      requests.incrementAndGet();
    }

    long requests() {
      return requests.get();
    }

    /** A thread first seen after an earlier reading counts from its start: event loops do little else. */
    Duration cpu() {
      long nanos = 0;
      for (long id : ids) {
        nanos += Math.max(0, THREADS.getThreadCpuTime(id));
      }
      return Duration.ofNanos(nanos);
    }
  }

  /** What the server did between two readings. */
  record Reading(Duration cpu, long requests) {}

  static ApiServerBusy between(Reading before, Reading after, Duration wall) {
    return new ApiServerBusy(after.cpu().minus(before.cpu()), wall, after.requests() - before.requests());
  }

  double fraction() {
    return wall.isZero() ? 0 : (double) cpu.toNanos() / wall.toNanos();
  }

  double msPerRequest() {
    return requests == 0 ? 0 : cpu.toNanos() / 1e6 / requests;
  }

  /** For a report's table: "47.7 s of CPU, 81% of the 59.0 s; 14400 requests, 3.31 ms each". */
  String text() {
    return String.format(Locale.ROOT, "%.1f s of CPU, %.0f%% of the %.1f s; %d requests, %.2f ms each",
        cpu.toMillis() / 1000.0, 100 * fraction(), wall.toMillis() / 1000.0, requests, msPerRequest());
  }

  /** How much more work this run asked of its server than the floor of its own. */
  double workRatio(ApiServerBusy floor) {
    return (double) cpu.toNanos() / floor.cpu().toNanos();
  }

  /** For the bench line: this run's fields, the floor's (prefixed floor_) and api_work_ratio. */
  String fieldsAgainst(ApiServerBusy floor) {
    return fields("") + floor.fields("floor_") + String.format(Locale.ROOT, " api_work_ratio=%.2f", workRatio(floor));
  }

  /** For the bench line: " {prefix}api_cpu_s=… {prefix}api_busy=… {prefix}api_requests=…". */
  String fields(String prefix) {
    return String.format(Locale.ROOT, " %sapi_cpu_s=%.1f %sapi_busy=%.2f %sapi_requests=%d", prefix,
        cpu.toMillis() / 1000.0, prefix, fraction(), prefix, requests);
  }
}
