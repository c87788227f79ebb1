package org.gridguard.edge.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridguard.edge.source.mqtt.MqttTestSupport.await;
import static org.gridguard.edge.source.mqtt.MqttTestSupport.utf8;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.gridguard.edge.mapping.DeadLetterFile;
import org.gridguard.edge.mapping.MappingConfig;
import org.gridguard.edge.mapping.PayloadMapper;
import org.gridguard.edge.spool.RecordingSink;
import org.gridguard.edge.testbroker.GatewayMosquitto;
import org.gridguard.protocol.v1.DeviceState;
import org.gridguard.protocol.v1.DeviceStatus;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: messages mosquitto drops (queue limit reached) show up at the agent — a metric and
 * a gateway-level DEGRADED status record for the hub — read from the broker's own $SYS counter.
 * The broker runs the shipped config with a tiny queue so that it must drop.
 */
class BrokerDropsIT {
  private static final int QUEUE = 5;
  private static final int IN_FLIGHT = 1;
  @RegisterExtension
  static final GatewayMosquitto BROKER = new GatewayMosquitto(GatewayMosquitto.SHIPPED_CONFIG,
      "max_queued_messages " + QUEUE, "max_inflight_messages " + IN_FLIGHT, "sys_interval 1");
  private static final String TOPIC = "gridguard/meter/m-drops/telemetry";
  @TempDir Path dir;

  private static byte[] telemetry(long seq) {
    return utf8("{\"ts\": " + (1763701000000L + seq) + ", \"readings\": [{\"metric\": \"seq\", "
        + "\"value\": " + seq + "}]}");
  }

  private static List<DeviceStatus> statuses(RecordingSink sink) {
    return sink.records().stream().filter(Record::hasStatus).map(Record::getStatus).toList();
  }

  @Test
  void brokerDropsForAStalledAgent_reportedAsDegradedStatusWithTheCount() throws Exception {
    MappingConfig mapping = MqttTestSupport.presets(dir.resolve("dl.jsonl"), "64KiB");
    RecordingSink stalled = new RecordingSink(true); // the spool never completes: no PUBACKs
    MqttClient pub = MqttTestSupport.publisher(BROKER.serverUri(), "it-drops-pub");
    try (DeadLetterFile dl = new DeadLetterFile(mapping.deadLetter());
        MqttSource source = new MqttSource(
            MqttTestSupport.sourceConfig(BROKER.serverUri(), "edge-drops-it", 100),
            new PayloadMapper(mapping, "boot-drops"), stalled, dl, null, "boot-drops")) {
      source.start();
      // the broker's retained $SYS figures arrive once the subscription (one SUBSCRIBE for all
      // filters) is in place
      await("the broker's $SYS figures", Duration.ofSeconds(15),
          () -> source.brokerStoredMessages() >= 0);
      assertThat(source.metrics().brokerDropped()).isZero();

      int burst = 50;
      for (int seq = 1; seq <= burst; seq++) {
        pub.publish(TOPIC, telemetry(seq), 1, false);
      }

      await("a DEGRADED status from the broker's drop counter", Duration.ofSeconds(15),
          () -> !statuses(stalled).isEmpty());
      // everything beyond the in-flight window and the queue was dropped
      long expected = (long) burst - IN_FLIGHT - QUEUE;
      await("all drops counted", Duration.ofSeconds(15),
          () -> source.metrics().brokerDropped() == expected);
      DeviceStatus status = statuses(stalled).get(statuses(stalled).size() - 1);
      Record record = stalled.records().stream().filter(Record::hasStatus).reduce((a, b) -> b)
          .orElseThrow();
      assertThat(record.getDeviceId()).as("a gateway-level record").isEmpty();
      assertThat(record.getBootId()).isEqualTo("boot-drops");
      assertThat(status.getState()).isEqualTo(DeviceState.DEGRADED);
      assertThat(status.getDetail()).contains("MQTT broker dropped").contains("max_queued_messages");
      assertThat(status.getMetricsMap()).containsEntry("mqtt_broker_dropped_total", (double) expected);
      assertThat(statuses(stalled).stream().mapToDouble(s -> s.getMetricsOrThrow("mqtt_broker_dropped")).sum())
          .as("the records' increases add up to the drops").isEqualTo((double) expected);
      assertThat(source.metrics().deadLettered()).as("$SYS messages are not mapped").isZero();
    } finally {
      pub.disconnect();
      pub.close();
    }
  }
}
