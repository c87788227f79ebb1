package org.gridguard.hub.device;

import java.util.Objects;

/**
 * Where a registered device is: its GRID node and, when surveyed, its WGS-84 position.
 *
 * @param gridCode the device's registered GRID node (15 digits)
 * @param lat latitude or null (given together with {@code lon})
 * @param lon longitude or null
 * @param name the device's display name, or null
 */
public record DevicePlace(String gridCode, Double lat, Double lon, String name) {
  public DevicePlace {
    Objects.requireNonNull(gridCode, "gridCode");
  }
}
