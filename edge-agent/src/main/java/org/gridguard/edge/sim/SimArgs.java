package org.gridguard.edge.sim;

import java.nio.file.Path;

/** The command line of {@link VillageSim}; each option overrides its config key. */
record SimArgs(Path config, String broker, long seconds, int cameraPort, Long seed) {
  static final String USAGE = "usage: VillageSim <village-sim.yml> [--mqtt-port N | --broker "
      + "tcp://host:port] [--seconds N (0: until stopped)] [--camera-port N] [--seed N]";

  static SimArgs parse(String[] args) {
    if (args.length == 0 || args[0].startsWith("--")) {
      throw new IllegalArgumentException("the config file is required");
    }
    Path config = Path.of(args[0]);
    String broker = null;
    long seconds = 0;
    int cameraPort = -1;
    Long seed = null;
    for (int i = 1; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--mqtt-port" -> broker = "tcp://127.0.0.1:" + number(option, value, 1, 65_535);
        case "--broker" -> broker = value;
        case "--seconds" -> seconds = number(option, value, 0, Long.MAX_VALUE);
        case "--camera-port" -> cameraPort = (int) number(option, value, 1, 65_000);
        case "--seed" -> seed = number(option, value, Long.MIN_VALUE, Long.MAX_VALUE);
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return new SimArgs(config, broker, seconds, cameraPort, seed);
  }

  /** {@code value} as a whole number in {@code min..max}; the message names the option. */
  static long number(String option, String value, long min, long max) {
    try {
      long n = Long.parseLong(value);
      if (n < min || n > max) {
        throw new IllegalArgumentException(option + " must be " + min + ".." + max + ", was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a whole number, was '" + value + "'");
    }
  }

  /** The config with this command line's overrides. */
  SimConfig apply(SimConfig c) {
    SimConfig.Mqtt mqtt = broker == null ? c.mqtt()
        : new SimConfig.Mqtt(broker, c.mqtt().clientId(), c.mqtt().maxMessagesPerSecond());
    SimConfig.Cameras cams = cameraPort < 0 ? c.cameras() : new SimConfig.Cameras(
        c.cameras().ffmpeg(), cameraPort, c.cameras().size(), c.cameras().fps(), c.cameras().streams());
    return new SimConfig(mqtt, seed == null ? c.seed() : seed, c.day(), c.telemetryInterval(),
        c.statusInterval(), c.devices(), c.rates(), c.script(), cams);
  }
}
