package org.gridguard.edge.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridguard.edge.source.mqtt.MqttTestSupport.await;
import static org.gridguard.edge.source.mqtt.MqttTestSupport.utf8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.paho.client.mqttv3.MqttClient;
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
 * Fault test 5: garbage, truncated and huge payloads on every mapped topic are dead-lettered
 * with reasons and acknowledged, while the valid stream interleaved with them arrives whole.
 */
class MqttGarbageIT {
  @RegisterExtension static final MosquittoBroker BROKER = new MosquittoBroker();
  @TempDir Path dir;

  /** Per mapped topic filter: topic, a valid payload, a wrong one, and the reason expected. */
  private static final String[][] TOPICS = {
      {"gridguard/smoke/sm-%d/telemetry",
          "{\"ts\": 1763701000000, \"readings\": [{\"metric\": \"smoke_density\", \"value\": %d}]}",
          "{\"readings\": [{\"metric\": \"smoke_density\", \"value\": {\"v\": 1}}]}",
          "$.readings[0].value: expected a number, flag or text, found an object"},
      {"gridguard/door/gate-%d/event", "{\"kind\": \"DOOR_OPENED\", \"channel\": \"%d\"}",
          "{\"kind\": 5}", "$.kind: unknown vendor event code '5'"},
      {"acme/access/AC-%d/event",
          "{\"sn\": \"AC-1\", \"door\": %d, \"evt\": 1, \"card\": \"123\", \"time\": \"2025-11-21 13:05:07\"}",
          "{\"sn\": \"AC-1\", \"door\": 1, \"evt\": 77, \"time\": \"2025-11-21 13:05:07\"}",
          "$.evt: unknown vendor event code '77'"},
      {"acme/access/AC-%d/status",
          "{\"sn\": \"AC-1\", \"time\": \"2025-11-21 13:05:07\", \"battery\": %d}",
          "{\"sn\": \"AC-1\", \"time\": \"2025-11-21 13:05:07\", \"battery\": \"low\"}",
          "$.battery: expected a number, found \"low\""},
      {"senscity/v1/SC-%d/up",
          "{\"devEui\": \"SC-1\", \"product\": \"water\", \"ts\": 1763701507123, \"data\": {\"level_mm\": %d}}",
          "{\"devEui\": \"SC-1\", \"product\": \"water\", \"data\": {\"level_mm\": [1]}}",
          "$.data.level_mm: expected a number, found an array"},
  };

  @Test
  void garbageOnEveryTopic_deadLetteredWithReasons_validStreamUnaffected() throws Exception {
    Path dlFile = dir.resolve("dead-letter.jsonl");
    MappingConfig mapping = MqttTestSupport.presets(dlFile, "4KiB");
    RecordingSink sink = new RecordingSink();
    Random random = new Random(42);
    try (DeadLetterFile dl = new DeadLetterFile(mapping.deadLetter());
        MqttSource source = new MqttSource(
            MqttTestSupport.sourceConfig(BROKER.serverUri(), "edge-garbage-it", 10_000),
            new PayloadMapper(mapping, "boot-it"), sink, dl, null)) {
      source.start();
      await("subscribed", Duration.ofSeconds(10), () -> source.metrics().subscriptions() >= 1);
      MqttClient pub = MqttTestSupport.publisher(BROKER.serverUri(), "it-garbage-pub");
      int valid = 0;
      int bad = 0;
      List<String> badTopics = new ArrayList<>();
      byte[] huge = utf8("{\"pad\": \"" + "x".repeat(200_000) + "\"}");
      for (int round = 0; round < 40; round++) {
        for (String[] t : TOPICS) {
          String topic = t[0].formatted(round % 3);
          String full = t[1].formatted(round + 1);
          pub.publish(topic, utf8(full), 1, false);
          valid++;
          byte[] garbage = new byte[1 + random.nextInt(300)];
          random.nextBytes(garbage);
          byte[][] bads = {garbage, utf8(full.substring(0, full.length() / 2)), huge,
              utf8(t[2]), new byte[0]};
          for (byte[] b : bads) {
            pub.publish(topic, b, 1, false);
            bad++;
            badTopics.add(topic);
          }
        }
      }
      int validCount = valid;
      int badCount = bad;
      await("every valid message mapped", Duration.ofSeconds(60),
          () -> source.metrics().mapped() == validCount);
      await("every bad message dead-lettered", Duration.ofSeconds(60),
          () -> source.metrics().deadLettered() == badCount);
      await("everything acknowledged", Duration.ofSeconds(30),
          () -> source.metrics().acked() == validCount + badCount);
      assertThat(dl.drain(10_000)).isTrue();
      assertThat(dl.dropped()).isZero();
      assertThat(sink.records()).hasSize(validCount);
      assertThat(sink.records()).allMatch(r -> r.hasTelemetry() || r.hasEvent());
      assertThat(sink.records().stream().map(Record::getBodyCase).distinct()).hasSize(2);

      List<JsonNode> lines = new ArrayList<>();
      for (String l : readAll(dlFile)) {
        lines.add(new ObjectMapper().readTree(l));
      }
      assertThat(lines).hasSize(badCount);
      assertThat(lines).extracting(n -> n.get("topic").asText()).containsExactlyInAnyOrderElementsOf(badTopics);
      List<String> reasons = lines.stream().map(n -> n.get("reason").asText()).toList();
      assertThat(reasons).anyMatch(r -> r.startsWith("payload: not valid JSON"));
      assertThat(reasons).contains("payload: " + huge.length
          + " bytes is over the limit of 4096 bytes (mapping.max_payload_bytes)");
      assertThat(reasons).contains("payload: is empty");
      for (String[] t : TOPICS) {
        assertThat(reasons).as(t[0]).anyMatch(r -> r.startsWith(t[3]));
      }
      assertThat(lines).allMatch(n -> n.get("payload").asText().codePoints().count() <= 200);
      assertThat(lines).anyMatch(n -> n.get("truncated").asBoolean());
      pub.disconnect();
      pub.close();
    }
  }

  private static List<String> readAll(Path file) throws Exception {
    List<String> out = new ArrayList<>();
    for (int i = 2; i >= 1; i--) {
      Path rotated = file.resolveSibling(file.getFileName() + "." + i);
      if (Files.exists(rotated)) {
        out.addAll(Files.readAllLines(rotated));
      }
    }
    out.addAll(Files.readAllLines(file));
    return out;
  }
}
