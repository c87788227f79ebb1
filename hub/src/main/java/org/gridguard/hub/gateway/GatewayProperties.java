package org.gridguard.hub.gateway;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
 */
@Validated
@ConfigurationProperties("gridguard.gateway")
public record GatewayProperties(
    @DefaultValue("210000") @Min(1000) @Max(10_000_000) int pbkdf2Iterations,
    @DefaultValue("10000") @Min(0) @Max(1_000_000) int authCacheSize) {}
