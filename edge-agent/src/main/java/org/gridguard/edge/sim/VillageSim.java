package org.gridguard.edge.sim;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.gridguard.edge.config.InvalidConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The village simulator: publishes the villages of a {@code village-sim.yml} to an MQTT broker
 * one tick per second and serves its synthetic cameras, until {@code --seconds} have passed or
 * SIGTERM/Ctrl-C. Usage:
 * <pre>
 * java -cp gridguard-edge-agent.jar org.gridguard.edge.sim.VillageSim village-sim.yml \
 *     [--mqtt-port N | --broker tcp://host:port] [--seconds N] [--camera-port N] [--seed N]
 * </pre>
 */
public final class VillageSim {
  private static final Logger log = LoggerFactory.getLogger(VillageSim.class);

  private final SimConfig config;
  private final long seconds;
  private final SimStats stats = new SimStats();
  private volatile boolean stop;

  VillageSim(SimConfig config, long seconds) {
    this.config = config;
    this.seconds = seconds;
  }

  public static void main(String[] args) throws Exception {
    SimArgs parsed;
    SimConfig config;
    try {
      parsed = SimArgs.parse(args);
      config = parsed.apply(SimConfigParser.load(parsed.config()));
    } catch (InvalidConfigException e) {
      System.err.println("village-sim: " + e.getMessage());
      System.exit(2);
      return;
    } catch (IllegalArgumentException e) {
      System.err.println("village-sim: " + e.getMessage());
      System.err.println(SimArgs.USAGE);
      System.exit(2);
      return;
    }
    VillageSim sim = new VillageSim(config, parsed.seconds());
    CountDownLatch done = new CountDownLatch(1);
    Thread main = Thread.currentThread();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sim.stop = true;
      LockSupport.unpark(main);
      try {
        done.await(8, TimeUnit.SECONDS); // let run() stop the cameras and disconnect
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "sim-shutdown"));
    try {
      sim.run();
    } finally {
      done.countDown();
    }
  }

  SimStats stats() {
    return stats;
  }

  void stop() {
    stop = true;
  }

  /** Runs until the configured seconds have passed or {@link #stop()}. */
  void run() throws MqttException, InterruptedException {
    long startMs = System.currentTimeMillis();
    long startNanos = System.nanoTime();
    LocalTime start = config.day().start() != null ? config.day().start()
        : LocalTime.ofInstant(Instant.ofEpochMilli(startMs), config.day().zone());
    SimClock clock = new SimClock(start, config.day().length());
    VillageModel model = new VillageModel(config, clock);
    log.info("village-sim: {} devices, {} cameras, seed {}, day of {} starting at {}, broker {}",
        config.devices().size(), config.cameras().streams().size(), config.seed(),
        config.day().length(), start, config.mqtt().broker());
    try (CameraStreams cameras = new CameraStreams(config, clock, startMs * 1000,
            config.cameras().portBase());
        MqttPublisher mqtt = new MqttPublisher(config.mqtt())) {
      if (!config.cameras().streams().isEmpty()) {
        if (config.cameras().portBase() == 0) {
          log.warn("village-sim: cameras configured but no port (cameras.port_base or "
              + "--camera-port): not serving them");
        } else {
          cameras.start();
        }
      }
      mqtt.connect(30);
      long statusEvery = config.statusInterval().toSeconds();
      for (long tick = 0; !stop && (seconds == 0 || tick < seconds); tick++) {
        long target = startNanos + tick * 1_000_000_000L;
        long wait;
        while (!stop && (wait = target - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait); // the tick rhythm itself
        }
        if (stop) {
          break;
        }
        publish(model.tick(tick, System.currentTimeMillis()), mqtt);
        if (tick > 0 && tick % statusEvery == 0) {
          long behind = (System.nanoTime() - target) / 1_000_000_000L;
          log.info(stats.line(hhmm(clock.timeOfDay(tick * 1000)), behind, cameras.count()));
        }
      }
      log.info(stats.line(hhmm(clock.timeOfDay(System.currentTimeMillis() - startMs)), 0,
          cameras.count()) + " — stopping");
    }
  }

  private static String hhmm(LocalTime t) {
    return String.format("%02d:%02d", t.getHour(), t.getMinute());
  }

  private void publish(List<SimMessage> messages, MqttPublisher mqtt) {
    SimMessage previous = null;
    for (SimMessage m : messages) {
      if (m.anomaly() != null && (previous == null || previous.anomaly() != m.anomaly()
          || !previous.deviceId().equals(m.deviceId()))) {
        stats.anomaly(m.anomaly()); // a burst is one anomaly of several messages
      }
      previous = m;
      if (stop) {
        return;
      }
      try {
        mqtt.publish(m);
        stats.published(m);
      } catch (MqttException e) {
        stats.failure();
        if (!mqtt.isConnected()) {
          log.warn("village-sim: broker not connected ({}): messages of this second dropped",
              e.getMessage());
          return;
        }
      }
    }
  }
}
