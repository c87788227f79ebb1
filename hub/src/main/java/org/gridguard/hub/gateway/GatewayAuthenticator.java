package org.gridguard.hub.gateway;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gridguard.protocol.v1.RejectReason;
import org.springframework.stereotype.Service;

/**
 * Checks a gateway's Hello credential. Blocking (database and PBKDF2): call it off the event
 * loop. A small bounded cache of recently verified credentials spares re-hashing on reconnect
 * storms; revocation and re-issue clear the gateway's entry.
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
  private final Map<String, ByteBuffer> verified;

  public GatewayAuthenticator(GatewayRepository gateways, GatewayProperties properties) {
    this.gateways = gateways;
    this.hasher = new CredentialHasher(properties.pbkdf2Iterations());
    int capacity = properties.authCacheSize();
    this.verified = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ByteBuffer> eldest) {
        return size() > capacity;
      }
    });
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
    ByteBuffer fingerprint = ByteBuffer.wrap(CredentialHasher.fingerprint(gatewayId, credential));
    if (fingerprint.equals(verified.get(gatewayId))) {
      return Result.ok(gateway);
    }
    if (!hasher.matches(credential, gateway.credentialHash())) {
      return Result.rejected(RejectReason.BAD_CREDENTIAL);
    }
    verified.put(gatewayId, fingerprint);
    return Result.ok(gateway);
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

  CredentialHasher hasher() {
    return hasher;
  }

  void forget(String gatewayId) {
    verified.remove(gatewayId);
  }
}
