package org.gridguard.edge.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated villages, one tick (one second of real time) at a time: the messages every
 * device sends in that second. Deterministic: the same config, seed, start time of day and
 * tick sequence give the same messages (only payload timestamps follow {@code wallMs}). Not
 * thread-safe: one thread ticks it.
 */
final class VillageModel {
  private static final int BURST = 6;
  private static final String UNKNOWN_CARD = "0099999999";

  private final SimConfig config;
  private final SimClock clock;
  private final SplittableRandom random;
  private final Map<String, DeviceState> states = new LinkedHashMap<>();
  private final int reportTicks;
  private final int heartbeatTicks;

  VillageModel(SimConfig config, SimClock clock) {
    this.config = config;
    this.clock = clock;
    this.random = new SplittableRandom(config.seed());
    this.reportTicks = (int) Math.max(1, config.telemetryInterval().toSeconds());
    this.heartbeatTicks = Math.max(60, reportTicks);
    int i = 0;
    for (SimDevice d : config.devices()) {
      DeviceState s = new DeviceState(d, i++ % heartbeatTicks, 60 + random.nextInt(40));
      if (d.kind() == DeviceKind.ACCESS_CONTROLLER) {
        s.seq = 1000 + random.nextInt(9000);
        s.cards = new String[40];
        for (int c = 0; c < s.cards.length; c++) {
          s.cards[c] = "00" + (10_000_000 + random.nextInt(89_999_999));
        }
      }
      states.put(d.id(), s);
    }
  }

  SimClock clock() {
    return clock;
  }

  /** The messages of tick {@code tick} (seconds since start), stamped with {@code wallMs}. */
  List<SimMessage> tick(long tick, long wallMs) {
    List<SimMessage> out = new ArrayList<>();
    int hour = clock.hour(tick * 1000);
    for (SimConfig.Scripted s : config.script()) {
      if (due(s, tick)) {
        trigger(states.get(s.device()), s.anomaly(), s.door(), tick, wallMs, out);
      }
    }
    for (DeviceState s : states.values()) {
      randomAnomalies(s, tick, wallMs, out);
      endOfAnomaly(s, tick, wallMs, out);
      periodic(s, tick, wallMs, hour, out);
      if (s.device.kind() == DeviceKind.ACCESS_CONTROLLER) {
        swipes(s, wallMs, hour, out);
      }
    }
    return out;
  }

  /**
   * Starts {@code anomaly} at {@code deviceId} now, as the script would (door 1): its messages.
   * A lasting anomaly already under way sends nothing; {@link #end} it first.
   */
  List<SimMessage> start(String deviceId, Anomaly anomaly, long tick, long wallMs) {
    DeviceState s = state(deviceId);
    if (!s.device.kind().canHave(anomaly)) {
      throw new IllegalArgumentException(deviceId + " (" + s.device.kind().configName()
          + ") cannot have " + anomaly.configName());
    }
    List<SimMessage> out = new ArrayList<>();
    trigger(s, anomaly, 1, tick, wallMs, out);
    return out;
  }

  /**
   * Ends the lasting anomaly of {@code deviceId} now (smoke cleared, cover restored) instead of
   * after its configured duration: its messages, none if nothing was under way.
   */
  List<SimMessage> end(String deviceId, long tick, long wallMs) {
    DeviceState s = state(deviceId);
    List<SimMessage> out = new ArrayList<>();
    if (s.anomalyEndsAt >= 0) {
      s.anomalyEndsAt = tick;
      endOfAnomaly(s, tick, wallMs, out);
    }
    return out;
  }

  private DeviceState state(String deviceId) {
    DeviceState s = states.get(deviceId);
    if (s == null) {
      throw new IllegalArgumentException("no simulated device '" + deviceId + "'");
    }
    return s;
  }

  private static boolean due(SimConfig.Scripted s, long tick) {
    long at = s.at().toSeconds();
    long every = s.every().toSeconds();
    return tick == at || (every > 0 && tick > at && (tick - at) % every == 0);
  }

  private void randomAnomalies(DeviceState s, long tick, long wallMs, List<SimMessage> out) {
    for (Anomaly a : Anomaly.values()) {
      double perHour = config.rates().perHour(a);
      if (perHour > 0 && s.device.kind().canHave(a) && random.nextDouble() < perHour / 3600) {
        int door = 1 + random.nextInt(s.device.doors());
        trigger(s, a, door, tick, wallMs, out);
      }
    }
  }

  private void trigger(DeviceState s, Anomaly a, int door, long tick, long wallMs,
      List<SimMessage> out) {
    SimDevice d = s.device;
    switch (a) {
      case FORCED_DOOR -> out.add(Payloads.acmeEvent(d, wallMs, door, Payloads.FORCED, "none",
          null, ++s.seq, a));
      case DENIED_BURST -> {
        for (int i = 0; i < BURST; i++) {
          out.add(Payloads.acmeEvent(d, wallMs, door, Payloads.CARD_DENIED, "card", UNKNOWN_CARD,
              ++s.seq, a));
        }
      }
      case SMOKE -> {
        if (!s.inAnomaly(tick)) {
          s.anomalyStartedAt = tick;
          s.anomalyEndsAt = tick + config.rates().smokeClearAfter().toSeconds();
          out.add(Payloads.senscity(d, wallMs, Payloads.data().put("smoke", 12 + random.nextInt(20))
              .put("battery", s.battery), Payloads.ALARM, a));
        }
      }
      case RISING_WATER -> {
        if (!s.inAnomaly(tick)) {
          s.anomalyStartedAt = tick;
          s.anomalyEndsAt = tick + config.rates().risingWaterDuration().toSeconds();
          out.add(water(s, tick, wallMs, a));
        }
      }
      case EMERGENCY_BUTTON -> out.add(Payloads.senscity(d, wallMs,
          Payloads.data().put("battery", s.battery), Payloads.ALARM, a));
      case MANHOLE_OPEN -> {
        if (!s.inAnomaly(tick)) {
          s.anomalyStartedAt = tick;
          s.anomalyEndsAt = tick + config.rates().manholeRestoreAfter().toSeconds();
          out.add(Payloads.senscity(d, wallMs, Payloads.data().put("tilt_deg", 30 + random.nextInt(40))
              .put("open", true).put("battery", s.battery), Payloads.ALARM, a));
        }
      }
      case LOW_BATTERY -> {
        if (!s.lowBattery) {
          s.lowBattery = true;
          s.battery = 5 + random.nextInt(10);
          out.add(d.kind() == DeviceKind.ACCESS_CONTROLLER
              ? Payloads.acmeStatus(d, wallMs, 0, false, s.battery, a)
              : Payloads.senscity(d, wallMs, Payloads.data().put("battery", s.battery),
                  Payloads.LOW_BATTERY, a));
        }
      }
      default -> throw new IllegalStateException(a.name());
    }
  }

  private void endOfAnomaly(DeviceState s, long tick, long wallMs, List<SimMessage> out) {
    if (s.anomalyEndsAt != tick) {
      return;
    }
    s.anomalyEndsAt = -1;
    SimDevice d = s.device;
    switch (d.kind()) {
      case SMOKE -> out.add(Payloads.senscity(d, wallMs,
          Payloads.data().put("smoke", 0).put("battery", s.battery), Payloads.CLEARED, null));
      case MANHOLE_COVER -> out.add(Payloads.senscity(d, wallMs, Payloads.data()
          .put("tilt_deg", 0).put("open", false).put("battery", s.battery), Payloads.CLEARED, null));
      default -> { } // water falls back in its periodic readings
    }
  }

  private void periodic(DeviceState s, long tick, long wallMs, int hour, List<SimMessage> out) {
    SimDevice d = s.device;
    boolean report = (tick + s.phase) % reportTicks == 0;
    boolean heartbeat = (tick + s.phase) % heartbeatTicks == 0;
    switch (d.kind()) {
      case ACCESS_CONTROLLER -> {
        if (heartbeat) {
          out.add(Payloads.acmeStatus(d, wallMs, 0, false, s.battery, null));
        }
      }
      case WATER_LEVEL -> {
        if (report) {
          out.add(water(s, tick, wallMs, null));
        }
      }
      case TEMP_HUMIDITY -> {
        if (report) {
          // 0.1 Cel: coolest before dawn, warmest mid-afternoon
          double temp = 180 + 50 * Math.sin((hour - 9) / 24.0 * 2 * Math.PI) + random.nextInt(15);
          out.add(Payloads.senscity(d, wallMs, Payloads.data().put("temp", Math.round(temp))
              .put("hum", 50 + random.nextInt(20)).put("battery", s.battery), 0, null));
        }
      }
      case SMOKE -> {
        if (report) {
          int smoke = s.inAnomaly(tick) ? 12 + random.nextInt(20) : 0;
          out.add(Payloads.senscity(d, wallMs, Payloads.data().put("smoke", smoke)
              .put("battery", s.battery), 0, null));
        }
      }
      case GAS -> {
        if (report) {
          out.add(Payloads.senscity(d, wallMs, Payloads.data().put("gas_lel", random.nextInt(3))
              .put("battery", s.battery), 0, null));
        }
      }
      case EBIKE_SOCKET -> {
        if (report) {
          if (tick % 600 == s.phase % 600) { // someone plugs in (mostly at night) or unplugs
            s.charging = random.nextDouble() < (config.day().isNight(hour) ? 0.7 : 0.2);
          }
          int ma = s.charging ? 1800 + random.nextInt(700) : random.nextInt(50);
          out.add(Payloads.senscity(d, wallMs, Payloads.data().put("current_ma", ma)
              .put("battery", s.battery), 0, null));
        }
      }
      case EMERGENCY_BUTTON -> {
        if (heartbeat) {
          out.add(Payloads.senscity(d, wallMs, Payloads.data().put("battery", s.battery), 0, null));
        }
      }
      case MANHOLE_COVER -> {
        if (heartbeat) {
          boolean open = s.inAnomaly(tick);
          out.add(Payloads.senscity(d, wallMs, Payloads.data()
              .put("tilt_deg", open ? 35 : random.nextInt(3)).put("open", open)
              .put("battery", s.battery), 0, null));
        }
      }
      case GATEWAY_PROBE -> {
        if (report) {
          out.add(Payloads.canonical(d, "gateway_probe", wallMs, "cpu_temp",
              40 + random.nextInt(100) / 10.0, "Cel"));
        }
      }
      default -> throw new IllegalStateException(d.kind().name());
    }
  }

  /** Level of a gauge: its base with noise, or a rise to its peak and back during RISING_WATER. */
  private SimMessage water(DeviceState s, long tick, long wallMs, Anomaly anomaly) {
    SimDevice d = s.device;
    int level = d.baseLevelMm() + random.nextInt(60);
    if (s.inAnomaly(tick)) {
      long total = s.anomalyEndsAt - s.anomalyStartedAt;
      long in = tick - s.anomalyStartedAt;
      long ramp = Math.max(1, total / 5); // up in the first fifth, down in the last
      double f = Math.min(1.0, Math.min((in + 1) / (double) ramp, (total - in) / (double) ramp));
      level = (int) (d.baseLevelMm() + f * (d.peakLevelMm() - d.baseLevelMm())) + random.nextInt(60);
    }
    return Payloads.senscity(d, wallMs, Payloads.data().put("level_mm", level)
        .put("battery", s.battery), 0, anomaly);
  }

  private void swipes(DeviceState s, long wallMs, int hour, List<SimMessage> out) {
    double lambda = s.device.swipesPerHour() * config.day().activity().get(hour) / 3600;
    int n = poisson(lambda);
    for (int i = 0; i < n; i++) {
      int door = 1 + random.nextInt(s.device.doors());
      double method = random.nextDouble();
      boolean denied = random.nextInt(12) == 0;
      String card = s.cards[random.nextInt(s.cards.length)];
      if (method < 0.6) {
        out.add(Payloads.acmeEvent(s.device, wallMs, door,
            denied ? Payloads.CARD_DENIED : Payloads.CARD_GRANTED, "card", card, ++s.seq, null));
      } else if (method < 0.8) {
        out.add(Payloads.acmeEvent(s.device, wallMs, door,
            denied ? Payloads.FACE_DENIED : Payloads.FACE_GRANTED, "face", null, ++s.seq, null));
      } else if (method < 0.9) {
        out.add(Payloads.acmeEvent(s.device, wallMs, door,
            denied ? Payloads.QR_DENIED : Payloads.QR_GRANTED, "qr", null, ++s.seq, null));
      } else {
        out.add(Payloads.acmeEvent(s.device, wallMs, door, Payloads.EXIT_BUTTON, "button", null,
            ++s.seq, null));
      }
    }
  }

  private int poisson(double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    double limit = Math.exp(-Math.min(lambda, 30));
    double p = random.nextDouble();
    int k = 0;
    while (p > limit && k < 100) {
      p *= random.nextDouble();
      k++;
    }
    return k;
  }
}
