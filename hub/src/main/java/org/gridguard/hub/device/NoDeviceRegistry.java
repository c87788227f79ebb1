package org.gridguard.hub.device;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Placeholder until the device registry lands: knows no device, so alarms are routed by their
 * gateway's grid. Replaced (deleted) by the registry's own {@link DeviceDirectory}.
 */
@Component
class NoDeviceRegistry implements DeviceDirectory {
  @Override
  public Optional<DevicePlace> place(String gatewayId, String deviceId) {
    return Optional.empty();
  }
}
