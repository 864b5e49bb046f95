package dev.maverick.reliability;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock API server's CRUD store with a fault layer in front: a configurable share of requests
 * is answered with 500, 409 (writes only), 429 or a slow (but correct) response, before the store
 * sees them, so a failed request changed nothing, as with a real API server that rejects it.
 * Watch requests pass through the request faults; watches have faults of their own: open watch
 * streams can be dropped mid-stream, and new watches answered with `410 Gone` (alternately as an HTTP
 * 410 and as a watch ERROR event carrying a 410 Status, the two forms a real API server uses when
 * the requested resourceVersion is too old), which makes an informer relist. It also answers SelfSubjectRulesReview as for an operator whose Role grants
 * Leases, which the CRUD store cannot compute and JOSDK's leader election checks before starting.
 */
final class FaultyApiServer extends KubernetesCrudDispatcher {
  /** A list request: a resource collection without a name (".../namespaces/ns/services", ".../deployments"). */
  private static final Pattern COLLECTION = Pattern.compile(
      "^/(?:api/v1|apis/[^/]+/[^/]+)(?:/namespaces/[^/]+)?/[^/?]+(?:\\?.*)?$");

  enum Fault { SERVER_ERROR_500, CONFLICT_409, TOO_MANY_REQUESTS_429, SLOW_1S }

  private final Random random;
  private volatile double failShare;
  private final AtomicLong requests = new AtomicLong();
  private final Map<Fault, AtomicLong> injected = new ConcurrentHashMap<>();
  private final AtomicLong faultedWrites = new AtomicLong();

  private final Set<WebSocket> openWatches = ConcurrentHashMap.newKeySet();
  private final AtomicLong watchesDropped = new AtomicLong();
  private final AtomicLong goneAsHttp = new AtomicLong();
  private final AtomicLong goneAsEvent = new AtomicLong();
  private final AtomicLong lists = new AtomicLong();
  private static final Pattern RESOURCE_VERSION = Pattern.compile("[?&]resourceVersion=(\\d+)");
  private volatile long historyStartsAt;
  private volatile boolean refuseLeaseWrites;
  private final AtomicLong leaseWritesRefused = new AtomicLong();

  FaultyApiServer(long seed) {
    super(List.of());
    this.random = new Random(seed);
  }

  /** From now on, this share (0..1) of non-watch requests gets a fault. */
  void failShare(double share) {
    this.failShare = share;
  }

  long requests() {
    return requests.get();
  }

  long faultsInjected() {
    return injected.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Closes every open watch stream, as an API server restart or a load balancer timeout does. */
  void dropWatches() {
    for (WebSocket watch : List.copyOf(openWatches)) {
      openWatches.remove(watch);
      watch.close(1001, "injected fault: watch dropped");
      watchesDropped.incrementAndGet();
    }
  }

  /**
   * The history before this resourceVersion is compacted: a watch resuming from an older one is answered
   * 410 Gone until its informer relists. (The mock replays no history at all, so this is also what keeps
   * a resumed watch from silently missing what happened while it was down.) Long.MAX_VALUE: every resumed
   * watch is refused.
   */
  void compactHistoryBefore(long resourceVersion) {
    this.historyStartsAt = resourceVersion;
  }

  /** true: every write to a Lease (a leader's renewal, a standby's takeover) is answered 500. */
  void refuseLeaseWrites(boolean refuse) {
    this.refuseLeaseWrites = refuse;
  }

  long leaseWritesRefused() {
    return leaseWritesRefused.get();
  }

  int openWatches() {
    return openWatches.size();
  }

  long watchesDropped() {
    return watchesDropped.get();
  }

  long goneAsHttp() {
    return goneAsHttp.get();
  }

  long goneAsEvent() {
    return goneAsEvent.get();
  }

  /** Collection reads (an informer's list, its relist after 410) so far. */
  long lists() {
    return lists.get();
  }

  /** Writes (POST, PUT, PATCH, DELETE) that got a fault so far. */
  long faultedWrites() {
    return faultedWrites.get();
  }

  /** Faults injected so far, by kind. */
  Map<Fault, Long> faultsByKind() {
    Map<Fault, Long> byKind = new TreeMap<>();
    injected.forEach((fault, count) -> byKind.put(fault, count.get()));
    return byKind;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    if ("POST".equals(request.getMethod()) && path.startsWith("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")) {
      return leaseRulesReview();
    }
    if (path.contains("watch=true")) {
      return watch(request);
    }
    if ("GET".equals(request.getMethod()) && COLLECTION.matcher(path).matches()) {
      lists.incrementAndGet();
    }
    if (refuseLeaseWrites && isWrite(request) && path.contains("/leases")) {
      leaseWritesRefused.incrementAndGet();
      return status(500, "InternalError", "injected fault: lease write refused");
    }
    requests.incrementAndGet();
    Fault fault = draw(isWrite(request));
    if (fault == null) {
      return super.dispatch(request);
    }
    injected.computeIfAbsent(fault, f -> new AtomicLong()).incrementAndGet();
    if (isWrite(request)) {
      faultedWrites.incrementAndGet();
    }
    return switch (fault) {
      case SERVER_ERROR_500 -> status(500, "InternalError", "injected fault: etcdserver: request timed out");
      case CONFLICT_409 -> status(409, "Conflict",
          "injected fault: the object has been modified; please apply your changes to the latest version and try again");
      case TOO_MANY_REQUESTS_429 -> status(429, "TooManyRequests", "injected fault: too many requests")
          .setHeader("Retry-After", "1");
      case SLOW_1S -> super.dispatch(request).setBodyDelay(Duration.ofSeconds(1));
    };
  }

  private MockResponse watch(RecordedRequest request) {
    Matcher resumeFrom = RESOURCE_VERSION.matcher(request.getPath());
    if (resumeFrom.find() && Long.parseLong(resumeFrom.group(1)) < historyStartsAt) {
      if ((goneAsHttp.get() + goneAsEvent.get()) % 2 == 0) {
        goneAsHttp.incrementAndGet();
        return status(410, "Expired", "injected fault: too old resource version");
      }
      goneAsEvent.incrementAndGet();
      return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
          webSocket.send("{\"type\":\"ERROR\",\"object\":" + statusJson(410, "Expired",
              "injected fault: too old resource version") + "}");
          webSocket.close(1000, "");
        }
      });
    }
    MockResponse response = super.dispatch(request);
    WebSocketListener store = response.getWebSocketListener();
    if (store == null) {
      return response;
    }
    return response.withWebSocketUpgrade(new WebSocketListener() {
      @Override
      public void onOpen(WebSocket webSocket, Response upgrade) {
        openWatches.add(webSocket);
        store.onOpen(webSocket, upgrade);
      }

      @Override
      public void onMessage(WebSocket webSocket, String text) {
        store.onMessage(webSocket, text);
      }

      @Override
      public void onClosing(WebSocket webSocket, int code, String reason) {
        openWatches.remove(webSocket);
        store.onClosing(webSocket, code, reason);
      }

      @Override
      public void onClosed(WebSocket webSocket, int code, String reason) {
        openWatches.remove(webSocket);
        store.onClosed(webSocket, code, reason);
      }

      @Override
      public void onFailure(WebSocket webSocket, Throwable t, Response failed) {
        openWatches.remove(webSocket);
        store.onFailure(webSocket, t, failed);
      }
    });
  }

  private Fault draw(boolean write) {
    synchronized (random) {
      if (random.nextDouble() >= failShare) {
        return null;
      }
      Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
      return fault == Fault.CONFLICT_409 && !write ? Fault.SERVER_ERROR_500 : fault;
    }
  }

  private static boolean isWrite(RecordedRequest request) {
    return List.of("POST", "PUT", "PATCH", "DELETE").contains(request.getMethod());
  }

  private static MockResponse status(int code, String reason, String message) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(statusJson(code, reason, message));
  }

  private static String statusJson(int code, String reason, String message) {
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
        + message + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
  }

  private static MockResponse leaseRulesReview() {
    return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json").setBody("""
        {"kind":"SelfSubjectRulesReview","apiVersion":"authorization.k8s.io/v1","metadata":{},
         "spec":{},"status":{"incomplete":false,"nonResourceRules":[],"resourceRules":[
           {"verbs":["get","list","watch","create","update","patch","delete"],
            "apiGroups":["coordination.k8s.io"],"resources":["leases"]}]}}""");
  }
}
