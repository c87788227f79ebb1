package org.gridguard.edge.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gridguard.testkit.MosquittoBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The simulator against a real mosquitto: what it publishes arrives, per topic, as configured. */
class VillageSimIT {
  @RegisterExtension static final MosquittoBroker BROKER = new MosquittoBroker();

  private MqttClient subscriber;
  private final Map<String, AtomicInteger> perTopic = new ConcurrentHashMap<>();
  private final AtomicInteger forced = new AtomicInteger();

  @BeforeEach
  void subscribe() throws Exception {
    subscriber = new MqttClient(BROKER.serverUri(), "sim-it-sub", new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(true);
    subscriber.connect(o);
    subscriber.subscribe(new String[] {"acme/#", "senscity/#", "gridguard/#"}, new int[] {1, 1, 1},
        null);
    subscriber.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
      @Override public void connectionLost(Throwable cause) {}
      @Override public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken t) {}
      @Override public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
        perTopic.computeIfAbsent(topic, k -> new AtomicInteger()).incrementAndGet();
        if (new String(m.getPayload(), StandardCharsets.UTF_8).contains("\"evt\":30")) {
          forced.incrementAndGet();
        }
      }
    });
  }

  @AfterEach
  void close() throws Exception {
    subscriber.disconnect();
    subscriber.close();
  }

  private static SimConfig config(int seconds) {
    return SimConfigParser.parse("""
        mqtt: {broker: "%s", client_id: sim-it, max_messages_per_second: 500}
        seed: 5
        day: {start: "08:00"}
        telemetry_interval: 1s
        villages:
          - name: it
            devices:
              - {kind: water_level, ids: [WL-A, WL-B]}
              - {kind: temp_humidity, ids: [TH-A]}
              - {kind: access_controller, ids: [AC-A], swipes_per_hour: 0}
              - {kind: gateway_probe, ids: [probe-it]}
        script: [{at: 2s, anomaly: forced_door, device: AC-A, door: 1}]
        """.formatted(BROKER.serverUri()));
  }

  private int count(String topic) {
    AtomicInteger n = perTopic.get(topic);
    return n == null ? 0 : n.get();
  }

  private void awaitTotal(long expected, long timeoutMs) throws InterruptedException {
    org.awaitility.Awaitility.await("all " + expected + " messages arrive")
        .atMost(java.time.Duration.ofMillis(timeoutMs))
        .pollInterval(java.time.Duration.ofMillis(50))
        .until(() -> perTopic.values().stream().mapToInt(AtomicInteger::get).sum() >= expected);
  }

  @Test
  void run_sixSeconds_everyTopicGetsItsMessagesAndTheScriptedForcedDoor() throws Exception {
    VillageSim sim = new VillageSim(config(6), 6);
    sim.run();
    awaitTotal(sim.stats().published(), 10_000);
    // one report per second per sensor (telemetry_interval 1s), six ticks
    assertThat(count("senscity/v1/WL-A/up")).isEqualTo(6);
    assertThat(count("senscity/v1/WL-B/up")).isEqualTo(6);
    assertThat(count("senscity/v1/TH-A/up")).isEqualTo(6);
    assertThat(count("gridguard/gateway_probe/probe-it/telemetry")).isEqualTo(6);
    // no swipes (its status comes once a minute, later than these six seconds): the forced door
    assertThat(count("acme/access/AC-A/event")).isEqualTo(1);
    assertThat(forced.get()).isEqualTo(1);
    assertThat(sim.stats().failed()).isZero();
    assertThat(sim.stats().anomalies(Anomaly.FORCED_DOOR)).isEqualTo(1);
  }

  @Test
  void stop_whileRunning_endsPromptlyAndDisconnects() throws Exception {
    VillageSim sim = new VillageSim(config(0), 0);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        sim.run();
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    t.start();
    awaitTotal(5, 10_000);
    sim.stop();
    t.join(5_000);
    assertThat(t.isAlive()).as("simulator thread ended").isFalse();
    assertThat(failure.get()).isNull();
  }
}
