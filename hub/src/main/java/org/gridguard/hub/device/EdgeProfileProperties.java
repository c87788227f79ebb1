package org.gridguard.hub.device;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.edge-profile.*}: limits of a gateway's edge profile (mapping presets, own
 * mapping rules, device-type rules) checked at the hub before it is stored and pushed.
 *
 * @param maxYamlBytes each YAML text (mapping rules, device-type rules), UTF-8 bytes; at most
 *     1 MiB (the column's size)
 * @param maxRules own mapping rules of one gateway
 * @param maxDeviceTypes device types in the device-type rules of one gateway
 * @param maxProblems problems listed in one refusal (the rest are counted)
 */
@Validated
@ConfigurationProperties("gridguard.edge-profile")
public record EdgeProfileProperties(
    @DefaultValue("65536") @Min(1024) @Max(1048576) int maxYamlBytes,
    @DefaultValue("200") @Min(1) @Max(10000) int maxRules,
    @DefaultValue("100") @Min(1) @Max(10000) int maxDeviceTypes,
    @DefaultValue("100") @Min(1) @Max(10000) int maxProblems) {

  public EdgeProfileProperties {
    if (maxYamlBytes < 1024 || maxYamlBytes > 1 << 20) {
      throw new IllegalArgumentException("gridguard.edge-profile.max-yaml-bytes must be within "
          + "[1024, 1048576], was " + maxYamlBytes);
    }
  }
}
