package org.gridguard.edge.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@link SimLoad} from the command line, publishing to a broker (QoS 1, each publish awaited)
 * and optionally writing each alarm's publish time to a file, one {@code <device id>
 * <epoch microseconds>} line per alarm (for a benchmark in another JVM to time it). Prints one
 * line at the end: {@code sim-load: mode=M units=N messages=K seconds=S units_per_s=R}.
 * <pre>
 * java -cp gridguard-edge-agent.jar org.gridguard.edge.sim.SimLoadCommand --mqtt-port 1883 \
 *     --mode alarms --kinds smoke --devices 300 --villages 200 --rate 5 --count 300 \
 *     --tag B --times-file /tmp/alarms.txt
 * </pre>
 */
public final class SimLoadCommand {
  static final String USAGE = "usage: SimLoadCommand (--mqtt-port N | --broker tcp://host:port) "
      + "--mode alarms|telemetry [--kinds smoke,...] [--devices N=100] [--villages N=1] "
      + "[--rate per_s=10 (0: unpaced)] [--count N=100 (0: until stopped)] [--clear-after-ms N=2000] "
      + "[--id-prefix SC] [--tag L] [--seed N] [--client-id ID] [--times-file PATH] "
      + "[--start-file PATH (connect, then wait until it exists)]";

  /** The parsed command line. */
  record Args(String broker, String clientId, LoadSpec spec, Path timesFile, Path startFile) {}

  /** How long {@code --start-file} is waited for before giving up. */
  static final Duration START_FILE_WAIT = Duration.ofMinutes(10);

  private SimLoadCommand() {}

  public static void main(String[] argv) throws Exception {
    Args args;
    try {
      args = parse(argv);
    } catch (IllegalArgumentException e) {
      System.err.println("sim-load: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    SimLoad load = new SimLoad(args.spec());
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      load.stop();
      try {
        done.await(5, TimeUnit.SECONDS); // let run() clear its open alarms and disconnect
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "sim-load-shutdown"));
    try (MqttPublisher mqtt = new MqttPublisher(new SimConfig.Mqtt(args.broker(),
            args.clientId(), 1_000_000_000));
        Times times = Times.open(args.timesFile())) {
      mqtt.connect(30);
      if (args.startFile() != null) {
        // started early (JVM start-up and connect out of the way), publishing when told
        awaitStartFile(args.startFile());
      }
      SimLoad.Result r = load.run(mqtt::publish, times);
      System.out.printf(Locale.ROOT, "sim-load: mode=%s units=%d messages=%d seconds=%.1f "
          + "units_per_s=%.1f%n", args.spec().mode().name().toLowerCase(Locale.ROOT), r.units(),
          r.messages(), r.nanos() / 1e9, r.unitsPerSecond());
    } finally {
      done.countDown();
    }
  }

  private static void awaitStartFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + START_FILE_WAIT.toNanos();
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("--start-file " + file + " did not appear within "
            + START_FILE_WAIT.toMinutes() + " min");
      }
      Thread.sleep(5); // poll interval; bounded by the deadline above
    }
  }

  static Args parse(String[] argv) {
    String broker = null;
    String clientId = "gridguard-sim-load";
    LoadSpec.Mode mode = null;
    List<String> kinds = List.of("smoke");
    int devices = 100;
    int villages = 1;
    double rate = 10;
    long count = 100;
    long clearMs = 2000;
    String idPrefix = "SC";
    String tag = "L";
    long seed = 1;
    Path times = null;
    Path startFile = null;
    for (int i = 0; i < argv.length; i++) {
      String option = argv[i];
      if (!option.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + option + "'");
      }
      if (i + 1 >= argv.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = argv[++i];
      switch (option) {
        case "--mqtt-port" ->
            broker = "tcp://127.0.0.1:" + SimArgs.number(option, value, 1, 65_535);
        case "--broker" -> broker = value;
        case "--client-id" -> clientId = value;
        case "--mode" -> mode = LoadSpec.Mode.fromName(value);
        case "--kinds" -> kinds = Arrays.stream(value.split(",")).map(String::trim).toList();
        case "--devices" ->
            devices = (int) SimArgs.number(option, value, 1, LoadSpec.MAX_DEVICES);
        case "--villages" ->
            villages = (int) SimArgs.number(option, value, 1, LoadSpec.MAX_DEVICES);
        case "--rate" -> rate = decimal(option, value);
        case "--count" -> count = SimArgs.number(option, value, 0, Long.MAX_VALUE);
        case "--clear-after-ms" -> clearMs = SimArgs.number(option, value, 0, 3_600_000);
        case "--id-prefix" -> idPrefix = value;
        case "--tag" -> tag = value;
        case "--seed" -> seed = SimArgs.number(option, value, Long.MIN_VALUE, Long.MAX_VALUE);
        case "--times-file" -> times = Path.of(value);
        case "--start-file" -> startFile = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if (broker == null || !broker.matches("tcp://[^/:]+:\\d{1,5}")) {
      throw new IllegalArgumentException(broker == null ? "--mqtt-port or --broker is required"
          : "--broker must look like tcp://127.0.0.1:1883, was '" + broker + "'");
    }
    if (mode == null) {
      throw new IllegalArgumentException("--mode is required (alarms or telemetry)");
    }
    if (times != null && mode != LoadSpec.Mode.ALARMS) {
      throw new IllegalArgumentException("--times-file records alarms: only with --mode alarms");
    }
    LoadSpec spec = new LoadSpec(mode, kinds, devices, villages, rate, count, idPrefix, tag,
        Duration.ofMillis(clearMs), seed);
    return new Args(broker, clientId, spec, times, startFile);
  }

  private static double decimal(String option, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a number, was '" + value + "'");
    }
  }

  /** The alarm publish times file, a line flushed per alarm (so a crash keeps what was sent). */
  private static final class Times implements SimLoad.AlarmListener, AutoCloseable {
    private final BufferedWriter out;

    private Times(BufferedWriter out) {
      this.out = out;
    }

    static Times open(Path file) throws IOException {
      if (file == null) {
        return new Times(null);
      }
      BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      w.write("# device_id epoch_us (publish time of each alarm)\n");
      return new Times(w);
    }

    @Override
    public void alarm(String deviceId, long epochMicros, long nanoTime) {
      if (out == null) {
        return;
      }
      try {
        out.write(deviceId + " " + epochMicros + "\n");
        out.flush();
      } catch (IOException e) {
        throw new IllegalStateException("cannot write the alarm times file: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws IOException {
      if (out != null) {
        out.close();
      }
    }
  }
}
