package dev.maverick.reliability;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mock API server's CRUD store with a fault layer in front: a configurable share of requests
 * is answered with 500, 409 (writes only), 429 or a slow (but correct) response, before the store
 * sees them, so a failed request changed nothing, as with a real API server that rejects it.
 * Watch requests always pass through (a broken watch is the informers' reconnect path, not a
 * request fault). It also answers SelfSubjectRulesReview as for an operator whose Role grants
 * Leases, which the CRUD store cannot compute and JOSDK's leader election checks before starting.
 */
final class FaultyApiServer extends KubernetesCrudDispatcher {
  enum Fault { SERVER_ERROR_500, CONFLICT_409, TOO_MANY_REQUESTS_429, SLOW_1S }

  private final Random random;
  private volatile double failShare;
  private final AtomicLong requests = new AtomicLong();
  private final Map<Fault, AtomicLong> injected = new ConcurrentHashMap<>();

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
      return super.dispatch(request);
    }
    requests.incrementAndGet();
    Fault fault = draw(isWrite(request));
    if (fault == null) {
      return super.dispatch(request);
    }
    injected.computeIfAbsent(fault, f -> new AtomicLong()).incrementAndGet();
    return switch (fault) {
      case SERVER_ERROR_500 -> status(500, "InternalError", "injected fault: etcdserver: request timed out");
      case CONFLICT_409 -> status(409, "Conflict",
          "injected fault: the object has been modified; please apply your changes to the latest version and try again");
      case TOO_MANY_REQUESTS_429 -> status(429, "TooManyRequests", "injected fault: too many requests")
          .setHeader("Retry-After", "1");
      case SLOW_1S -> super.dispatch(request).setBodyDelay(Duration.ofSeconds(1));
    };
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
        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
            + message + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
  }

  private static MockResponse leaseRulesReview() {
    return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json").setBody("""
        {"kind":"SelfSubjectRulesReview","apiVersion":"authorization.k8s.io/v1","metadata":{},
         "spec":{},"status":{"incomplete":false,"nonResourceRules":[],"resourceRules":[
           {"verbs":["get","list","watch","create","update","patch","delete"],
            "apiGroups":["coordination.k8s.io"],"resources":["leases"]}]}}""");
  }
}
