package org.gridguard.edge.source.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.gridguard.edge.spool.SpoolSink;
import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces synthetic records at a fixed rate into the spool. Each record carries the boot id and
 * its number {@code n}; once the spool completes its future (durable), the simulator writes
 * {@code <boot> <n> <lane> <sequence>} to the ack log — the "acknowledged upstream" set the
 * kill -9 fault test checks against what reached the hub.
 */
public final class SimulatorSource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SimulatorSource.class);

  private final SimulatorConfig config;
  private final SpoolSink sink;
  private final String bootId;
  private final Semaphore inFlight;
  private final ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
  private final Thread producer;
  private final Thread ackWriter;
  private volatile boolean running = true;
  private volatile boolean logging = true;
  private volatile long produced;

  public SimulatorSource(SimulatorConfig config, SpoolSink sink, String bootId) {
    this.config = config;
    this.sink = sink;
    this.bootId = bootId;
    this.inFlight = new Semaphore(config.maxInFlight());
    this.producer = new Thread(this::produce, "simulator");
    this.ackWriter = new Thread(this::writeAcks, "simulator-ack-log");
  }

  public void start() {
    producer.start();
    if (config.ackLog() != null) {
      ackWriter.start();
    }
  }

  public long produced() {
    return produced;
  }

  private void produce() {
    long intervalNanos = (long) (1e9 / config.ratePerSecond());
    long next = System.nanoTime();
    for (long n = 0; n < config.records() && running; n++) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      next += intervalNanos;
      try {
        if (!inFlight.tryAcquire(1, TimeUnit.SECONDS)) {
          n--;
          continue;
        }
      } catch (InterruptedException e) {
        return;
      }
      boolean alarm = config.alarmEvery() > 0 && n % config.alarmEvery() == 0;
      Record record = alarm ? alarm(n) : telemetry(n);
      long number = n;
      sink.append(record).whenComplete((seq, error) -> {
        inFlight.release();
        if (error == null && config.ackLog() != null) {
          acked.add(bootId + " " + number + " " + (alarm ? "PRIORITY" : "BULK") + " " + seq);
        } else if (error != null) {
          log.warn("simulator record {} refused: {}", number, error.getMessage());
        }
      });
      produced = n + 1;
    }
    log.info("simulator: produced {} records", produced);
  }

  private Record telemetry(long n) {
    return Record.newBuilder()
        .setCaptureTimeMs(System.currentTimeMillis())
        .setDeviceId(device(n))
        .setBootId(bootId)
        .setTelemetry(Telemetry.newBuilder().setDeviceType("simulator")
            .addReadings(Reading.newBuilder().setMetric("n").setInteger(n))
            .addReadings(Reading.newBuilder().setMetric("temperature")
                .setNumber(20 + (n % 100) / 10.0).setUnit("Cel")))
        .build();
  }

  private Record alarm(long n) {
    long now = System.currentTimeMillis();
    return Record.newBuilder()
        .setCaptureTimeMs(now)
        .setDeviceId(device(n))
        .setBootId(bootId)
        .setAlarm(Alarm.newBuilder().setAlarmId(bootId + ":" + n).setType(AlarmType.THRESHOLD)
            .setPhase(AlarmPhase.BEGIN).setPriority(3).setBeginTimeMs(now)
            .setRule("simulator").setDetail("simulated alarm " + n))
        .build();
  }

  private String device(long n) {
    return config.devices() == 1 ? config.deviceId() : config.deviceId() + "-" + (n % config.devices());
  }

  private void writeAcks() {
    try (BufferedWriter out = Files.newBufferedWriter(config.ackLog(), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      while (logging || !acked.isEmpty()) {
        String line;
        boolean any = false;
        while ((line = acked.poll()) != null) {
          out.write(line);
          out.write('\n');
          any = true;
        }
        if (any) {
          out.flush();
        }
        LockSupport.parkNanos(5_000_000);
      }
    } catch (IOException e) {
      log.error("simulator: cannot write ack log {}", config.ackLog(), e);
    }
  }

  /** Stops producing (records already handed to the spool still complete and are logged). */
  public void stop() {
    running = false;
    try {
      producer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops producing and, after the spool has completed what it had, the ack log. */
  @Override
  public void close() {
    stop();
    logging = false;
    try {
      if (config.ackLog() != null) {
        ackWriter.join(5_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
