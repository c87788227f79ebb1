package org.gridguard.hub.device;

import java.util.List;
import java.util.Optional;

/**
 * The MQTT mapping presets the edge agent ships, by name (its resources
 * {@code org/gridguard/edge/mapping/presets/<name>.yml}; {@code MappingPresetsTest} fails when the
 * two lists differ). A gateway's profile chooses them by name ({@code mapping.presets}); the
 * edge owns their content.
 */
public final class MappingPresets {
  /** One preset: its name, the topics it subscribes to, and what it maps. */
  public record Preset(String name, List<String> topics, String description) {}

  public static final List<Preset> ALL = List.of(
      new Preset("gridguard-canonical",
          List.of("gridguard/<device_type>/<device_id>/telemetry",
              "gridguard/<device_type>/<device_id>/event"),
          "The documented GridGuard MQTT format for devices and bridges that can choose theirs: "
              + "readings as [{metric, value, unit}], events with kind = an EventKind name."),
      new Preset("acme-access",
          List.of("acme/access/<controller-sn>/event", "acme/access/<controller-sn>/status"),
          "\"ACME AC-400\" style multi-door access controller: card/QR/face granted and denied, "
              + "exit button, door opened/closed/forced/held open, tamper, offline; numeric "
              + "event codes, local time yyyy-MM-dd HH:mm:ss (+08:00), door number as channel."),
      new Preset("senscity-sensors",
          List.of("senscity/v1/<devEui>/up"),
          "\"SensCity\" style NB-IoT/LoRa multi-sensor platform, product in the payload: smoke, "
              + "temperature/humidity, water level (mm → m), gas (%LEL), manhole tilt, "
              + "emergency button, e-bike charging current (mA → A); alarm codes 1/2/8/9."));

  private MappingPresets() {}

  static List<String> names() {
    return ALL.stream().map(Preset::name).toList();
  }

  static Optional<Preset> find(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
