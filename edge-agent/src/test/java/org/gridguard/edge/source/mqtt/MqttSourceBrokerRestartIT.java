package org.gridguard.edge.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridguard.edge.source.mqtt.MqttTestSupport.await;
import static org.gridguard.edge.source.mqtt.MqttTestSupport.utf8;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.gridguard.edge.mapping.DeadLetterFile;
import org.gridguard.edge.mapping.MappingConfig;
import org.gridguard.edge.mapping.PayloadMapper;
import org.gridguard.edge.spool.RecordingSink;
import org.gridguard.protocol.v1.Record;
import org.gridguard.testkit.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test 3: mosquitto restarted (stop/start, same port, persistence on) while a publisher
 * sends QoS 1 messages → the source reconnects and re-subscribes, and every message reaches
 * the sink. Also: the broker gets a PUBACK only once the sink's future completed.
 */
class MqttSourceBrokerRestartIT {
  @RegisterExtension static final MosquittoBroker BROKER = new MosquittoBroker();
  private static final int MESSAGES = 3000;
  @TempDir Path dir;

  private static String telemetry(int seq) {
    return "{\"ts\": " + (1763701000000L + seq) + ", \"readings\": [{\"metric\": \"seq\", \"value\": "
        + seq + "}]}";
  }

  private static Set<Long> sequencesSeen(RecordingSink sink) {
    return sink.records().stream().map(Record::getTelemetry)
        .map(t -> t.getReadings(0).getInteger()).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void brokerRestartedWhilePublishing_sourceResubscribesAndLosesNothing() throws Exception {
    MappingConfig mapping = MqttTestSupport.presets(dir.resolve("dl.jsonl"), "64KiB");
    RecordingSink sink = new RecordingSink();
    try (DeadLetterFile dl = new DeadLetterFile(mapping.deadLetter());
        MqttSource source = new MqttSource(
            MqttTestSupport.sourceConfig(BROKER.serverUri(), "edge-restart-it", 10_000),
            new PayloadMapper(mapping, "boot-it"), sink, dl, null)) {
      source.start();
      await("first subscription", Duration.ofSeconds(10),
          () -> source.metrics().subscriptions() >= 1);

      AtomicInteger published = new AtomicInteger();
      Thread publisher = new Thread(() -> publishAll(published), "it-publisher");
      publisher.start();
      await("a third published", Duration.ofSeconds(30), () -> published.get() > MESSAGES / 3);
      BROKER.stop();
      // down until the source has noticed (then it is reconnecting with backoff)
      await("the source sees the broker gone", Duration.ofSeconds(15),
          () -> source.metrics().connectionsLost() >= 1);
      BROKER.start();
      publisher.join(120_000);
      assertThat(published.get()).isEqualTo(MESSAGES);

      await("every sequence in the sink", Duration.ofSeconds(60),
          () -> sequencesSeen(sink).size() == MESSAGES);
      assertThat(sequencesSeen(sink)).first().isEqualTo(1L);
      assertThat(sequencesSeen(sink)).last().isEqualTo((long) MESSAGES);
      assertThat(source.metrics().connects()).isGreaterThanOrEqualTo(2);
      assertThat(source.metrics().connectionsLost()).isGreaterThanOrEqualTo(1);
      assertThat(source.metrics().deadLettered()).isZero();
    }
  }

  /** Publishes 1..MESSAGES at QoS 1, retrying each across the broker's downtime. */
  private static void publishAll(AtomicInteger published) {
    MqttClient client = null;
    int seq = 1;
    while (seq <= MESSAGES) {
      try {
        if (client == null || !client.isConnected()) {
          client = MqttTestSupport.publisher(BROKER.serverUri(), "it-pub");
        }
        client.publish("gridguard/meter/m-" + (seq % 7) + "/telemetry", utf8(telemetry(seq)), 1, false);
        published.set(seq);
        seq++;
      } catch (MqttException e) {
        try {
          Thread.sleep(100); // the test publisher's retry delay while the broker is down
        } catch (InterruptedException ie) {
          return;
        }
        if (client != null) {
          try {
            client.close(true);
          } catch (MqttException ignored) {
            // reconnect with a new client
          }
          client = null;
        }
      }
    }
    try {
      client.disconnect();
      client.close();
    } catch (MqttException ignored) {
      // test publisher
    }
  }

  @Test
  void sinkNeverCompletes_brokerRedeliversToNextSession() throws Exception {
    MappingConfig mapping = MqttTestSupport.presets(dir.resolve("dl.jsonl"), "64KiB");
    String clientId = "edge-ack-it";
    RecordingSink holding = new RecordingSink(true);
    try (DeadLetterFile dl = new DeadLetterFile(mapping.deadLetter())) {
      MqttSource first = new MqttSource(MqttTestSupport.sourceConfig(BROKER.serverUri(), clientId, 100),
          new PayloadMapper(mapping, "boot-1"), holding, dl, null);
      first.start();
      await("subscribed", Duration.ofSeconds(10), () -> first.metrics().subscriptions() >= 1);
      MqttClient pub = MqttTestSupport.publisher(BROKER.serverUri(), "it-pub-ack");
      for (int seq = 1; seq <= 5; seq++) {
        pub.publish("gridguard/meter/m-1/telemetry", utf8(telemetry(seq)), 1, false);
      }
      await("five in the holding sink", Duration.ofSeconds(10), () -> holding.size() == 5);
      Thread.sleep(300); // not a wait: the window in which a wrong ack would show (none may)
      assertThat(first.metrics().acked()).isZero();
      first.close(); // the futures never completed: nothing was acknowledged

      RecordingSink second = new RecordingSink();
      try (MqttSource next = new MqttSource(
          MqttTestSupport.sourceConfig(BROKER.serverUri(), clientId, 100),
          new PayloadMapper(mapping, "boot-2"), second, dl, null)) {
        next.start();
        await("redelivery of all five", Duration.ofSeconds(15), () -> second.size() == 5);
        assertThat(sequencesSeen(second)).containsExactly(1L, 2L, 3L, 4L, 5L);
        await("acks of the redelivered", Duration.ofSeconds(5), () -> next.metrics().acked() == 5);
      }

      // now acknowledged: a third session gets nothing more
      RecordingSink third = new RecordingSink();
      try (MqttSource last = new MqttSource(
          MqttTestSupport.sourceConfig(BROKER.serverUri(), clientId, 100),
          new PayloadMapper(mapping, "boot-3"), third, dl, null)) {
        last.start();
        await("connect", Duration.ofSeconds(10), last::isConnected);
        pub.publish("gridguard/meter/m-1/telemetry", utf8(telemetry(6)), 1, false);
        await("the new message", Duration.ofSeconds(10), () -> third.size() >= 1);
        Thread.sleep(500); // not a wait: the window in which a wrong redelivery would show
        assertThat(sequencesSeen(third)).containsExactly(6L);
      }
      pub.disconnect();
      pub.close();
    }
  }

  @Test
  void queueOverflow_reconnectsForRedeliveryAndLosesNothing() throws Exception {
    MappingConfig mapping = MqttTestSupport.presets(dir.resolve("dl.jsonl"), "64KiB");
    String clientId = "edge-overflow-it";
    RecordingSink sink = new RecordingSink();
    try (DeadLetterFile dl = new DeadLetterFile(mapping.deadLetter())) {
      // create the persistent session, then let 2,000 messages queue up in it
      try (MqttSource first = new MqttSource(
          MqttTestSupport.sourceConfig(BROKER.serverUri(), clientId, 8),
          new PayloadMapper(mapping, "boot-1"), new RecordingSink(), dl, null)) {
        first.start();
        await("subscribed", Duration.ofSeconds(10),
            () -> first.metrics().subscriptions() >= 1);
      }
      MqttClient pub = MqttTestSupport.publisher(BROKER.serverUri(), "it-pub-overflow");
      for (int seq = 1; seq <= 2000; seq++) {
        pub.publish("gridguard/meter/m-2/telemetry", utf8(telemetry(seq)), 1, false);
      }
      pub.disconnect();
      pub.close();
      // a queue of 8 cannot take the burst the broker sends on reconnect
      try (MqttSource source = new MqttSource(
          MqttTestSupport.sourceConfig(BROKER.serverUri(), clientId, 8),
          new PayloadMapper(mapping, "boot-2"), sink, dl, null)) {
        source.start();
        await("all 2,000 despite overflows", Duration.ofSeconds(60),
            () -> sequencesSeen(sink).size() == 2000);
        assertThat(source.metrics().queueOverflows()).isPositive();
        assertThat(source.metrics().redeliveryReconnects()).isPositive();
      }
    }
  }

  @Test
  void brokerLostTheSession_sourceSubscribesAgainOnReconnect() throws Exception {
    MappingConfig mapping = MqttTestSupport.presets(dir.resolve("dl.jsonl"), "64KiB");
    String clientId = "edge-session-lost-it";
    RecordingSink sink = new RecordingSink();
    try (DeadLetterFile dl = new DeadLetterFile(mapping.deadLetter());
        MqttSource source = new MqttSource(
            MqttTestSupport.sourceConfig(BROKER.serverUri(), clientId, 100),
            new PayloadMapper(mapping, "boot-1"), sink, dl, null)) {
      source.start();
      await("subscribed", Duration.ofSeconds(10), () -> source.metrics().subscriptions() >= 1);
      // A clean-session connect with the same client id takes the connection over and makes
      // the broker discard the session, subscriptions included (as a broker restart without
      // persistence would).
      MqttClient intruder = new MqttClient(BROKER.serverUri(), clientId,
          new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
      org.eclipse.paho.client.mqttv3.MqttConnectOptions clean =
          new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
      clean.setCleanSession(true);
      intruder.connect(clean);
      intruder.disconnect();
      intruder.close();
      // subscribed again after the reconnect (without the re-subscription this times out)
      await("subscribed again", Duration.ofSeconds(20), () -> source.metrics().connects() >= 2
          && source.metrics().subscriptions() >= 2);
      MqttClient pub = MqttTestSupport.publisher(BROKER.serverUri(), "it-pub-session");
      pub.publish("gridguard/meter/m-3/telemetry", utf8(telemetry(42)), 1, false);
      await("the message after the session was lost", Duration.ofSeconds(10),
          () -> sink.size() == 1);
      assertThat(sequencesSeen(sink)).containsExactly(42L);
      pub.disconnect();
      pub.close();
    }
  }
}
