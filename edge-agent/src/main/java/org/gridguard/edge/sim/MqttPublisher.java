package org.gridguard.edge.sim;

import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The simulator's one MQTT client: QoS 1 publishes, each waited for (so nothing queues up
 * without bound), paced to at most {@code max_messages_per_second}; reconnects by itself.
 */
final class MqttPublisher implements AutoCloseable {
  private static final long WAIT_MS = 10_000;

  private final MqttClient client;
  private final MqttConnectOptions options;
  private final long intervalNanos;
  private long nextAllowed = System.nanoTime();

  MqttPublisher(SimConfig.Mqtt config) throws MqttException {
    this.client = new MqttClient(config.broker(), config.clientId(), new MemoryPersistence());
    this.client.setTimeToWait(WAIT_MS);
    this.options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setAutomaticReconnect(true);
    options.setConnectionTimeout(10);
    options.setKeepAliveInterval(30);
    options.setMaxInflight(100);
    this.intervalNanos = 1_000_000_000L / config.maxMessagesPerSecond();
  }

  /** Connects, retrying for up to {@code seconds} (the broker may be starting too). */
  void connect(int seconds) throws MqttException, InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (true) {
      try {
        client.connect(options);
        return;
      } catch (MqttException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(500); // retry pacing, not a wait for a condition
      }
    }
  }

  boolean isConnected() {
    return client.isConnected();
  }

  /** Publishes one message (QoS 1), after waiting for its slot under the rate cap. */
  void publish(SimMessage m) throws MqttException {
    publish(m.topic(), m.bytes());
  }

  /** Publishes one payload (QoS 1), after waiting for its slot under the rate cap. */
  void publish(String topic, byte[] payload) throws MqttException {
    long now = System.nanoTime();
    if (nextAllowed > now) {
      LockSupport.parkNanos(nextAllowed - now);
    }
    nextAllowed = Math.max(now, nextAllowed) + intervalNanos;
    client.publish(topic, payload, 1, false);
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(2_000);
      }
      client.close(true);
    } catch (MqttException e) {
      // closing anyway
    }
  }
}
