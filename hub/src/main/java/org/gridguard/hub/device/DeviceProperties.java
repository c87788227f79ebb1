package org.gridguard.hub.device;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.device.*}: the device registry, enrolment and device health.
 *
 * @param secretKey AES-256 key (base64 of 32 bytes) encrypting camera stream URLs and credentials
 *     at rest; empty = read {@code secretKeyFile}, generating it (mode 0600) when absent. Several
 *     hub instances must share one key (set it, or share the file).
 * @param secretKeyFile where the generated key is kept (beside the embedded database by default)
 * @param enrolmentTtl how long a one-time enrolment code stays valid
 * @param enrolMaxFailures failed code exchanges allowed per client address within the window
 * @param enrolWindow the sliding window of those failures
 * @param maxDevicesPerGateway devices one gateway may have
 * @param maxImportRows rows one CSV import may have
 * @param importMaxProblems problems listed in an import report (all are counted)
 */
@Validated
@ConfigurationProperties("gridguard.device")
public record DeviceProperties(
    @DefaultValue("") String secretKey,
    @DefaultValue("./var/device-secret-key") @NotNull Path secretKeyFile,
    @DefaultValue("24h") @NotNull Duration enrolmentTtl,
    @DefaultValue("10") @Min(1) @Max(1000) int enrolMaxFailures,
    @DefaultValue("10m") @NotNull Duration enrolWindow,
    @DefaultValue("1000") @Min(1) @Max(100000) int maxDevicesPerGateway,
    @DefaultValue("10000") @Min(1) @Max(1000000) int maxImportRows,
    @DefaultValue("100") @Min(1) @Max(10000) int importMaxProblems) {

  public DeviceProperties {
    if (enrolmentTtl.isNegative() || enrolmentTtl.isZero()
        || enrolmentTtl.compareTo(Duration.ofDays(30)) > 0) {
      throw new IllegalArgumentException(
          "gridguard.device.enrolment-ttl must be between 1s and 30d, was " + enrolmentTtl);
    }
    if (enrolWindow.isNegative() || enrolWindow.isZero()) {
      throw new IllegalArgumentException("gridguard.device.enrol-window must be positive");
    }
  }
}
