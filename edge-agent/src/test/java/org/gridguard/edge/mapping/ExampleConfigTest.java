package org.gridguard.edge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.gridguard.edge.rules.RulesConfig;
import org.gridguard.edge.source.mqtt.MqttConfig;
import org.gridguard.protocol.v1.EventKind;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The documented example config in deploy/ parses without problems and maps what it says. */
class ExampleConfigTest {
  @Test
  void exampleConfig_parsesEverySliceWithoutProblems() throws Exception {
    Object doc;
    try (Reader r = Files.newBufferedReader(Path.of("../deploy/edge-mappings.example.yml"))) {
      doc = new Yaml().load(r);
    }
    ConfigProblems problems = new ConfigProblems();
    ConfigNode root = ConfigNode.root(doc, problems);
    MqttConfig.from(root.child("mqtt"));
    MappingConfig mapping = MappingConfig.from(root.child("mapping"));
    RulesConfig.from(root.child("rules"));
    root.rejectUnknownKeys();
    assertThat(problems.list()).isEmpty();

    MappingResult result = new PayloadMapper(mapping, "b").map("zulu/door/7", MappingFixtures.utf8(
        "{\"msgType\": \"event\", \"controller\": {\"id\": \"Z-7\"}, \"epoch\": 1763701000,"
            + " \"code\": \"0x21\", \"doorNo\": 1}"), 0);
    Record r = ((MappingResult.Mapped) result).records().get(0);
    assertThat(r.getEvent().getKind()).isEqualTo(EventKind.DOOR_FORCED);
    assertThat(r.getCaptureTimeMs()).isEqualTo(1763701000000L);
    assertThat(Map.of("device", r.getDeviceId())).containsEntry("device", "Z-7");
  }
}
