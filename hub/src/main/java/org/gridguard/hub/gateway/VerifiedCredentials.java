package org.gridguard.hub.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fingerprints (SHA-256, never stored) of credentials verified recently, per gateway id, so that
 * a gateway reconnecting with the credential it proved before skips PBKDF2. An entry lives
 * {@code ttl} after its verification; while the gateway has an open session it is pinned, and
 * when the last session ends the {@code ttl} starts again. Bounded: at most {@code capacity}
 * unpinned entries (least recently used dropped), plus one pinned entry per open session.
 * Thread-safe; no I/O.
 */
final class VerifiedCredentials {
  private record Pin(ByteBuffer fingerprint, int sessions) {}

  private final Cache<String, ByteBuffer> recent;
  private final ConcurrentHashMap<String, Pin> pinned = new ConcurrentHashMap<>();
  private final boolean enabled;

  VerifiedCredentials(int capacity, Duration ttl, Ticker ticker) {
    this.enabled = capacity > 0;
    this.recent = Caffeine.newBuilder().maximumSize(Math.max(1, capacity))
        .expireAfterWrite(ttl).ticker(ticker).executor(Runnable::run).build();
  }

  boolean matches(String gatewayId, ByteBuffer fingerprint) {
    Pin pin = pinned.get(gatewayId);
    return pin != null && pin.fingerprint().equals(fingerprint)
        || fingerprint.equals(recent.getIfPresent(gatewayId));
  }

  void remember(String gatewayId, ByteBuffer fingerprint) {
    if (enabled) {
      recent.put(gatewayId, fingerprint);
    }
  }

  /** A session of the gateway opened with this (verified) credential: keep it while open. */
  void pin(String gatewayId, ByteBuffer fingerprint) {
    if (!enabled || !matches(gatewayId, fingerprint)) {
      return; // forgotten meanwhile (revoked, re-issued), or a certificate session
    }
    pinned.compute(gatewayId, (id, pin) -> pin == null || !pin.fingerprint().equals(fingerprint)
        ? new Pin(fingerprint, 1) : new Pin(fingerprint, pin.sessions() + 1));
  }

  /** A session ended: when it was the last, the credential is remembered for {@code ttl} more. */
  void unpin(String gatewayId) {
    ByteBuffer[] released = new ByteBuffer[1];
    pinned.computeIfPresent(gatewayId, (id, pin) -> {
      if (pin.sessions() > 1) {
        return new Pin(pin.fingerprint(), pin.sessions() - 1);
      }
      released[0] = pin.fingerprint();
      return null;
    });
    if (released[0] != null) {
      recent.put(gatewayId, released[0]);
    }
  }

  void forget(String gatewayId) {
    pinned.remove(gatewayId);
    recent.invalidate(gatewayId);
  }

  long size() {
    recent.cleanUp();
    return recent.estimatedSize() + pinned.size();
  }
}
