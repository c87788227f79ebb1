package org.gridguard.edge.sim;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole simulator configuration ({@code deploy/sim/village-sim.yml} documents every key),
 * parsed and checked by {@link SimConfigParser}.
 */
record SimConfig(Mqtt mqtt, long seed, Day day, Duration telemetryInterval,
    Duration statusInterval, List<SimDevice> devices, Rates rates, List<Scripted> script,
    Cameras cameras) {

  SimConfig {
    Objects.requireNonNull(mqtt);
    Objects.requireNonNull(day);
    Objects.requireNonNull(rates);
    Objects.requireNonNull(cameras);
    devices = List.copyOf(devices);
    script = List.copyOf(script);
    if (devices.isEmpty() && cameras.streams().isEmpty()) {
      throw new IllegalArgumentException("no devices and no cameras: nothing to simulate");
    }
  }

  SimDevice device(String id) {
    return devices.stream().filter(d -> d.id().equals(id)).findFirst().orElse(null);
  }

  /** The broker and the publish bound. */
  record Mqtt(String broker, String clientId, int maxMessagesPerSecond) {}

  /**
   * The simulated day: {@code length} of real time per simulated 24 h (24h = real time), the
   * time of day at start ({@code null}: the real time of day in {@code zone}), the relative
   * activity (swipes) per hour 0–23 and the night hours (camera motion, e-bikes charging).
   */
  record Day(Duration length, LocalTime start, ZoneOffset zone, List<Double> activity,
      int nightFrom, int nightUntil) {
    Day {
      activity = List.copyOf(activity);
      if (activity.size() != 24) {
        throw new IllegalArgumentException("activity needs 24 values (hours 0..23), has "
            + activity.size());
      }
    }

    boolean isNight(int hour) {
      return nightFrom > nightUntil ? hour >= nightFrom || hour < nightUntil
          : hour >= nightFrom && hour < nightUntil;
    }
  }

  /**
   * Seeded random anomalies: expected occurrences per device per real hour, and how long the
   * lasting ones last.
   */
  record Rates(Map<Anomaly, Double> perDeviceHour, Duration smokeClearAfter,
      Duration risingWaterDuration, Duration manholeRestoreAfter) {
    Rates {
      perDeviceHour = Map.copyOf(perDeviceHour);
    }

    double perHour(Anomaly anomaly) {
      return perDeviceHour.getOrDefault(anomaly, 0.0);
    }
  }

  /**
   * A fixed anomaly: first {@code at} after start, then every {@code every} (zero: once), at
   * one device (and door, for forced doors and denied bursts).
   */
  record Scripted(Duration at, Duration every, Anomaly anomaly, String device, int door) {}

  /** Synthetic camera streams: ffmpeg serving MJPEG over HTTP on {@code portBase + index}. */
  record Cameras(String ffmpeg, int portBase, String size, int fps, List<Camera> streams) {
    Cameras {
      streams = List.copyOf(streams);
    }
  }

  /**
   * One camera: covered (black frames) for {@code tamperDuration} first {@code tamperFirst}
   * after start then every {@code tamperEvery} (zero: never); a box moving through the picture
   * at night when {@code nightMotion}, all day when {@code dayMotion}.
   */
  record Camera(String id, Duration tamperFirst, Duration tamperEvery, Duration tamperDuration,
      boolean nightMotion, boolean dayMotion) {}
}
