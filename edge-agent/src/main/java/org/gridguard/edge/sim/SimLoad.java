package org.gridguard.edge.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The simulator as a load generator (the benchmarks' publisher): the devices of a
 * {@link LoadSpec} send its alarms or everyday traffic at a fixed rate into a {@link Sink},
 * with the payloads of {@link VillageModel} and {@link Payloads} — the vendor formats the demo
 * publishes and the shipped presets map. {@link SimLoadCommand} runs it against a broker from
 * the command line. One thread runs it; {@link #stop()} from any.
 */
public final class SimLoad {
  /** Where the messages go (an MQTT client, a list, a test's fake). */
  @FunctionalInterface
  public interface Sink {
    void publish(String topic, byte[] payload) throws Exception;
  }

  /** Told of each alarm just before it is handed to the sink (not of its clearing). */
  @FunctionalInterface
  public interface AlarmListener {
    /**
     * @param epochMicros wall clock in microseconds since the epoch
     * @param nanoTime {@link System#nanoTime()} of the same instant
     */
    void alarm(String deviceId, long epochMicros, long nanoTime);
  }

  /** What one run published. */
  public record Result(long units, long messages, long nanos) {
    /** Units (alarms or telemetry messages) per second achieved. */
    public double unitsPerSecond() {
      return nanos == 0 ? 0 : units / (nanos / 1e9);
    }
  }

  private final LoadSpec spec;
  private final VillageModel model;
  private final List<String> ids;
  private volatile boolean stop;
  /** Model ticks consumed so far (telemetry mode); the run thread's only. */
  private long tick;

  public SimLoad(LoadSpec spec) {
    this.spec = spec;
    List<SimDevice> devices = spec.simDevices();
    this.ids = devices.stream().map(SimDevice::id).toList();
    SimConfig.Day day = new SimConfig.Day(Duration.ofHours(24), LocalTime.of(9, 0),
        ZoneOffset.ofHours(8), SimConfigParser.DEFAULT_ACTIVITY, 22, 6);
    SimConfig.Rates none = new SimConfig.Rates(Map.of(), spec.clearAfter(), spec.clearAfter(),
        spec.clearAfter());
    SimConfig config = new SimConfig(new SimConfig.Mqtt("tcp://127.0.0.1:1883", "gridguard-sim-load",
        10_000), spec.seed(), day, Duration.ofSeconds(1), Duration.ofMinutes(1), devices, none,
        List.of(), new SimConfig.Cameras("ffmpeg", 0, "320x240", 5, List.of()));
    this.model = new VillageModel(config, new SimClock(day.start(), day.length()));
    // the first payload loads and warms the JSON writer: do it before the clock starts
    Payloads.senscity(new SimDevice("SC-WARM-UP", DeviceKind.SMOKE, "v", 1, 0, 0, 1), 0,
        Payloads.data().put("battery", 1), 0, null).bytes();
  }

  public LoadSpec spec() {
    return spec;
  }

  /** The ids of the simulated devices, in index order (see {@link LoadSpec}). */
  public List<String> deviceIds() {
    return ids;
  }

  /** Ends {@link #run} after the message it is publishing. */
  public void stop() {
    stop = true;
  }

  /**
   * Publishes the spec's {@code count} units (0: until {@link #stop()}) paced at its rate;
   * {@code alarms} (may be null) hears of every alarm. A sink failure ends the run with it.
   */
  public Result run(Sink sink, AlarmListener alarms) throws Exception {
    long period = spec.ratePerSecond() == 0 ? 0 : (long) (1e9 / spec.ratePerSecond());
    long start = System.nanoTime();
    long next = start;
    long units = 0;
    long[] messages = {0};
    // open alarms by device, oldest first: at most one per device, so bounded by the devices
    LinkedHashMap<String, Long> open = new LinkedHashMap<>();
    ArrayDeque<SimMessage> pending = new ArrayDeque<>();
    while (!stop && (spec.count() == 0 || units < spec.count())) {
      long now = System.nanoTime();
      if (period > 0) {
        while (!stop && next - now > 0) {
          LockSupport.parkNanos(next - now); // the rate itself
          now = System.nanoTime();
        }
        // a little late (timer jitter) is made up, a stall (a slow publish) is not: no burst to
        // catch up, a gap between units is never under half the period
        next = Math.max(next, now - period / 2) + period;
      }
      if (spec.mode() == LoadSpec.Mode.ALARMS) {
        for (var it = open.entrySet().iterator(); it.hasNext(); ) {
          var oldest = it.next();
          if (now - oldest.getValue() < spec.clearAfter().toNanos()) {
            break;
          }
          it.remove();
          clear(oldest.getKey(), sink, messages);
        }
        int device = (int) (units % ids.size());
        String id = ids.get(device);
        if (open.remove(id) != null) {
          clear(id, sink, messages); // a device alarms again before its clearing was due
        }
        alarm(device, sink, alarms, messages);
        open.put(id, System.nanoTime());
      } else {
        while (pending.isEmpty()) {
          pending.addAll(nonEmptyTick());
        }
        send(pending.removeFirst(), sink, messages);
      }
      units++;
    }
    for (String id : open.keySet()) {
      clear(id, sink, messages);
    }
    return new Result(units, messages[0], System.nanoTime() - start);
  }

  /** The next tick of the model that sends something (simulated time runs as fast as needed). */
  private List<SimMessage> nonEmptyTick() {
    // every kind sends at least a heartbeat a minute; an hour of silence is a bug here
    for (int i = 0; i < 3600; i++) {
      List<SimMessage> out = model.tick(tick++, System.currentTimeMillis());
      if (!out.isEmpty()) {
        return out;
      }
    }
    throw new IllegalStateException("the simulated devices sent nothing for an hour of ticks");
  }

  private void alarm(int device, Sink sink, AlarmListener listener, long[] messages)
      throws Exception {
    String id = ids.get(device);
    DeviceKind kind = DeviceKind.fromConfig(spec.kinds().get(device % spec.kinds().size()));
    List<SimMessage> out = model.start(id, LoadSpec.alarmOf(kind), 0, System.currentTimeMillis());
    for (SimMessage m : out) {
      if (listener != null) {
        Instant t = Instant.now();
        listener.alarm(id, t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000, System.nanoTime());
      }
      send(m, sink, messages);
    }
  }

  private void clear(String id, Sink sink, long[] messages) throws Exception {
    for (SimMessage m : model.end(id, 0, System.currentTimeMillis())) {
      send(m, sink, messages);
    }
  }

  private static void send(SimMessage m, Sink sink, long[] messages) throws Exception {
    sink.publish(m.topic(), m.payload().getBytes(StandardCharsets.UTF_8));
    messages[0]++;
  }

}
