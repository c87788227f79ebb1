package org.gridguard.hub.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.gridguard.hub.device.DeviceConsole;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.stereotype.Component;

/**
 * The registered devices with a place, for the map, each with its derived health: one scoped
 * read of the device registry ({@link DeviceConsole#placed}, the caller's grid scope in its
 * SQL), so the map never shows a device the caller could not open. Bounded: at most
 * {@link #MAX_DEVICES} markers; a cut map is counted ({@code gridguard_console_map_devices_cut_total})
 * and flagged.
 */
@Component
class MapDevices {
  static final int MAX_DEVICES = 2_000;

  /** A device marker; {@code health} is ONLINE, DEGRADED, OFFLINE or UNKNOWN (not derived yet). */
  record Marker(long id, String deviceId, String name, String kind, String gatewayId,
      String gridCode, double lat, double lon, String health) {}

  /** The markers, and whether the limit cut the list. */
  record Markers(List<Marker> items, boolean cut) {}

  private final DeviceConsole devices;
  private final Counter cut;

  MapDevices(DeviceConsole devices, MeterRegistry registry) {
    this.devices = devices;
    this.cut = Counter.builder("gridguard_console_map_devices_cut")
        .description("Map device lists cut at the marker limit").register(registry);
  }

  Markers of(HubPrincipal caller) {
    DeviceConsole.PlacedList placed = devices.placed(caller, MAX_DEVICES);
    if (placed.cut()) {
      cut.increment();
    }
    List<Marker> out = placed.items().stream().map(d -> new Marker(d.id(), d.deviceId(),
        d.name(), d.kind().name(), d.gatewayId(), d.gridCode(), d.lat(), d.lon(),
        d.health() == null ? "UNKNOWN" : d.health().name())).toList();
    return new Markers(out, placed.cut());
  }
}
