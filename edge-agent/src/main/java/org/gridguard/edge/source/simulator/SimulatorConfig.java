package org.gridguard.edge.source.simulator;

import java.nio.file.Path;
import org.gridguard.edge.config.ConfigNode;

/**
 * The {@code simulator:} slice: a built-in test producer (load tests, fault tests, demos) that
 * appends synthetic telemetry and alarms to the spool. Off unless configured.
 *
 * @param records how many records to produce per process start (0 = none)
 * @param ratePerSecond production rate
 * @param deviceId device id on the records; with {@code devices} > 1, {@code <deviceId>-<n % devices>}
 * @param devices how many simulated devices the records rotate over
 * @param alarmEvery every n-th record is an alarm (0 = never)
 * @param ackLog file to which each record is appended as {@code boot n lane sequence} once the
 *     spool has made it durable, or {@code null}
 * @param maxInFlight appends not yet durable before the simulator waits
 */
public record SimulatorConfig(long records, double ratePerSecond, String deviceId, int devices,
    int alarmEvery,
    Path ackLog, int maxInFlight) {
  public SimulatorConfig {
    if (records < 0 || !(ratePerSecond > 0) || maxInFlight < 1 || alarmEvery < 0 || devices < 1) {
      throw new IllegalArgumentException("invalid simulator settings");
    }
  }

  /** Parses {@code simulator:}; null when the section is absent. */
  public static SimulatorConfig from(ConfigNode parent, String key) {
    if (!parent.has(key)) {
      parent.raw(key);
      return null;
    }
    ConfigNode node = parent.child(key);
    long records = node.integer("records", 0, 0, Long.MAX_VALUE);
    double rate = node.number("rate_per_second", 1_000, 0.001, 10_000_000);
    String device = node.string("device_id", "simulator-1");
    int devices = (int) node.integer("devices", 1, 1, 100_000);
    int alarmEvery = (int) node.integer("alarm_every", 0, 0, Integer.MAX_VALUE);
    String ackLog = node.string("ack_log", null);
    int inFlight = (int) node.integer("max_in_flight", 10_000, 1, 1_000_000);
    node.rejectUnknownKeys();
    return new SimulatorConfig(records, rate, device, devices, alarmEvery,
        ackLog == null ? null : Path.of(ackLog), inFlight);
  }
}
