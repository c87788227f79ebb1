package org.gridguard.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gridguard.edge.testhub.TestHub;
import org.gridguard.protocol.v1.Command;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.ReloadMapping;
import org.gridguard.testkit.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted hub changes a real agent's MQTT mapping while it runs, with a real mosquitto
 * (PROTOCOL.md §10): the agent starts with its local file's mapping; the hub pushes
 * {@code mapping.rules} for a new vendor topic and a message published there afterwards arrives
 * at the hub mapped, without a restart; a push with a bad rule is refused with its path and
 * the old mapping still maps; {@code reload_mapping} after the local file was edited adds the
 * file's new preset (the pushed rules still win), and a broken file is refused.
 */
class MappingPushIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  static final MosquittoBroker BROKER = new MosquittoBroker();

  @TempDir Path dir;
  private Path file;

  private String local(int hubPort, String presets) {
    return """
        gateway: {id: village-0421, credential: x}
        hub: {host: 127.0.0.1, port: %d, tls: {enabled: false}}
        spool: {directory: %s}
        uplink: {backoff_base: 100ms, backoff_max: 500ms}
        mqtt: {broker: "%s", client_id: edge-mapping-push-it, watch_broker_drops: false}
        mapping:
          credential_salt: village-0421-salt
          dead_letter: {path: %s}
          presets: %s
          rules:
            - name: local-meter
              topic: local/+/data
              device_id: "{topic[1]}"
              device_type: meter
              readings: [{metric: energy, path: $.e}]
        """.formatted(hubPort, dir.resolve("spool"), BROKER.serverUri(),
        dir.resolve("dead-letter.jsonl"), presets);
  }

  private static final String RIVER_RULES = """
      mapping:
        rules:
          - name: river-gauge
            topic: vendor/river/+/level
            device_id: "{topic[2]}"
            device_type: water_level
            readings: [{metric: water_level, path: $.level, unit: m}]
      """;

  private static ConfigPush push(long version, String yaml) {
    return ConfigPush.newBuilder().setConfigVersion(version).setContentType("application/yaml")
        .setDocument(ByteString.copyFromUtf8(yaml)).build();
  }

  private static CommandResult answer(TestHub hub, String id) {
    await(id).atMost(WAIT).until(() -> hub.result(id) != null);
    return hub.result(id);
  }

  private static List<Record> telemetry(TestHub hub) {
    List<Record> all = new ArrayList<>(hub.stored(Lane.PRIORITY));
    all.addAll(hub.stored(Lane.BULK));
    return all.stream().filter(Record::hasTelemetry).toList();
  }

  /** The reading of this metric the hub got from this device with this value, if any. */
  private static Optional<Record> arrived(TestHub hub, String device, String metric,
      double value) {
    return telemetry(hub).stream().filter(r -> r.getDeviceId().equals(device))
        .filter(r -> r.getTelemetry().getReadingsList().stream()
            .anyMatch(x -> x.getMetric().equals(metric) && x.getNumber() == value))
        .findFirst();
  }

  /**
   * Publishes at QoS 1 until the hub has the reading (once the publish returns the broker has
   * it; the first messages on a topic may precede the agent's subscription to it).
   */
  private static Record publishUntilArrived(MqttClient pub, TestHub hub, String topic,
      String payload, String device, String metric, double value) throws Exception {
    long[] lastPublish = {0};
    java.util.concurrent.atomic.AtomicReference<Record> got =
        new java.util.concurrent.atomic.AtomicReference<>();
    // published again every 2 s (a message before the new mapping applies is mapped by the old)
    await(metric + "=" + value + " of " + device + " published on " + topic
        + " reaching the hub").atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
          if (System.nanoTime() - lastPublish[0] >= Duration.ofSeconds(2).toNanos()) {
            pub.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
            lastPublish[0] = System.nanoTime();
          }
          Optional<Record> r = arrived(hub, device, metric, value);
          r.ifPresent(got::set);
          return r.isPresent();
        });
    return got.get();
  }

  @Test
  void hubChangesTheMapping_newTopicMappedWithoutRestart_badRuleRefused_reloadReadsTheFile()
      throws Exception {
    file = dir.resolve("agent.yml");
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    MqttClient pub = new MqttClient(BROKER.serverUri(), "mapping-push-it-pub",
        new MemoryPersistence());
    pub.connect(options);
    try (TestHub hub = new TestHub().start()) {
      Files.writeString(file, local(hub.port(), "[]"));
      try (Agent agent = Agent.start(StartupConfig.load(file))) {
        await("session").atMost(WAIT).until(() -> hub.openSessions() == 1);
        // the local file's mapping maps
        publishUntilArrived(pub, hub, "local/m-1/data", "{\"e\": 7.5}", "m-1", "energy", 7.5);
        assertThat(agent.metrics().gaugeValue("mapping.rules_in_force")).isEqualTo(1);

        // 1. the hub's own rules for a new vendor topic: mapped from the next message on
        hub.send(push(1, RIVER_RULES));
        CommandResult first = answer(hub, "config:1");
        assertThat(first.getOk()).as(first.getMessage()).isTrue();
        assertThat(first.getMessage()).contains("mapping swapped (1 rule(s), subscribed to "
            + "[vendor/river/+/level], unsubscribed from [local/+/data])");
        pub.publish("vendor/river/WL-7/level", "{\"level\": 1.25}"
            .getBytes(StandardCharsets.UTF_8), 1, false);
        await("the vendor reading at the hub").atMost(WAIT)
            .until(() -> arrived(hub, "WL-7", "water_level", 1.25).isPresent());
        Record river = arrived(hub, "WL-7", "water_level", 1.25).orElseThrow();
        assertThat(river.getTelemetry().getDeviceType()).isEqualTo("water_level");
        assertThat(river.getTelemetry().getReadings(0).getUnit()).isEqualTo("m");
        assertThat(Files.readString(dir.resolve("pushed-config.yml")))
            .contains("river-gauge");
        // the dead-letter file goes on under the new mapping
        pub.publish("vendor/river/WL-7/level", "{\"level\": \"high\"}"
            .getBytes(StandardCharsets.UTF_8), 1, false);
        Path deadLetters = dir.resolve("dead-letter.jsonl");
        await("the unusable vendor payload dead-lettered").atMost(WAIT)
            .until(() -> Files.exists(deadLetters)
                && Files.readString(deadLetters).contains("vendor/river/WL-7/level"));

        // 2. a bad rule: refused with its path, the old mapping still maps
        hub.send(push(2, """
            mapping:
              rules:
                - {name: broken, topic: "vendor/#/x", device_id: "{topic[1]}",
                   device_type: meter, readings: [{metric: e, path: $.e}]}
            """));
        CommandResult second = answer(hub, "config:2");
        assertThat(second.getOk()).isFalse();
        assertThat(second.getMessage().split("\n"))
            .anySatisfy(p -> assertThat(p).startsWith("mapping.rules[0].topic: "));
        pub.publish("vendor/river/WL-7/level", "{\"level\": 1.5}"
            .getBytes(StandardCharsets.UTF_8), 1, false);
        await("the old mapping still maps").atMost(WAIT)
            .until(() -> arrived(hub, "WL-7", "water_level", 1.5).isPresent());

        // 3. reload_mapping after the technician added a preset to the local file: the
        // preset's topics are mapped too, the pushed rules still win over the file's own rules
        Files.writeString(file, local(hub.port(), "[gridguard-canonical]"));
        hub.send(Command.newBuilder().setCommandId("reload-1")
            .setReloadMapping(ReloadMapping.getDefaultInstance()).build());
        CommandResult reload = answer(hub, "reload-1");
        assertThat(reload.getOk()).as(reload.getMessage()).isTrue();
        assertThat(reload.getMessage()).startsWith("mapping reloaded from " + file)
            .contains("[mapping.rules] of the last config push win over the file's");
        publishUntilArrived(pub, hub, "gridguard/meter/m-9/telemetry",
            "{\"readings\": [{\"metric\": \"energy\", \"value\": 3.0}]}", "m-9", "energy", 3.0);
        pub.publish("vendor/river/WL-7/level", "{\"level\": 1.75}"
            .getBytes(StandardCharsets.UTF_8), 1, false);
        await("the pushed rule still maps").atMost(WAIT)
            .until(() -> arrived(hub, "WL-7", "water_level", 1.75).isPresent());

        // 4. a broken local file: refused with every problem, the running mapping stays
        Files.writeString(file, local(hub.port(), "[no-such-preset]"));
        hub.send(Command.newBuilder().setCommandId("reload-2")
            .setReloadMapping(ReloadMapping.getDefaultInstance()).build());
        CommandResult broken = answer(hub, "reload-2");
        assertThat(broken.getOk()).isFalse();
        assertThat(broken.getMessage()).startsWith("mapping.presets[0]: unknown preset "
            + "'no-such-preset'");
        pub.publish("gridguard/meter/m-9/telemetry",
            "{\"readings\": [{\"metric\": \"energy\", \"value\": 4.0}]}"
                .getBytes(StandardCharsets.UTF_8), 1, false);
        await("the reloaded mapping still maps").atMost(WAIT)
            .until(() -> arrived(hub, "m-9", "energy", 4.0).isPresent());

        assertThat(agent.metrics().counterValue(
            "mapping.reloads[trigger=push,outcome=applied]")).isEqualTo(1);
        assertThat(agent.metrics().counterValue(
            "mapping.reloads[trigger=push,outcome=rejected]")).isEqualTo(1);
        assertThat(agent.metrics().counterValue(
            "mapping.reloads[trigger=command,outcome=applied]")).isEqualTo(1);
        assertThat(agent.metrics().counterValue(
            "mapping.reloads[trigger=command,outcome=rejected]")).isEqualTo(1);
        assertThat(agent.metrics().gaugeValue("mapping.rules_in_force"))
            .as("the pushed rule and the canonical preset's").isGreaterThan(1);
        assertThat(agent.metrics().prometheusText())
            .contains("gridguard_edge_mapping_reloads_total{outcome=\"applied\",trigger=\"push\"}")
            .contains("gridguard_edge_mapping_rules_in_force");
      }
    } finally {
      pub.disconnect();
      pub.close();
    }
  }
}
