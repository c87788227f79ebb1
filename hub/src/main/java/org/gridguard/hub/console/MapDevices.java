package org.gridguard.hub.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridguard.hub.device.DeviceConsole;
import org.gridguard.hub.device.DeviceView;
import org.gridguard.hub.gateway.GatewayConsole;
import org.gridguard.hub.gateway.GatewayDetails;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.stereotype.Component;

/**
 * The registered devices with a place, for the map, each with its derived health. Read through
 * the device registry's own scoped reads (gateways, their devices, the health list: the
 * caller's grid scope is in each one's SQL), so the map never shows a device the caller could
 * not open. Bounded: at most {@link #MAX_DEVICES} markers from at most {@link #MAX_GATEWAYS}
 * gateways; a cut map is counted ({@code gridguard_console_map_devices_cut_total}) and flagged.
 */
@Component
class MapDevices {
  static final int MAX_DEVICES = 2_000;
  static final int MAX_GATEWAYS = 500;
  private static final int PAGE = 500;

  /** A device marker; {@code health} is ONLINE, DEGRADED, OFFLINE or UNKNOWN (not derived yet). */
  record Marker(long id, String deviceId, String name, String kind, String gatewayId,
      String gridCode, double lat, double lon, String health) {}

  /** The markers, and whether the limits cut the list. */
  record Markers(List<Marker> items, boolean cut) {}

  private final GatewayConsole gateways;
  private final DeviceConsole devices;
  private final Counter cut;

  MapDevices(GatewayConsole gateways, DeviceConsole devices, MeterRegistry registry) {
    this.gateways = gateways;
    this.devices = devices;
    this.cut = Counter.builder("gridguard_console_map_devices_cut")
        .description("Map device lists cut at the marker or gateway limit").register(registry);
  }

  Markers of(HubPrincipal caller) {
    List<DeviceView> placed = new ArrayList<>();
    boolean limited = false;
    int gatewaysSeen = 0;
    String afterGateway = "";
    outer:
    while (true) {
      List<GatewayDetails> page = gateways.list(caller, null, afterGateway, PAGE);
      for (GatewayDetails g : page) {
        if (++gatewaysSeen > MAX_GATEWAYS) {
          limited = true;
          break outer;
        }
        String afterDevice = "";
        while (true) {
          List<DeviceView> batch = devices.devices(caller, g.id(), afterDevice, PAGE);
          for (DeviceView d : batch) {
            if (d.lat() != null && d.lon() != null) {
              if (placed.size() >= MAX_DEVICES) {
                limited = true;
                break outer;
              }
              placed.add(d);
            }
          }
          if (batch.size() < PAGE) {
            break;
          }
          afterDevice = batch.get(batch.size() - 1).deviceId();
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      afterGateway = page.get(page.size() - 1).id();
    }
    if (limited) {
      cut.increment();
    }
    Map<Long, String> health = health(caller);
    List<Marker> out = new ArrayList<>(placed.size());
    for (DeviceView d : placed) {
      out.add(new Marker(d.id(), d.deviceId(), d.name(), d.kind().name(), d.gatewayId(),
          d.gridCode(), d.lat(), d.lon(), health.getOrDefault(d.id(), "UNKNOWN")));
    }
    return new Markers(out, limited);
  }

  /** Registry id → health state of the caller's devices (the health list, scoped in its SQL). */
  private Map<Long, String> health(HubPrincipal caller) {
    Map<Long, String> states = new HashMap<>();
    String after = "";
    for (int pages = 0; pages < MAX_DEVICES / PAGE + 1; pages++) {
      List<DeviceConsole.HealthRow> rows = devices.healthList(caller, null, "device", null, after, PAGE);
      for (DeviceConsole.HealthRow r : rows) {
        if (r.id() != null && r.state() != null) {
          states.put(r.id(), r.state().name());
        }
      }
      if (rows.size() < PAGE) {
        break;
      }
      DeviceConsole.HealthRow last = rows.get(rows.size() - 1);
      after = last.gatewayId() + "/" + last.deviceId();
    }
    return states;
  }
}
