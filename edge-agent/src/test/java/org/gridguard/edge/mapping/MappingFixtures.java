package org.gridguard.edge.mapping;

import java.nio.charset.StandardCharsets;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.yaml.snakeyaml.Yaml;

/** Builds mapping configs from YAML text, as the agent's loader would. */
final class MappingFixtures {
  static final String BOOT = "boot-1";

  private MappingFixtures() {}

  static MappingConfig config(String yaml) {
    ConfigProblems problems = new ConfigProblems();
    MappingConfig config = MappingConfig.from(ConfigNode.root(new Yaml().load(yaml), problems));
    problems.throwIfAny("test config");
    return config;
  }

  static ConfigProblems problems(String yaml) {
    ConfigProblems problems = new ConfigProblems();
    MappingConfig.from(ConfigNode.root(new Yaml().load(yaml), problems));
    return problems;
  }

  static PayloadMapper presets() {
    return new PayloadMapper(config("""
        credential_salt: test-salt-123
        dead_letter: {path: /tmp/unused.jsonl}
        presets: [gridguard-canonical, acme-access, senscity-sensors]
        """), BOOT);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
