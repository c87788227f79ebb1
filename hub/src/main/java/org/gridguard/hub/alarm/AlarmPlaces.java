package org.gridguard.hub.alarm;

import java.util.Optional;
import org.gridguard.hub.device.DeviceDirectory;
import org.gridguard.hub.device.DevicePlace;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.springframework.stereotype.Component;

/**
 * Where an alarm is: the registered device's grid and position if the device registry knows
 * it, else the gateway's grid (looked up once per batch).
 */
@Component
class AlarmPlaces {
  /**
   * @param gridCode the grid (empty when the gateway is not registered: such alarms are kept
   *     but no scoped user sees them and they make no incident)
   */
  record Place(String gridCode, Double lat, Double lon) {}

  private final DeviceDirectory devices;
  private final GatewayRepository gateways;

  AlarmPlaces(DeviceDirectory devices, GatewayRepository gateways) {
    this.devices = devices;
    this.gateways = gateways;
  }

  Place of(AlarmBatch b, String deviceId) {
    if (!deviceId.isEmpty()) {
      Optional<DevicePlace> place = devices.place(b.gatewayId, deviceId);
      if (place.isPresent()) {
        DevicePlace p = place.get();
        return new Place(p.gridCode(), p.lat(), p.lon());
      }
    }
    if (b.gatewayGrid == null) {
      b.gatewayGrid = gateways.find(b.gatewayId).map(Gateway::gridCode).orElse("");
    }
    return new Place(b.gatewayGrid, null, null);
  }
}
