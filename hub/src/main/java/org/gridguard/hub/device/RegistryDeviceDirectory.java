package org.gridguard.hub.device;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@link DeviceDirectory} answered from the device registry. */
@Component
class RegistryDeviceDirectory implements DeviceDirectory {
  private final DeviceRepository devices;

  RegistryDeviceDirectory(DeviceRepository devices) {
    this.devices = devices;
  }

  @Override
  public Optional<DevicePlace> place(String gatewayId, String deviceId) {
    return devices.find(gatewayId, deviceId).map(Device::place);
  }
}
