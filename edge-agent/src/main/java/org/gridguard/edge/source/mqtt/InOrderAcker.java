package org.gridguard.edge.source.mqtt;

import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends QoS 1 acknowledgements in arrival order (MQTT 3.1.1 §4.6) once each message is safe,
 * and never for a message that came on an earlier connection: after a reconnect the broker
 * redelivers those itself, and their packet ids may already name new messages.
 */
final class InOrderAcker {
  private static final Logger LOG = LoggerFactory.getLogger(InOrderAcker.class);

  /** Sends one PUBACK (Paho's messageArrivedComplete). */
  interface AckSender {
    void ack(int messageId, int qos) throws Exception;
  }

  static final class Pending {
    private static final int WAITING = 0;
    private static final int SAFE = 1;
    private static final int ABANDONED = 2;
    final int messageId;
    final int qos;
    final long connection;
    final long arrivedNanos;
    private int state = WAITING;

    Pending(int messageId, int qos, long connection, long arrivedNanos) {
      this.messageId = messageId;
      this.qos = qos;
      this.connection = connection;
      this.arrivedNanos = arrivedNanos;
    }
  }

  private final AckSender sender;
  private final MqttSourceMetrics metrics;
  private final ArrayDeque<Pending> order = new ArrayDeque<>();
  private long connection;

  InOrderAcker(AckSender sender, MqttSourceMetrics metrics) {
    this.sender = sender;
    this.metrics = metrics;
  }

  /** Called on Paho's callback thread for each QoS ≥ 1 message, in arrival order. */
  synchronized Pending register(int messageId, int qos) {
    Pending p = new Pending(messageId, qos, connection, System.nanoTime());
    order.addLast(p);
    return p;
  }

  /** The connection was lost: nothing registered so far will be acknowledged. */
  synchronized void connectionLost() {
    connection++;
    drain();
  }

  /** The message is safe (in the spool, or dead-lettered): acknowledge it in turn. */
  synchronized void safe(Pending p) {
    p.state = Pending.SAFE;
    drain();
  }

  /** The message could not be kept: leave it unacknowledged for the broker to redeliver. */
  synchronized void abandon(Pending p) {
    p.state = Pending.ABANDONED;
    drain();
  }

  synchronized int waiting() {
    return order.size();
  }

  private void drain() {
    Pending head;
    while ((head = order.peekFirst()) != null) {
      if (head.state == Pending.WAITING && head.connection == connection) {
        return;
      }
      if (head.state == Pending.WAITING) {
        // from a lost connection: its outcome no longer matters to the broker
        order.pollFirst();
        metrics.staleAcksSkipped.increment();
        continue;
      }
      order.pollFirst();
      if (head.state == Pending.SAFE) {
        if (head.connection != connection) {
          metrics.staleAcksSkipped.increment();
          continue;
        }
        try {
          sender.ack(head.messageId, head.qos);
          metrics.acked.increment();
          metrics.recordAckLatency(System.nanoTime() - head.arrivedNanos);
        } catch (Exception e) {
          LOG.debug("ack of message {} not sent ({}); the broker will redeliver it",
              head.messageId, e.toString());
        }
      }
    }
  }
}
