package org.gridguard.hub.device;

import java.util.Optional;

/**
 * What the hub knows about a gateway's device, for routing alarms to the right grid and place.
 * Empty when the device is not registered: callers fall back to the gateway's grid.
 */
public interface DeviceDirectory {
  Optional<DevicePlace> place(String gatewayId, String deviceId);
}
