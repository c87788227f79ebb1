package org.gridguard.edge.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link SimLoad} generates: {@code devices} simulated devices of {@code kinds} (device
 * {@code i} of kind {@code kinds[i mod kinds]}, in village {@code i mod villages}), with ids
 * {@code <idPrefix>-<kind prefix>-<tag><i, 4 digits>} (e.g. {@code SC-SM-B0007}, see
 * {@link #deviceId}), and {@code count} units at {@code ratePerSecond}:
 * <ul>
 *   <li>{@link Mode#ALARMS}: one alarm per unit, device after device, each cleared again after
 *   {@code clearAfter} (smoke, manhole; the clears are extra messages, not counted in the rate);
 *   the alarms still open at the end are cleared at once;</li>
 *   <li>{@link Mode#TELEMETRY}: one periodic message per unit (readings, statuses, swipes: what
 *   the devices send on a normal day, no anomalies).</li>
 * </ul>
 * A rate of 0 publishes as fast as the sink takes the messages.
 *
 * @param kinds device kinds as written in {@code village-sim.yml} ({@code smoke},
 *     {@code water_level}, ...)
 */
public record LoadSpec(Mode mode, List<String> kinds, int devices, int villages,
    double ratePerSecond, long count, String idPrefix, String tag, Duration clearAfter,
    long seed) {
  /** At most this many simulated devices (as {@code village-sim.yml}). */
  public static final int MAX_DEVICES = 10_000;
  /** At most this many units per second. */
  public static final double MAX_RATE = 100_000;

  /** Alarms or everyday traffic. */
  public enum Mode {
    ALARMS, TELEMETRY;

    static Mode fromName(String name) {
      for (Mode m : values()) {
        if (m.name().toLowerCase(Locale.ROOT).equals(name)) {
          return m;
        }
      }
      throw new IllegalArgumentException("mode must be alarms or telemetry, was '" + name + "'");
    }
  }

  public LoadSpec {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(clearAfter, "clearAfter");
    kinds = List.copyOf(kinds);
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("kinds: at least one device kind is needed, one of "
          + DeviceKind.configNames());
    }
    for (String k : kinds) {
      if (!DeviceKind.configNames().contains(k)) {
        throw new IllegalArgumentException("kinds: unknown device kind '" + k + "', use one of "
            + DeviceKind.configNames());
      }
      if (mode == Mode.ALARMS && alarmOf(DeviceKind.fromConfig(k)) == null) {
        throw new IllegalArgumentException("kinds: " + k + " raises no alarm of its own; for "
            + "alarms use " + alarmKinds());
      }
    }
    if (devices < 1 || devices > MAX_DEVICES) {
      throw new IllegalArgumentException("devices must be 1.." + MAX_DEVICES + ", was " + devices);
    }
    if (villages < 1 || villages > devices) {
      throw new IllegalArgumentException("villages must be 1..devices (" + devices + "), was "
          + villages);
    }
    if (!(ratePerSecond >= 0 && ratePerSecond <= MAX_RATE)) {
      throw new IllegalArgumentException("rate must be 0.." + (long) MAX_RATE + " per second "
          + "(0: as fast as the broker takes them), was " + ratePerSecond);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    checkIdPart("id-prefix", idPrefix);
    checkIdPart("tag", tag);
    if (clearAfter.isNegative()) {
      throw new IllegalArgumentException("clear-after must not be negative, was " + clearAfter);
    }
    // every id must be a valid device id; checking the widest one checks them all
    new SimDevice(deviceId(idPrefix, DeviceKind.fromConfig(kinds.get(0)), tag, devices - 1),
        DeviceKind.fromConfig(kinds.get(0)), "v", 1, 0, 0, 1);
  }

  private static void checkIdPart(String what, String value) {
    Objects.requireNonNull(value, what);
    if (!value.matches("[A-Za-z0-9_-]{0,20}")) {
      throw new IllegalArgumentException(what + " must be letters, digits, '-' or '_', at most 20 "
          + "(it becomes part of device ids and MQTT topics), was '" + value + "'");
    }
  }

  /** Smoke alarms of {@code devices} smoke sensors in {@code villages}, cleared after 2 s. */
  public static LoadSpec smokeAlarms(int devices, int villages, double rate, long count,
      String tag) {
    return new LoadSpec(Mode.ALARMS, List.of("smoke"), devices, villages, rate, count, "SC", tag,
        Duration.ofSeconds(2), 1);
  }

  /** The id of device {@code i}. */
  static String deviceId(String idPrefix, DeviceKind kind, String tag, int i) {
    return String.format(Locale.ROOT, "%s-%s-%s%04d", idPrefix, kind.idPrefix(), tag, i);
  }

  /** The anomaly a kind raises as its alarm in {@link Mode#ALARMS}; null: none. */
  static Anomaly alarmOf(DeviceKind kind) {
    return switch (kind) {
      case SMOKE -> Anomaly.SMOKE;
      case EMERGENCY_BUTTON -> Anomaly.EMERGENCY_BUTTON;
      case ACCESS_CONTROLLER -> Anomaly.FORCED_DOOR;
      case MANHOLE_COVER -> Anomaly.MANHOLE_OPEN;
      default -> null;
    };
  }

  private static List<String> alarmKinds() {
    List<String> out = new ArrayList<>();
    for (DeviceKind k : DeviceKind.values()) {
      if (alarmOf(k) != null) {
        out.add(k.configName());
      }
    }
    return out;
  }

  /** The simulated devices, in index order. */
  List<SimDevice> simDevices() {
    List<SimDevice> out = new ArrayList<>(devices);
    for (int i = 0; i < devices; i++) {
      DeviceKind kind = DeviceKind.fromConfig(kinds.get(i % kinds.size()));
      String village = String.format(Locale.ROOT, "village-%03d", i % villages);
      out.add(new SimDevice(deviceId(idPrefix, kind, tag, i), kind, village, 2, 120, 400, 1200));
    }
    return out;
  }

  /** The device ids, in index order (device {@code i} is in village {@code i mod villages}). */
  public List<String> deviceIds() {
    return simDevices().stream().map(SimDevice::id).toList();
  }
}
