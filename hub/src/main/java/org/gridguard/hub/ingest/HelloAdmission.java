package org.gridguard.hub.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridguard.hub.gateway.GatewayAuthenticator;
import org.gridguard.hub.security.AttemptLimiter;
import org.gridguard.protocol.v1.RejectReason;

/**
 * Decides, on the event loop and before any credential check, what happens to a Hello:
 * <ul>
 *   <li>{@code FAST}: its credential matches a recent verification (the gateway had a live or
 *       recent session) or a verified client certificate names it; it goes to the fast lane,
 *       which does no PBKDF2, and is never blocked.
 *   <li>{@code BLOCKED}: its source address or gateway id had too many failed Hellos within the
 *       window ({@link AttemptLimiter}); answered at once, with the remaining wait as
 *       {@code retry_after_ms}, and counted (a blocked address's attempt also counts as one
 *       more failure, so a flood keeps it blocked).
 *   <li>{@code BUSY}: the address or gateway id already has its share of checks queued or
 *       running (a flood's Hellos all arrive before the first has failed).
 *   <li>{@code NORMAL}: the auth queue, PBKDF2; {@link #done} after it, {@link #outcome} with
 *       its result.
 * </ul>
 * Bounded: the limiters track at most {@code max-keys} keys each; the in-flight counts have one
 * entry per address or gateway id with a check queued or running. Thread-safe.
 */
final class HelloAdmission {
  enum Kind { FAST, NORMAL, BLOCKED, BUSY }

  /** What to do with one Hello; for NORMAL the caller must call {@link #done} once. */
  record Decision(Kind kind, String address, String gatewayId, String message, int retryAfterMs) {}

  private static final int BUSY_RETRY_MS = 5_000;

  private final IngestProperties.HelloFailures limits;
  private final GatewayAuthenticator authenticator;
  private final IngestMetrics metrics;
  private final AttemptLimiter byAddress;
  private final AttemptLimiter byGateway;
  private final ConcurrentHashMap<String, AtomicInteger> addressChecks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> gatewayChecks = new ConcurrentHashMap<>();

  HelloAdmission(IngestProperties.HelloFailures limits, GatewayAuthenticator authenticator,
      Clock clock, IngestMetrics metrics) {
    this.limits = limits;
    this.authenticator = authenticator;
    this.metrics = metrics;
    this.byAddress = new AttemptLimiter(limits.perAddress(), limits.window(), limits.maxKeys(),
        clock);
    this.byGateway = new AttemptLimiter(limits.perGateway(), limits.window(), limits.maxKeys(),
        clock);
    metrics.registry().gauge("gridguard.ingest.hello.failures.tracked",
        java.util.List.of(io.micrometer.core.instrument.Tag.of("by", "address")), byAddress,
        AttemptLimiter::trackedKeys);
    metrics.registry().gauge("gridguard.ingest.hello.failures.tracked",
        java.util.List.of(io.micrometer.core.instrument.Tag.of("by", "gateway")), byGateway,
        AttemptLimiter::trackedKeys);
  }

  Decision decide(String address, String gatewayId, String credential, boolean byCertificate) {
    if (byCertificate && credential.isEmpty()
        || authenticator.recentlyVerified(gatewayId, credential)) {
      return new Decision(Kind.FAST, address, gatewayId, null, 0);
    }
    Optional<Duration> wait = byAddress.retryAfter(address);
    if (wait.isPresent()) {
      byAddress.recordFailure(address);
      metrics.helloBlocked("address");
      return blocked(address, gatewayId, "too many failed Hellos from " + address, wait.get());
    }
    wait = byGateway.retryAfter(gatewayId);
    if (wait.isPresent()) {
      metrics.helloBlocked("gateway");
      return blocked(address, gatewayId, "too many failed Hellos for gateway " + gatewayId,
          wait.get());
    }
    if (!enter(addressChecks, address, limits.inFlightPerAddress())) {
      metrics.helloBusy("address");
      return new Decision(Kind.BUSY, address, gatewayId, "credential checks of " + address
          + " are already in progress", BUSY_RETRY_MS);
    }
    if (!enter(gatewayChecks, gatewayId, limits.inFlightPerGateway())) {
      leave(addressChecks, address);
      metrics.helloBusy("gateway");
      return new Decision(Kind.BUSY, address, gatewayId, "credential checks of gateway "
          + gatewayId + " are already in progress", BUSY_RETRY_MS);
    }
    return new Decision(Kind.NORMAL, address, gatewayId, null, 0);
  }

  /** A NORMAL decision's check finished (or will never run). */
  void done(Decision decision) {
    if (decision.kind() == Kind.NORMAL) {
      leave(addressChecks, decision.address());
      leave(gatewayChecks, decision.gatewayId());
    }
  }

  /** Counts a check's result: failures per address (any reason), bad credentials per gateway. */
  void outcome(Decision decision, GatewayAuthenticator.Result result) {
    if (result.accepted()) {
      byGateway.reset(decision.gatewayId());
      return;
    }
    byAddress.recordFailure(decision.address());
    if (result.reject() == RejectReason.BAD_CREDENTIAL) {
      byGateway.recordFailure(decision.gatewayId());
    }
  }

  private static Decision blocked(String address, String gatewayId, String why, Duration wait) {
    long ms = Math.min(Integer.MAX_VALUE, Math.max(1000, wait.toMillis()));
    return new Decision(Kind.BLOCKED, address, gatewayId, why + "; retry in " + (ms + 999) / 1000
        + " s", (int) ms);
  }

  private static boolean enter(ConcurrentHashMap<String, AtomicInteger> checks, String key,
      int most) {
    boolean[] entered = new boolean[1];
    checks.compute(key, (k, n) -> {
      AtomicInteger count = n == null ? new AtomicInteger() : n;
      entered[0] = count.get() < most;
      if (entered[0]) {
        count.incrementAndGet();
      }
      return count.get() == 0 ? null : count;
    });
    return entered[0];
  }

  private static void leave(ConcurrentHashMap<String, AtomicInteger> checks, String key) {
    checks.computeIfPresent(key, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  int inFlight(String address) {
    AtomicInteger n = addressChecks.get(address);
    return n == null ? 0 : n.get();
  }
}
