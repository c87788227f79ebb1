package org.gridguard.edge.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.gridguard.edge.mapping.MappingConfig;
import org.gridguard.edge.mapping.PayloadMapper;
import org.yaml.snakeyaml.Yaml;

/** The shipped demo config and the edge's shipped presets, for the simulator's tests. */
final class SimFixtures {
  private SimFixtures() {}

  /** deploy/sim/village-sim.yml of this checkout (tests run in edge-agent/). */
  static Path demoConfigFile() {
    Path p = Path.of("..", "deploy", "sim", "village-sim.yml");
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("deploy/sim/village-sim.yml not found from "
          + Path.of("").toAbsolutePath());
    }
    return p;
  }

  static SimConfig demo() {
    return SimConfigParser.load(demoConfigFile());
  }

  static String demoText() throws IOException {
    return Files.readString(demoConfigFile());
  }

  static SimClock clock(SimConfig c) {
    return new SimClock(c.day().start() == null ? LocalTime.of(8, 0) : c.day().start(),
        c.day().length());
  }

  static SimClock clock(String start, Duration length) {
    return new SimClock(LocalTime.parse(start), length);
  }

  /** The edge's own mapper with the three shipped presets, as deploy/local/agent.yml sets them. */
  static PayloadMapper presetMapper() {
    ConfigProblems problems = new ConfigProblems();
    MappingConfig config = MappingConfig.from(ConfigNode.root(new Yaml().load("""
        credential_salt: sim-test-salt
        dead_letter: {path: /tmp/sim-unused-dead-letter.jsonl}
        presets: [gridguard-canonical, acme-access, senscity-sensors]
        """), problems));
    problems.throwIfAny("sim test mapping");
    return new PayloadMapper(config, "sim-boot");
  }
}
