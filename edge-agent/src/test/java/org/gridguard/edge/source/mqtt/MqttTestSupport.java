package org.gridguard.edge.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.gridguard.edge.mapping.DeadLetterConfig;
import org.gridguard.edge.mapping.MappingConfig;
import org.yaml.snakeyaml.Yaml;

/** Shared set-up of the MQTT integration tests. */
final class MqttTestSupport {
  private MqttTestSupport() {}

  static MqttConfig sourceConfig(String serverUri, String clientId, int queueCapacity) {
    return new MqttConfig(serverUri, clientId, null, null, Duration.ofSeconds(10),
        Duration.ofSeconds(5), Duration.ofSeconds(2), queueCapacity, true);
  }

  static MappingConfig presets(Path deadLetterFile, String maxPayload) {
    ConfigProblems problems = new ConfigProblems();
    MappingConfig config = MappingConfig.from(ConfigNode.root(new Yaml().load("""
        credential_salt: integration-test-salt
        max_payload_bytes: %s
        dead_letter: {path: %s, max_file_bytes: 1MiB, max_files: 3, max_payload_chars: 200}
        presets: [gridguard-canonical, acme-access, senscity-sensors]
        """.formatted(maxPayload, deadLetterFile)), problems));
    problems.throwIfAny("test mapping");
    return config;
  }

  static DeadLetterConfig deadLetters(MappingConfig config) {
    return config.deadLetter();
  }

  static MqttClient publisher(String serverUri, String id) throws MqttException {
    MqttClient client = new MqttClient(serverUri, id, new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(true);
    o.setMaxInflight(1000);
    o.setConnectionTimeout(5);
    client.connect(o);
    return client;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Polls {@code condition} every 20 ms; fails naming {@code what} after {@code timeout}. */
  static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    org.awaitility.Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(20))
        .until(condition::getAsBoolean);
  }
}
