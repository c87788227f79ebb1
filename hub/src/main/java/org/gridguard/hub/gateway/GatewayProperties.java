package org.gridguard.hub.gateway;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.gateway.*}: credential hashing.
 *
 * @param pbkdf2Iterations PBKDF2-HMAC-SHA256 iterations for newly issued credentials (existing
 *     hashes keep the count they were made with)
 * @param authCacheSize how many recently verified (gateway, credential) pairs skip re-hashing;
 *     0 disables the cache
 * @param authCacheTtl how long after its verification (or after its gateway's last session
 *     ended) such a pair is remembered; while the gateway's session is open it is kept
 */
@Validated
@ConfigurationProperties("gridguard.gateway")
public record GatewayProperties(
    @DefaultValue("210000") @Min(1000) @Max(10_000_000) int pbkdf2Iterations,
    @DefaultValue("10000") @Min(0) @Max(1_000_000) int authCacheSize,
    @DefaultValue("10m") @NotNull Duration authCacheTtl) {
  public GatewayProperties {
    if (authCacheTtl != null && (authCacheTtl.isNegative() || authCacheTtl.isZero())) {
      throw new IllegalArgumentException("gridguard.gateway.auth-cache-ttl must be positive, was "
          + authCacheTtl);
    }
  }
}
