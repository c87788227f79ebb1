package org.gridguard.hub.gateway;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.gridguard.protocol.v1.RejectReason;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Checks a gateway's Hello credential. Blocking (database and PBKDF2): call it off the event
 * loop. Credentials verified recently are remembered briefly ({@link VerifiedCredentials}: a TTL,
 * bounded, kept while the gateway's session is open) and spare re-hashing on reconnect;
 * {@link #recentlyVerified} tells cheaply, before any queue, whether a Hello has such a
 * credential. Revocation and re-issue clear the gateway's entry ({@link #forget}).
 */
@Service
public class GatewayAuthenticator {
  /** Outcome: the gateway when accepted, else the reject reason. */
  public record Result(Gateway gateway, RejectReason reject) {
    static Result ok(Gateway gateway) {
      return new Result(gateway, null);
    }

    static Result rejected(RejectReason reason) {
      return new Result(null, reason);
    }

    public boolean accepted() {
      return gateway != null;
    }
  }

  private final GatewayRepository gateways;
  private final CredentialHasher hasher;
  private final VerifiedCredentials verified;
  private final Counter hashed;
  private final Counter cached;

  @Autowired
  public GatewayAuthenticator(GatewayRepository gateways, GatewayProperties properties,
      MeterRegistry meters) {
    this(gateways, properties, meters, Ticker.systemTicker());
  }

  GatewayAuthenticator(GatewayRepository gateways, GatewayProperties properties,
      MeterRegistry meters, Ticker ticker) {
    this.gateways = gateways;
    this.hasher = new CredentialHasher(properties.pbkdf2Iterations());
    this.verified = new VerifiedCredentials(properties.authCacheSize(), properties.authCacheTtl(),
        ticker);
    this.hashed = meters.counter("gridguard.gateway.credential.checks", "by", "pbkdf2");
    this.cached = meters.counter("gridguard.gateway.credential.checks", "by", "cache");
    Gauge.builder("gridguard.gateway.credential.cache.entries", verified, VerifiedCredentials::size)
        .description("recently verified gateway credentials remembered").register(meters);
  }

  public Result authenticate(String gatewayId, String credential) {
    Optional<Gateway> found = gateways.find(gatewayId);
    if (found.isEmpty()) {
      return Result.rejected(RejectReason.UNKNOWN_GATEWAY);
    }
    Gateway gateway = found.get();
    if (gateway.revoked()) {
      return Result.rejected(RejectReason.REVOKED);
    }
    ByteBuffer fingerprint = fingerprint(gatewayId, credential);
    if (verified.matches(gatewayId, fingerprint)) {
      cached.increment();
      verified.remember(gatewayId, fingerprint);
      return Result.ok(gateway);
    }
    hashed.increment();
    if (!hasher.matches(credential, gateway.credentialHash())) {
      // during a rotation's grace window the previous credential is accepted too, but never
      // remembered or pinned, so it stops working when the window ends
      boolean previous = gateways.previousCredentialHash(gatewayId, java.time.Instant.now())
          .map(hash -> hasher.matches(credential, hash)).orElse(false);
      if (!previous) {
        return Result.rejected(RejectReason.BAD_CREDENTIAL);
      }
      graceOnly.put(gatewayId, fingerprint);
      return Result.ok(gateway);
    }
    verified.remember(gatewayId, fingerprint);
    return Result.ok(gateway);
  }

  /** Gateways last accepted with a previous credential (not to be pinned); short-lived, bounded. */
  private final com.github.benmanes.caffeine.cache.Cache<String, ByteBuffer> graceOnly =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
          .expireAfterWrite(java.time.Duration.ofMinutes(1)).build();

  /**
   * Whether {@code credential} is one this hub verified for the gateway recently (or for its open
   * session). No I/O, no PBKDF2: a SHA-256 and a map lookup, fit for an event loop. The gateway
   * may still have been revoked since; {@link #authenticate} checks that.
   */
  public boolean recentlyVerified(String gatewayId, String credential) {
    return verified.matches(gatewayId, fingerprint(gatewayId, credential));
  }

  /**
   * A session opened with this credential: it stays remembered while the session is open (and
   * {@code auth-cache-ttl} after the last one closed), so the gateway's reconnects take the
   * fast path however long the session lasted.
   */
  public void sessionOpened(String gatewayId, String credential) {
    ByteBuffer fingerprint = fingerprint(gatewayId, credential);
    if (fingerprint.equals(graceOnly.getIfPresent(gatewayId))) {
      graceOnly.invalidate(gatewayId);
      return;
    }
    verified.pin(gatewayId, fingerprint);
  }

  /** The session {@link #sessionOpened} announced has ended. */
  public void sessionClosed(String gatewayId) {
    verified.unpin(gatewayId);
  }

  /**
   * For a gateway identified by a verified TLS client certificate whose CN is its id: only
   * registration and revocation are checked.
   */
  public Result byCertificate(String gatewayId) {
    Optional<Gateway> found = gateways.find(gatewayId);
    if (found.isEmpty()) {
      return Result.rejected(RejectReason.UNKNOWN_GATEWAY);
    }
    return found.get().revoked() ? Result.rejected(RejectReason.REVOKED) : Result.ok(found.get());
  }

  public CredentialHasher hasher() {
    return hasher;
  }

  public void forget(String gatewayId) {
    verified.forget(gatewayId);
  }

  private static ByteBuffer fingerprint(String gatewayId, String credential) {
    return ByteBuffer.wrap(CredentialHasher.fingerprint(gatewayId, credential));
  }
}
