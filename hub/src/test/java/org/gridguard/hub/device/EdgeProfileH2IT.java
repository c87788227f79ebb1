package org.gridguard.hub.device;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link EdgeProfileContract} on the embedded H2 database. */
@SpringBootTest
@AutoConfigureMockMvc
class EdgeProfileH2IT extends EdgeProfileContract {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-edge-profile-h2");
    HubTestProperties.localHub(registry, influxd, "gg_edge_profile", dir);
    registry.add("gridguard.security.sign-in-max-failures", () -> "1000");
    registry.add("gridguard.device.secret-key-file", () -> dir.resolve("device-secret-key").toString());
  }
}
