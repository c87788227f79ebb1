package org.gridguard.edge.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.gridguard.edge.config.GatewayConfig;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.source.mqtt.MqttInBenchmark;
import org.gridguard.edge.spool.Spool;
import org.gridguard.edge.spool.SpoolConfig;
import org.gridguard.edge.testhub.TestHub;
import org.gridguard.edge.uplink.HubAddress;
import org.gridguard.edge.uplink.Uplink;
import org.gridguard.edge.uplink.UplinkConfig;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;

/**
 * {@code deploy/bench.sh edge}: spool appends with group commit against a raw
 * write-plus-fsync-every-50-ms baseline of the same bytes, the spool's fsync p99, and records/s
 * end to end (spool → uplink → in-process test hub, acknowledged). Prints one line.
 * {@code mqtt_in_per_s}: QoS 1 messages from a real mosquitto through the MQTT source into this
 * spool, counted when acknowledged to the broker (i.e. durable); its baseline in the same run is
 * mosquitto_pub → mosquitto_sub of the same messages ({@link MqttInBenchmark}).
 */
public final class EdgeBenchmark {
  private static final int APPENDS = Integer.getInteger("bench.appends", 1_000_000);
  private static final int END_TO_END = Integer.getInteger("bench.e2e", 300_000);
  private static final int PRODUCERS = 2;
  private static final int MQTT_MESSAGES = Integer.getInteger("bench.mqtt", 200_000);
  private static final int MQTT_ROUNDS = Integer.getInteger("bench.mqtt.rounds", 2);
  private static final Record[] SAMPLES = new Record[1024];

  static {
    for (int i = 0; i < SAMPLES.length; i++) {
      SAMPLES[i] = Record.newBuilder()
          .setCaptureTimeMs(1_763_700_000_000L + i)
          .setDeviceId("th-" + (i % 64))
          .setBootId("6f1c2d9e-bench-boot")
          .setTelemetry(Telemetry.newBuilder().setDeviceType("temp_humidity")
              .addReadings(Reading.newBuilder().setMetric("temperature").setNumber(20 + i % 10)
                  .setUnit("Cel"))
              .addReadings(Reading.newBuilder().setMetric("humidity").setNumber(40 + i % 30)
                  .setUnit("%")))
          .build();
    }
  }

  public static void main(String[] args) throws Exception {
    Path root = Files.createTempDirectory("gg-edge-bench");
    try {
      // Warm-up (JIT), not measured.
      spoolAppends(root.resolve("warmup"), 200_000);
      double baseline = rawWriteBaseline(root.resolve("raw.bin"), APPENDS);
      Metrics metrics = new Metrics();
      double appends = spoolAppendsMeasured(root.resolve("spool"), APPENDS, metrics);
      double fsyncP99Ms = Metrics.percentileMicros(metrics.timer("spool.fsync"), 0.99) / 1000.0;
      double e2e = endToEnd(root.resolve("e2e"), END_TO_END);
      MqttInBenchmark.Result mqtt = MqttInBenchmark.measure(MQTT_MESSAGES, MQTT_ROUNDS,
          dir -> Spool.open(config(dir), new Metrics()));
      System.out.printf(Locale.ROOT, "edge: mqtt_in_per_s=%.0f spool_append_per_s=%.0f "
          + "fsync_p99_ms=%.1f end_to_end_per_s=%.0f baseline_mosquitto_pub_sub_per_s=%.0f "
          + "mqtt_vs_baseline=%.2f baseline_raw_write_fsync50ms_per_s=%.0f "
          + "spool_vs_baseline=%.2f%n", mqtt.mqttInPerS(), appends, fsyncP99Ms, e2e,
          mqtt.baselinePerS(), mqtt.mqttInPerS() / mqtt.baselinePerS(), baseline,
          appends / baseline);
    } finally {
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** One thread writes the same framed bytes and fsyncs every 50 ms: the floor to compare to. */
  private static double rawWriteBaseline(Path file, int count) throws IOException {
    byte[][] payloads = new byte[SAMPLES.length][];
    for (int i = 0; i < SAMPLES.length; i++) {
      payloads[i] = SAMPLES[i].toByteArray();
    }
    ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
    long start = System.nanoTime();
    long lastForce = start;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      for (int i = 0; i < count; i++) {
        byte[] p = payloads[i % payloads.length];
        if (buf.remaining() < p.length + 16) {
          buf.flip();
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          buf.clear();
        }
        buf.putInt(p.length).putInt(0).putLong(i).put(p);
        long now = System.nanoTime();
        if (now - lastForce >= 50_000_000L) {
          buf.flip();
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          buf.clear();
          ch.force(false);
          lastForce = now;
        }
      }
      buf.flip();
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private static void spoolAppends(Path dir, int count) throws Exception {
    spoolAppendsMeasured(dir, count, new Metrics());
  }

  private static SpoolConfig config(Path dir) {
    return SpoolConfig.defaults(dir).withSegmentBytes(64L << 20).withBudget(8L << 30, 16L << 30);
  }

  private static double spoolAppendsMeasured(Path dir, int count, Metrics metrics)
      throws Exception {
    try (Spool spool = Spool.open(config(dir), metrics)) {
      return produce(spool, count);
    }
  }

  /** {@code PRODUCERS} threads append; returns records/s until every future completed. */
  private static double produce(Spool spool, int count) throws InterruptedException {
    Semaphore inFlight = new Semaphore(50_000);
    CountDownLatch done = new CountDownLatch(count);
    AtomicLong failures = new AtomicLong();
    long start = System.nanoTime();
    Thread[] producers = new Thread[PRODUCERS];
    for (int t = 0; t < PRODUCERS; t++) {
      int id = t;
      producers[t] = new Thread(() -> {
        for (int i = id; i < count; i += PRODUCERS) {
          inFlight.acquireUninterruptibly();
          spool.append(SAMPLES[i % SAMPLES.length]).whenComplete((seq, e) -> {
            if (e != null) {
              failures.incrementAndGet();
            }
            inFlight.release();
            done.countDown();
          });
        }
      });
      producers[t].start();
    }
    done.await();
    double perSecond = count / ((System.nanoTime() - start) / 1e9);
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " appends failed");
    }
    return perSecond;
  }

  /** Records/s from the first append until the hub has acknowledged the last one. */
  private static double endToEnd(Path dir, int count) throws Exception {
    try (TestHub hub = new TestHub().start();
        Spool spool = Spool.open(config(dir), new Metrics())) {
      Uplink uplink = new Uplink(new GatewayConfig("bench-gw", "x"),
          new HubAddress("127.0.0.1", hub.port(), null), UplinkConfig.defaults(), spool,
          Uplink.newBootId(), "bench", spool.metrics());
      try {
        uplink.start();
        long start = System.nanoTime();
        produce(spool, count);
        if (!TestHub.await(Duration.ofMinutes(5),
            () -> spool.acknowledged(Lane.BULK) >= count)) {
          throw new IllegalStateException("hub acknowledged only "
              + spool.acknowledged(Lane.BULK) + " of " + count);
        }
        return count / ((System.nanoTime() - start) / 1e9);
      } finally {
        uplink.close();
      }
    }
  }
}
