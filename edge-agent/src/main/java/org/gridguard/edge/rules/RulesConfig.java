package org.gridguard.edge.rules;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.gridguard.edge.config.ConfigNode;

/**
 * The {@code rules:} slice: queue and tick of the rules thread, limits, and rule overrides per
 * device type ({@code device_types}) and per device ({@code devices}) on top of the built-in
 * defaults. Resolution for a device, section by section: its own entry ({@code devices}), else
 * the rules profile its mapping rule names ({@code rules: <name>}, a {@code device_types}
 * entry), else its type's entry, else built-in.
 */
public record RulesConfig(int queueCapacity, Duration tick, int maxDevices, int maxOpenAlarms,
    Map<String, DeviceRules> deviceTypes, Map<String, DeviceRules> devices) {

  public RulesConfig {
    Objects.requireNonNull(tick);
    deviceTypes = Map.copyOf(deviceTypes);
    devices = Map.copyOf(devices);
    if (queueCapacity < 1 || maxDevices < 1 || maxOpenAlarms < 1 || tick.toMillis() < 10) {
      throw new IllegalArgumentException("rules limits out of range");
    }
  }

  /** Built-in defaults only. */
  public static RulesConfig defaults() {
    return new RulesConfig(10_000, Duration.ofSeconds(1), 10_000, 10_000, Map.of(), Map.of());
  }

  public static RulesConfig from(ConfigNode node) {
    int queue = (int) node.integer("queue_capacity", 10_000, 1, 1_000_000);
    Duration tick = node.duration("tick", Duration.ofSeconds(1), Duration.ofMillis(10),
        Duration.ofMinutes(1));
    int maxDevices = (int) node.integer("max_devices", 10_000, 1, 1_000_000);
    int maxOpen = (int) node.integer("max_open_alarms", 10_000, 1, 1_000_000);
    Map<String, DeviceRules> types = new LinkedHashMap<>();
    node.children("device_types").forEach((k, v) -> types.put(k, DeviceRulesParser.parse(v)));
    Map<String, DeviceRules> devices = new LinkedHashMap<>();
    node.children("devices").forEach((k, v) -> devices.put(k, DeviceRulesParser.parse(v)));
    node.rejectUnknownKeys();
    return new RulesConfig(queue, tick, maxDevices, maxOpen, types, devices);
  }

  /**
   * Metric → unit ("" = any) of every threshold and rate a device of this type gets, its
   * per-device entries included (for {@code --check}).
   */
  public Map<String, String> watchedMetrics(String type) {
    return watchedMetrics(type, null);
  }

  /** As {@link #watchedMetrics(String)}, for devices mapped by a rule naming {@code profile}. */
  public Map<String, String> watchedMetrics(String type, String profile) {
    Map<String, String> out = new LinkedHashMap<>();
    java.util.List<DeviceRules> all = new java.util.ArrayList<>();
    all.add(rulesFor("", type, profile));
    all.addAll(devices.values());
    for (DeviceRules r : all) {
      r.thresholdsOrEmpty().forEach(t -> out.putIfAbsent(t.metric(), t.unit()));
      r.ratesOrEmpty().forEach(t -> out.putIfAbsent(t.metric(), t.unit()));
    }
    return out;
  }

  DeviceRules rulesFor(String deviceId, String type) {
    return rulesFor(deviceId, type, null);
  }

  /** @param profile a {@code device_types} entry the device's mapping rule names, or null */
  DeviceRules rulesFor(String deviceId, String type, String profile) {
    DeviceRules base = BuiltInDefaults.forType(type);
    DeviceRules typed = deviceTypes.getOrDefault(type, DeviceRules.NONE).over(base);
    if (profile != null && !profile.equals(type)) {
      typed = deviceTypes.getOrDefault(profile, DeviceRules.NONE).over(typed);
    }
    return devices.getOrDefault(deviceId, DeviceRules.NONE).over(typed);
  }
}
