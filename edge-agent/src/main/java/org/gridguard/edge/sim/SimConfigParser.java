package org.gridguard.edge.sim;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.gridguard.edge.config.YamlDocuments;

/**
 * Reads {@code village-sim.yml}. Every problem is collected with its path in the file
 * ({@code villages[0].devices[2].kind: ...}) and reported at once by
 * {@link org.gridguard.edge.config.InvalidConfigException}.
 */
final class SimConfigParser {
  private static final Duration DAY = Duration.ofHours(24);
  /** Default swipe activity per hour: quiet at night, busy 7–9 and 17–20. */
  static final List<Double> DEFAULT_ACTIVITY = List.of(
      0.02, 0.01, 0.01, 0.01, 0.02, 0.05, 0.25, 0.8, 1.0, 0.6, 0.35, 0.35,
      0.5, 0.4, 0.35, 0.35, 0.45, 0.8, 1.0, 0.9, 0.6, 0.35, 0.15, 0.05);
  private static final int MAX_DEVICES = 10_000;
  private static final int MAX_CAMERAS = 32;

  private SimConfigParser() {}

  static SimConfig load(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(YamlDocuments.parse(reader, file.toString()), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read simulator config " + file + ": " + e.getMessage(), e);
    }
  }

  static SimConfig parse(String yaml) {
    return parse(YamlDocuments.parse(yaml, "simulator config"), "simulator config");
  }

  private static SimConfig parse(Object document, String source) {
    ConfigProblems problems = new ConfigProblems();
    ConfigNode root = ConfigNode.root(document, problems);
    SimConfig.Mqtt mqtt = mqtt(root.child("mqtt"));
    long seed = root.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
    SimConfig.Day day = day(root.child("day"));
    Duration telemetry = root.duration("telemetry_interval", Duration.ofSeconds(5),
        Duration.ofSeconds(1), Duration.ofHours(1));
    Duration status = root.duration("status_interval", Duration.ofMinutes(1),
        Duration.ofSeconds(1), Duration.ofHours(1));
    List<SimDevice> devices = villages(root, problems);
    SimConfig.Rates rates = rates(root.child("anomalies"));
    List<SimConfig.Scripted> script = script(root, devices);
    SimConfig.Cameras cameras = cameras(root.child("cameras"));
    root.rejectUnknownKeys();
    SimConfig config = problems.isEmpty() ? root.build(() -> new SimConfig(mqtt, seed, day,
        telemetry, status, devices, rates, script, cameras)) : null;
    problems.throwIfAny(source);
    return config;
  }

  private static SimConfig.Mqtt mqtt(ConfigNode node) {
    String broker = node.string("broker", "tcp://127.0.0.1:1883");
    if (!broker.matches("tcp://[^/:]+:\\d{1,5}")) {
      node.problem("broker", "must look like tcp://127.0.0.1:1883, was '" + broker + "'");
    }
    String clientId = node.string("client_id", "gridguard-village-sim");
    int rate = (int) node.integer("max_messages_per_second", 200, 1, 10_000);
    node.rejectUnknownKeys();
    return new SimConfig.Mqtt(broker, clientId, rate);
  }

  private static SimConfig.Day day(ConfigNode node) {
    Duration length = node.duration("length", DAY, Duration.ofMinutes(1), Duration.ofDays(7));
    LocalTime start = null;
    String text = node.string("start", null);
    if (text != null) {
      try {
        start = LocalTime.parse(text.length() == 4 ? "0" + text : text);
      } catch (DateTimeException e) {
        node.problem("start", "must be a time of day like \"06:30\", was '" + text + "'");
      }
    }
    ZoneOffset zone = ZoneOffset.UTC;
    String zoneText = node.string("zone", "+08:00");
    try {
      zone = ZoneOffset.of(zoneText);
    } catch (DateTimeException e) {
      node.problem("zone", "must be an offset like \"+08:00\", was '" + zoneText + "'");
    }
    List<Double> activity = DEFAULT_ACTIVITY;
    Object raw = node.raw("activity");
    if (raw != null) {
      activity = activity(node, raw);
    }
    int nightFrom = (int) node.integer("night_from", 22, 0, 23);
    int nightUntil = (int) node.integer("night_until", 5, 0, 23);
    node.rejectUnknownKeys();
    List<Double> a = activity;
    LocalTime s = start;
    ZoneOffset z = zone;
    SimConfig.Day day = node.build(() -> new SimConfig.Day(length, s, z, a, nightFrom, nightUntil));
    return day != null ? day
        : new SimConfig.Day(length, s, z, DEFAULT_ACTIVITY, nightFrom, nightUntil);
  }

  private static List<Double> activity(ConfigNode node, Object raw) {
    if (!(raw instanceof List<?> list) || list.size() != 24) {
      node.problem("activity", "must be a list of 24 numbers 0..1 (hours 0 to 23)");
      return DEFAULT_ACTIVITY;
    }
    List<Double> out = new ArrayList<>(24);
    for (int h = 0; h < 24; h++) {
      if (!(list.get(h) instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
        node.problem("activity", "hour " + h + " must be a number 0..1, was " + list.get(h));
        return DEFAULT_ACTIVITY;
      }
      out.add(n.doubleValue());
    }
    return out;
  }

  private static List<SimDevice> villages(ConfigNode root, ConfigProblems problems) {
    List<SimDevice> devices = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<ConfigNode> villages = root.list("villages");
    if (villages.isEmpty()) {
      root.problem("villages", "is required: a list of villages, each with its devices");
    }
    Set<String> names = new HashSet<>();
    for (ConfigNode village : villages) {
      String name = village.string("name");
      if (!names.add(name)) {
        village.problem("name", "village '" + name + "' is listed twice");
      }
      String prefix = village.string("id_prefix", name.toUpperCase(Locale.ROOT));
      for (ConfigNode group : village.list("devices")) {
        for (SimDevice d : group(group, name, prefix)) {
          if (devices.size() >= MAX_DEVICES) {
            group.problem("count", "more than " + MAX_DEVICES + " devices in all");
            return devices;
          }
          if (!ids.add(d.id())) {
            group.problem("ids", "device id '" + d.id() + "' is used twice");
          }
          devices.add(d);
        }
      }
      village.rejectUnknownKeys();
    }
    return devices;
  }

  private static List<SimDevice> group(ConfigNode group, String village, String prefix) {
    String kindName = group.oneOf("kind", null, DeviceKind.configNames());
    List<String> ids = group.strings("ids");
    int count = (int) group.integer("count", ids.size(), 0, MAX_DEVICES);
    int doors = (int) group.integer("doors", 2, 1, 64);
    double swipes = group.number("swipes_per_hour", 120, 0, 36_000);
    int level = (int) group.integer("level_mm", 400, 0, 100_000);
    int peak = (int) group.integer("peak_mm", 1100, 1, 100_000);
    group.rejectUnknownKeys();
    if (kindName == null) {
      if (!group.has("kind")) {
        group.problem("kind", "is required, one of " + DeviceKind.configNames());
      }
      return List.of();
    }
    DeviceKind kind = DeviceKind.fromConfig(kindName);
    if (count < ids.size()) {
      group.problem("count", "is " + count + " but " + ids.size() + " ids are listed");
      return List.of();
    }
    if (count == 0) {
      group.problem("count", "give ids or a count above 0");
    }
    List<SimDevice> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String id = i < ids.size() ? ids.get(i)
          : "%s-%s-%02d".formatted(prefix, kind.idPrefix(), i + 1);
      SimDevice d = group.build(() -> new SimDevice(id, kind, village, doors, swipes, level, peak));
      if (d == null) {
        return out;
      }
      out.add(d);
    }
    return out;
  }

  private static SimConfig.Rates rates(ConfigNode node) {
    Map<Anomaly, Double> rates = new EnumMap<>(Anomaly.class);
    for (Anomaly a : Anomaly.values()) {
      rates.put(a, node.number(a.configName(), 0, 0, 3600));
    }
    Duration smoke = node.duration("smoke_clear_after", Duration.ofSeconds(30),
        Duration.ofSeconds(1), Duration.ofHours(1));
    Duration water = node.duration("rising_water_duration", Duration.ofSeconds(40),
        Duration.ofSeconds(5), Duration.ofHours(6));
    Duration manhole = node.duration("manhole_restore_after", Duration.ofMinutes(2),
        Duration.ofSeconds(1), Duration.ofHours(6));
    node.rejectUnknownKeys();
    return new SimConfig.Rates(rates, smoke, water, manhole);
  }

  private static List<SimConfig.Scripted> script(ConfigNode root, List<SimDevice> devices) {
    List<SimConfig.Scripted> out = new ArrayList<>();
    for (ConfigNode item : root.list("script")) {
      Duration at = item.duration("at", Duration.ZERO, Duration.ZERO, Duration.ofDays(7));
      Duration every = item.duration("every", Duration.ZERO, Duration.ZERO, Duration.ofDays(7));
      String name = item.oneOf("anomaly", null, Anomaly.configNames());
      String deviceId = item.string("device");
      int door = (int) item.integer("door", 1, 1, 64);
      item.rejectUnknownKeys();
      if (name == null) {
        if (!item.has("anomaly")) {
          item.problem("anomaly", "is required, one of " + Anomaly.configNames());
        }
        continue;
      }
      if (!every.isZero() && every.compareTo(Duration.ofSeconds(1)) < 0) {
        item.problem("every", "must be at least 1s (or 0 for once)");
      }
      Anomaly anomaly = Anomaly.fromConfig(name);
      SimDevice device = devices.stream().filter(d -> d.id().equals(deviceId)).findFirst()
          .orElse(null);
      if (device == null) {
        item.problem("device", "no device '" + deviceId + "' in villages");
      } else if (!device.kind().canHave(anomaly)) {
        item.problem("anomaly", device.kind().configName() + " " + deviceId + " cannot have "
            + name);
      } else if (door > device.doors() && device.kind() == DeviceKind.ACCESS_CONTROLLER) {
        item.problem("door", deviceId + " has " + device.doors() + " doors, not " + door);
      } else {
        out.add(new SimConfig.Scripted(at, every, anomaly, deviceId, door));
      }
    }
    return out;
  }

  private static SimConfig.Cameras cameras(ConfigNode node) {
    String ffmpeg = node.string("ffmpeg", "/usr/bin/ffmpeg");
    int portBase = (int) node.integer("port_base", 0, 0, 65_000);
    String size = node.string("size", "640x360");
    if (!size.matches("\\d{2,4}x\\d{2,4}")) {
      node.problem("size", "must be WIDTHxHEIGHT like 640x360, was '" + size + "'");
    }
    int fps = (int) node.integer("fps", 10, 1, 30);
    List<SimConfig.Camera> streams = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (ConfigNode c : node.list("streams")) {
      String id = c.string("id");
      if (!ids.add(id)) {
        c.problem("id", "camera '" + id + "' is listed twice");
      }
      Duration first = c.duration("tamper_first", Duration.ofMinutes(10), Duration.ZERO,
          Duration.ofDays(7));
      Duration every = c.duration("tamper_every", Duration.ZERO, Duration.ZERO, Duration.ofDays(7));
      Duration length = c.duration("tamper_duration", Duration.ofSeconds(30),
          Duration.ofSeconds(1), Duration.ofHours(1));
      boolean night = c.flag("night_motion", true);
      boolean dayMotion = c.flag("day_motion", false);
      c.rejectUnknownKeys();
      if (!every.isZero() && every.compareTo(length) <= 0) {
        c.problem("tamper_every", "must be longer than tamper_duration (" + length + ")");
      }
      streams.add(new SimConfig.Camera(id, first, every, length, night, dayMotion));
    }
    if (streams.size() > MAX_CAMERAS) {
      node.problem("streams", "at most " + MAX_CAMERAS + " cameras, has " + streams.size());
    }
    node.rejectUnknownKeys();
    return new SimConfig.Cameras(ffmpeg, portBase, size, fps, streams);
  }
}
