package org.gridguard.hub.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.gridguard.hub.web.RequestBodyLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.security.*}: sign-in, tokens, the first admin, request limits.
 *
 * @param tokenTtl lifetime of a REST bearer token
 * @param maxTokensPerUser live tokens a user may hold; issuing one more revokes the oldest
 * @param signInMaxFailures failed sign-ins allowed per user and per address within the window
 * @param signInWindow the sliding window of those failures
 * @param trackedKeys users/addresses whose failures are remembered (bounded, per instance)
 * @param bootstrapAdminPassword password of the first admin, used only when the user table is
 *     empty; empty = generate one and write it to {@code bootstrapPasswordFile}
 * @param bootstrapPasswordFile where a generated first-admin password is written (mode 0600)
 * @param metricsPublic whether {@code /actuator/prometheus} and {@code /actuator/metrics} answer
 *     without a token (only for a management port on a private network)
 * @param maxRequestBody largest request body (413 beyond), except imports
 * @param maxImportBody largest body of an import ({@code /api/v1/&#42;&#42;/import})
 */
@Validated
@ConfigurationProperties("gridguard.security")
public record SecurityProperties(
    @DefaultValue("8h") @NotNull Duration tokenTtl,
    @DefaultValue("20") @Min(1) @Max(1000) int maxTokensPerUser,
    @DefaultValue("5") @Min(1) @Max(1000) int signInMaxFailures,
    @DefaultValue("5m") @NotNull Duration signInWindow,
    @DefaultValue("100000") @Min(100) int trackedKeys,
    @DefaultValue("") String bootstrapAdminPassword,
    @DefaultValue("./var/bootstrap-admin-password") @NotNull Path bootstrapPasswordFile,
    @DefaultValue("false") boolean metricsPublic,
    @DefaultValue("1MB") @NotNull DataSize maxRequestBody,
    @DefaultValue("64MB") @NotNull DataSize maxImportBody) implements RequestBodyLimits {

  public SecurityProperties {
    if (tokenTtl.isNegative() || tokenTtl.isZero() || tokenTtl.compareTo(Duration.ofDays(30)) > 0) {
      throw new IllegalArgumentException(
          "gridguard.security.token-ttl must be between 1s and 30d, was " + tokenTtl);
    }
    if (signInWindow.isNegative() || signInWindow.isZero()) {
      throw new IllegalArgumentException("gridguard.security.sign-in-window must be positive");
    }
  }
}
