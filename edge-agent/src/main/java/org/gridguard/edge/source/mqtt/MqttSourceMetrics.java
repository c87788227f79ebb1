package org.gridguard.edge.source.mqtt;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.gridguard.edge.metrics.Metrics;

/** Counters of the MQTT source; read by the agent's status report and the benchmark. */
public final class MqttSourceMetrics {
  final LongAdder received = new LongAdder();
  final LongAdder mapped = new LongAdder();
  final LongAdder records = new LongAdder();
  final LongAdder deadLettered = new LongAdder();
  final LongAdder ignored = new LongAdder();
  final LongAdder fieldsDeadLettered = new LongAdder();
  final LongAdder acked = new LongAdder();
  final LongAdder staleAcksSkipped = new LongAdder();
  final LongAdder queueOverflows = new LongAdder();
  final LongAdder spoolFailures = new LongAdder();
  final LongAdder connects = new LongAdder();
  final LongAdder connectionsLost = new LongAdder();
  /** Subscriptions the broker confirmed (SUBACK), one per connect when all goes well. */
  final LongAdder subscriptions = new LongAdder();
  final LongAdder redeliveryReconnects = new LongAdder();
  final LongAdder brokerDropped = new LongAdder();
  /** Arrival → ack; in a registry of its own until {@link #registerAckLatency} moves it. */
  private volatile Timer ackLatency = Metrics.timer(new SimpleMeterRegistry(), ACK_LATENCY);
  static final String ACK_LATENCY = Metrics.PREFIX + "mqtt.ack_latency";

  /** Records the ack latency in the agent's registry from now on (call before the source starts). */
  public void registerAckLatency(MeterRegistry registry) {
    ackLatency = Metrics.timer(registry, ACK_LATENCY);
  }

  void recordAckLatency(long nanos) {
    ackLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Messages handed over by Paho. */
  public long received() {
    return received.sum();
  }

  /** Messages understood that make no record (NONE code or unchanged state, no readings). */
  public long ignored() {
    return ignored.sum();
  }

  /** Messages mapped to at least one record. */
  public long mapped() {
    return mapped.sum();
  }

  /** Records appended to the spool. */
  public long records() {
    return records.sum();
  }

  public long deadLettered() {
    return deadLettered.sum();
  }

  /** Optional fields left out of messages that were kept (each also in the dead-letter file). */
  public long fieldsDeadLettered() {
    return fieldsDeadLettered.sum();
  }

  /** QoS 1 acknowledgements sent to the broker. */
  public long acked() {
    return acked.sum();
  }

  /** Acks not sent because the message came on a connection since lost (it is redelivered). */
  public long staleAcksSkipped() {
    return staleAcksSkipped.sum();
  }

  /** Messages refused because the inbound queue was full (QoS 1: redelivered after reconnect). */
  public long queueOverflows() {
    return queueOverflows.sum();
  }

  /** Messages whose spool append failed (not acked: the broker keeps them). */
  public long spoolFailures() {
    return spoolFailures.sum();
  }

  public long connects() {
    return connects.sum();
  }

  public long connectionsLost() {
    return connectionsLost.sum();
  }

  /** Subscriptions the broker confirmed: after a connect, messages are delivered from then on. */
  public long subscriptions() {
    return subscriptions.sum();
  }

  /** Reconnects made to get messages back that a full queue refused. */
  public long redeliveryReconnects() {
    return redeliveryReconnects.sum();
  }

  /** Messages the broker reported dropping ($SYS counter increases) since the agent started. */
  public long brokerDropped() {
    return brokerDropped.sum();
  }

  /** Arrival → ack to broker, microseconds (Micrometer's percentile, last ~2 minutes). */
  public long ackLatencyP99Micros() {
    return Metrics.percentileMicros(ackLatency, 0.99);
  }

  public long ackLatencyP50Micros() {
    return Metrics.percentileMicros(ackLatency, 0.5);
  }

  @Override
  public String toString() {
    return "received=" + received() + " mapped=" + mapped() + " records=" + records()
        + " ignored=" + ignored() + " dead_lettered=" + deadLettered() + " fields_dead_lettered=" + fieldsDeadLettered()
        + " acked=" + acked() + " stale_acks="
        + staleAcksSkipped() + " overflows=" + queueOverflows() + " spool_failures="
        + spoolFailures() + " connects=" + connects() + " lost=" + connectionsLost() + " redelivery_reconnects="
        + redeliveryReconnects() + " broker_dropped=" + brokerDropped()
        + " ack_p50_us=" + ackLatencyP50Micros() + " ack_p99_us=" + ackLatencyP99Micros();
  }
}
