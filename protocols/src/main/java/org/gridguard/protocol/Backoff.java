package org.gridguard.protocol;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The one retry delay of GridGuard: exponential with full jitter — the n-th delay is uniform in
 * [0, min(cap, base × 2^n)] — and never shorter than what the other side asked for (a hub's
 * {@code Reject.retry_after_ms}, PROTOCOL.md §3.2, or an HTTP {@code Retry-After}). The jitter
 * is what keeps every camera of a village from hitting its NVR at the same instants after a
 * power cut. Used by the edge uplink, cameras and MQTT source and by the hub's telemetry
 * retries; one instance per retrying thing, not thread-safe.
 */
public final class Backoff {
  private final long baseMs;
  private final long capMs;
  private final DoubleSupplier random;
  private int attempts;
  private long retryAfterMs;

  /** Full jitter from {@link ThreadLocalRandom}. */
  public Backoff(Duration base, Duration cap) {
    this(base, cap, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * @param base the bound of the first delay, at least 1 ms
   * @param cap the largest bound, at least {@code base}
   * @param random values in [0, 1) (tests pass fixed ones)
   */
  public Backoff(Duration base, Duration cap, DoubleSupplier random) {
    if (base == null || cap == null || random == null) {
      throw new IllegalArgumentException("a backoff needs a base, a cap and a random source");
    }
    if (base.toMillis() < 1 || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("a backoff needs base >= 1 ms and cap >= base, was base "
          + base + ", cap " + cap);
    }
    this.baseMs = base.toMillis();
    this.capMs = cap.toMillis();
    this.random = random;
  }

  /** The other side asked not to come back sooner than this (applies to the next delay only). */
  public void retryAfter(long ms) {
    retryAfterMs = Math.max(retryAfterMs, ms);
  }

  /** The delay before the next attempt, in milliseconds; each call counts one attempt. */
  public long nextDelayMs() {
    long bound = Math.min(capMs, baseMs << Math.min(attempts, 30));
    attempts++;
    long delay = (long) (random.getAsDouble() * bound);
    delay = Math.max(delay, retryAfterMs);
    retryAfterMs = 0;
    return delay;
  }

  /** Attempts since the last {@link #reset()}. */
  public int attempts() {
    return attempts;
  }

  /** After a success: the next delay is bounded by {@code base} again. */
  public void reset() {
    attempts = 0;
  }
}
