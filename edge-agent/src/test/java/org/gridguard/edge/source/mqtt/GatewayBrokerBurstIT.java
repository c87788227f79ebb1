package org.gridguard.edge.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridguard.edge.source.mqtt.MqttTestSupport.await;
import static org.gridguard.edge.source.mqtt.MqttTestSupport.utf8;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.gridguard.edge.mapping.DeadLetterFile;
import org.gridguard.edge.mapping.MappingConfig;
import org.gridguard.edge.mapping.PayloadMapper;
import org.gridguard.edge.spool.RecordingSink;
import org.gridguard.edge.testbroker.GatewayMosquitto;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a burst of 10,000 QoS 1 messages, ten times mosquitto's default queue of 1,000,
 * against a broker with the shipped {@code deploy/mosquitto-gateway.conf} — every message
 * reaches the agent, whether the agent is offline during the burst or online but slower than
 * the publisher. With mosquitto's defaults (1,000 queued, 20 in flight) about 9,000 are lost.
 */
class GatewayBrokerBurstIT {
  @RegisterExtension
  static final GatewayMosquitto BROKER = new GatewayMosquitto(GatewayMosquitto.SHIPPED_CONFIG);
  private static final int MESSAGES = 10_000;
  private static final String TOPIC = "gridguard/meter/m-burst/telemetry";
  @TempDir Path dir;

  private static String telemetry(long seq) {
    return "{\"ts\": " + (1763701000000L + seq) + ", \"readings\": [{\"metric\": \"seq\", \"value\": "
        + seq + "}]}";
  }

  private static Set<Long> sequencesSeen(RecordingSink sink) {
    return sink.records().stream().map(Record::getTelemetry)
        .map(t -> t.getReadings(0).getInteger()).filter(seq -> seq > 0)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private MqttSource source(String clientId, RecordingSink sink, DeadLetterFile dl,
      MappingConfig mapping) throws MqttException {
    return new MqttSource(MqttTestSupport.sourceConfig(BROKER.serverUri(), clientId, 10_000),
        new PayloadMapper(mapping, "boot-burst"), sink, dl, null);
  }

  /** Publishes probes (sequence 0) until one arrives: the subscription is in place. */
  private static void awaitSubscribed(MqttClient pub, RecordingSink sink) throws Exception {
    // a probe every 200 ms until one has arrived
    org.awaitility.Awaitility.await("the subscription").atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200)).until(() -> {
          if (sink.size() == 0) {
            pub.publish(TOPIC, utf8(telemetry(0)), 1, false);
          }
          return sink.size() > 0;
        });
  }

  private static void publishBurst(MqttClient pub) throws MqttException {
    for (long seq = 1; seq <= MESSAGES; seq++) {
      pub.publish(TOPIC, utf8(telemetry(seq)), 1, false);
    }
  }

  @Test
  void burstWhileAgentOffline_allArriveWhenItReconnects() throws Exception {
    MappingConfig mapping = MqttTestSupport.presets(dir.resolve("dl.jsonl"), "64KiB");
    String clientId = "edge-burst-offline";
    MqttClient pub = MqttTestSupport.publisher(BROKER.serverUri(), "it-burst-pub-1");
    try (DeadLetterFile dl = new DeadLetterFile(mapping.deadLetter())) {
      RecordingSink first = new RecordingSink();
      MqttSource subscribed = source(clientId, first, dl, mapping);
      subscribed.start();
      awaitSubscribed(pub, first);
      subscribed.close(); // persistent session: the broker queues for it from now on

      publishBurst(pub);

      RecordingSink second = new RecordingSink();
      try (MqttSource back = source(clientId, second, dl, mapping)) {
        back.start();
        await("all " + MESSAGES + " after the reconnect", Duration.ofSeconds(90),
            () -> sequencesSeen(second).size() == MESSAGES);
        assertThat(sequencesSeen(second)).first().isEqualTo(1L);
        assertThat(sequencesSeen(second)).last().isEqualTo((long) MESSAGES);
        assertThat(back.metrics().deadLettered()).isZero();
      }
    } finally {
      pub.disconnect();
      pub.close();
    }
  }

  @Test
  void burstFasterThanTheSpool_allArrive() throws Exception {
    MappingConfig mapping = MqttTestSupport.presets(dir.resolve("dl.jsonl"), "64KiB");
    MqttClient pub = MqttTestSupport.publisher(BROKER.serverUri(), "it-burst-pub-2");
    RecordingSink stalled = new RecordingSink(true); // the spool does not complete: no PUBACKs
    try (DeadLetterFile dl = new DeadLetterFile(mapping.deadLetter());
        MqttSource source = source("edge-burst-online", stalled, dl, mapping)) {
      source.start();
      awaitSubscribed(pub, stalled);
      stalled.release();

      publishBurst(pub); // the broker accepted all of them: whatever it drops, it drops silently
      assertThat(sequencesSeen(stalled)).as("only the in-flight window reaches a stalled agent")
          .hasSizeLessThan(MESSAGES);

      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (sequencesSeen(stalled).size() < MESSAGES) {
        assertThat(System.nanoTime()).as("waiting for all " + MESSAGES + "; have "
            + sequencesSeen(stalled).size()).isLessThan(deadline);
        stalled.release(); // the spool catches up: acks go out, the broker sends the next window
        await("more messages or all", Duration.ofSeconds(10),
            () -> stalled.size() > source.metrics().acked() || sequencesSeen(stalled).size() == MESSAGES);
      }
      assertThat(sequencesSeen(stalled)).first().isEqualTo(1L);
      assertThat(sequencesSeen(stalled)).last().isEqualTo((long) MESSAGES);
      assertThat(source.metrics().queueOverflows()).isZero();
    } finally {
      pub.disconnect();
      pub.close();
    }
  }
}
