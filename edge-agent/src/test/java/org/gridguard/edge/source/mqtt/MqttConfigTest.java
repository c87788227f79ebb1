package org.gridguard.edge.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class MqttConfigTest {
  private static MqttConfig parse(String yaml, ConfigProblems problems) {
    return MqttConfig.from(ConfigNode.root(new Yaml().load(yaml), problems));
  }

  @Test
  void from_minimal_appliesDefaults() {
    ConfigProblems problems = new ConfigProblems();
    MqttConfig c = parse("client_id: gridguard-edge-v001\n", problems);
    assertThat(problems.list()).isEmpty();
    assertThat(c.broker()).isEqualTo("tcp://127.0.0.1:1883");
    assertThat(c.keepAlive()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.queueCapacity()).isEqualTo(10_000);
    assertThat(c.badTimestamps()).isEqualTo(org.gridguard.edge.mapping.BadTimestamps.REPLACE);
  }

  @Test
  void from_badTimestamps_deadLetterOrProblem() {
    ConfigProblems problems = new ConfigProblems();
    assertThat(parse("client_id: e\nbad_timestamps: dead_letter\n", problems).badTimestamps())
        .isEqualTo(org.gridguard.edge.mapping.BadTimestamps.DEAD_LETTER);
    parse("client_id: e\nbad_timestamps: drop\n", problems);
    assertThat(problems.list()).singleElement().asString().startsWith("bad_timestamps:");
  }

  @Test
  void from_badValues_listsProblemsWithPaths() {
    ConfigProblems problems = new ConfigProblems();
    MqttConfig c = parse("""
        broker: http://broker
        client_id: "edge #1"
        password: secret
        queue_capacity: 0
        keepalive: 10s
        """, problems);
    assertThat(problems.list()).containsExactlyInAnyOrder(
        "broker: must look like tcp://host:port or ssl://host:port, was 'http://broker'",
        "client_id: must be 1-92 characters of [A-Za-z0-9._-], was 'edge #1'",
        "password: given without username",
        "queue_capacity: must be within [1, 1000000], was 0",
        "keepalive: unknown key");
    assertThat(c.toString()).doesNotContain("secret");
  }
}
