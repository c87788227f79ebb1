package org.gridguard.hub.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Limits failed attempts per key (a username, a client address, a gateway id): at most
 * {@code maxFailures} within a sliding {@code window}; past that the key is blocked until its
 * oldest counted failure leaves the window. One mechanism for sign-in (REST and console) and for
 * gateway Hello credentials. Bounded: at most {@code maxKeys} keys are tracked (least recently
 * used dropped). Per hub instance; thread-safe.
 */
public final class AttemptLimiter {
  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Cache<String, Deque<Long>> failures;
  private final AtomicLong blocked = new AtomicLong();

  public AttemptLimiter(int maxFailures, Duration window, int maxKeys, Clock clock) {
    if (maxFailures < 1 || window.isNegative() || window.isZero() || maxKeys < 1) {
      throw new IllegalArgumentException("maxFailures, window and maxKeys must be positive");
    }
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
    this.failures = Caffeine.newBuilder().maximumSize(maxKeys)
        .expireAfterAccess(window).build();
  }

  /** How long {@code key} must still wait, empty if it may try now. */
  public Optional<Duration> retryAfter(String key) {
    Deque<Long> times = failures.getIfPresent(key);
    if (times == null) {
      return Optional.empty();
    }
    long now = clock.millis();
    synchronized (times) {
      prune(times, now);
      if (times.size() < maxFailures) {
        return Optional.empty();
      }
      blocked.incrementAndGet();
      long wait = times.peekFirst() + window.toMillis() - now;
      return Optional.of(Duration.ofMillis(Math.max(1, wait)));
    }
  }

  /** Counts one failed attempt of {@code key}. */
  public void recordFailure(String key) {
    Deque<Long> times = failures.get(key, k -> new ArrayDeque<>());
    long now = clock.millis();
    synchronized (times) {
      prune(times, now);
      times.addLast(now);
      while (times.size() > maxFailures) {
        times.removeFirst();
      }
    }
  }

  /** Forgets {@code key}'s failures (after a success). */
  public void reset(String key) {
    failures.invalidate(key);
  }

  /** Attempts refused so far because their key was blocked (for metrics). */
  public long blockedCount() {
    return blocked.get();
  }

  /** Keys tracked now (for metrics). */
  public long trackedKeys() {
    return failures.estimatedSize();
  }

  private void prune(Deque<Long> times, long now) {
    long oldest = now - window.toMillis();
    while (!times.isEmpty() && times.peekFirst() <= oldest) {
      times.removeFirst();
    }
  }
}
