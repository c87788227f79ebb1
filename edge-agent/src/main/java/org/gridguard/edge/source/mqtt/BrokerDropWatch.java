package org.gridguard.edge.source.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.gridguard.edge.spool.SpoolSink;
import org.gridguard.protocol.v1.DeviceState;
import org.gridguard.protocol.v1.DeviceStatus;
import org.gridguard.protocol.v1.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes messages the broker dropped visible. Mosquitto publishes its own counters under
 * {@code $SYS} every {@code sys_interval} seconds (when they change): the cumulative number of
 * messages it dropped since it started (queue or in-flight limit reached, see
 * deploy/mosquitto-gateway.conf) and how many messages and bytes it holds now. Mosquitto 2.0
 * publishes no per-client queue figures, so the stored totals are the closest we get.
 *
 * <p>Each increase of the drop counter becomes a WARN log line, the {@code mqtt.broker.dropped}
 * metric and a gateway-level {@link DeviceStatus} record ({@code DEGRADED}, empty device id) with
 * the increase in {@code metrics["mqtt_broker_dropped"]}, spooled like the spool's own drop
 * reports. The counter restarts at 0 with the broker; a value below the previous one is taken as
 * a broker restart and counted in full. The first value after the agent starts is counted in
 * full too: drops happen mostly while the agent is away, and counting some twice after an agent
 * restart is better than losing them (the record's detail says so).
 *
 * <p>Runs on Paho's callback thread: parsing a number and a non-blocking spool append only.
 */
final class BrokerDropWatch {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerDropWatch.class);
  static final String DROPPED = "$SYS/broker/publish/messages/dropped";
  static final String STORED_MESSAGES = "$SYS/broker/store/messages/count";
  static final String STORED_BYTES = "$SYS/broker/store/messages/bytes";
  static final List<String> TOPICS = List.of(DROPPED, STORED_MESSAGES, STORED_BYTES);

  private final SpoolSink sink;
  private final String bootId;
  private final MqttSourceMetrics metrics;
  private final AtomicLong storedMessages = new AtomicLong(-1);
  private final AtomicLong storedBytes = new AtomicLong(-1);
  private long lastDropped = -1;

  BrokerDropWatch(SpoolSink sink, String bootId, MqttSourceMetrics metrics) {
    this.sink = Objects.requireNonNull(sink);
    this.bootId = Objects.requireNonNull(bootId);
    this.metrics = Objects.requireNonNull(metrics);
  }

  static boolean isSysTopic(String topic) {
    return !topic.isEmpty() && topic.charAt(0) == '$';
  }

  /** A {@code $SYS} message; anything unexpected is logged and ignored. */
  void accept(String topic, byte[] payload) {
    String text = new String(payload, StandardCharsets.US_ASCII).trim();
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      LOG.debug("ignoring {} = '{}': not a number", topic, text);
      return;
    }
    if (value < 0) {
      return;
    }
    switch (topic) {
      case DROPPED -> dropped(value);
      case STORED_MESSAGES -> storedMessages.set(value);
      case STORED_BYTES -> storedBytes.set(value);
      default -> LOG.debug("ignoring {}", topic);
    }
  }

  /** Messages the broker holds (all clients, retained included); -1 before the first figure. */
  long storedMessages() {
    return storedMessages.get();
  }

  long storedBytes() {
    return storedBytes.get();
  }

  private synchronized void dropped(long total) {
    boolean first = lastDropped < 0;
    boolean restarted = !first && total < lastDropped;
    long increase = first || restarted ? total : total - lastDropped;
    lastDropped = total;
    if (increase == 0) {
      return;
    }
    metrics.brokerDropped.add(increase);
    String detail = "MQTT broker dropped " + increase + " messages"
        + (first ? " (all since the broker started; some may have been reported before this "
            + "agent started)" : restarted ? " (since the broker restarted)" : "")
        + ": a session's queue limit was reached (on a gateway the agent's: max_queued_messages "
        + "/ max_queued_bytes / max_inflight_messages, deploy/mosquitto-gateway.conf); " + total
        + " dropped since the broker started";
    LOG.warn(detail);
    DeviceStatus.Builder status = DeviceStatus.newBuilder()
        .setState(DeviceState.DEGRADED)
        .setDetail(detail)
        .putMetrics("mqtt_broker_dropped", increase)
        .putMetrics("mqtt_broker_dropped_total", total);
    if (storedMessages.get() >= 0) {
      status.putMetrics("mqtt_broker_stored_messages", storedMessages.get());
    }
    Record record = Record.newBuilder()
        .setCaptureTimeMs(System.currentTimeMillis())
        .setBootId(bootId)
        .setStatus(status)
        .build();
    sink.append(record).whenComplete((seq, error) -> {
      if (error != null) {
        LOG.warn("the broker drop report could not be spooled ({}); the log line above and the "
            + "mqtt.broker.dropped metric still count them", error.toString());
      }
    });
  }
}
