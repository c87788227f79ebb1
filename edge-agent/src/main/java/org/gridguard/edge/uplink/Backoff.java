package org.gridguard.edge.uplink;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential with full jitter (uniform in [0, min(cap, base × 2^n)]),
 * never shorter than a hub's {@code Reject.retry_after_ms} (PROTOCOL.md §3.2). Not thread-safe.
 */
final class Backoff {
  private final long baseMs;
  private final long capMs;
  private final DoubleSupplier random;
  private int attempts;
  private long retryAfterMs;

  Backoff(Duration base, Duration cap, DoubleSupplier random) {
    this.baseMs = base.toMillis();
    this.capMs = cap.toMillis();
    this.random = random;
  }

  /** The hub asked not to come back sooner than this (applies to the next delay only). */
  void retryAfter(long ms) {
    retryAfterMs = Math.max(retryAfterMs, ms);
  }

  long nextDelayMs() {
    long bound = Math.min(capMs, baseMs << Math.min(attempts, 30));
    attempts++;
    long delay = (long) (random.getAsDouble() * bound);
    delay = Math.max(delay, retryAfterMs);
    retryAfterMs = 0;
    return delay;
  }

  void reset() {
    attempts = 0;
  }
}
