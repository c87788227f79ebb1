package org.gridguard.hub.device;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link HealthRetentionContract} on the embedded H2 database. */
@SpringBootTest
class HealthRetentionH2IT extends HealthRetentionContract {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-hret-h2");
    HubTestProperties.localHub(registry, influxd, "gg_hret", dir);
    registry.add("gridguard.device.secret-key-file", () -> dir.resolve("device-secret-key").toString());
  }
}
