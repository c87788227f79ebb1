package org.gridguard.hub.security;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ScopingContract} on the embedded H2 database. */
@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureObservability
class ScopingH2IT extends ScopingContract {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  @Override
  InfluxDbServer influxd() {
    return influxd;
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-scope-h2");
    HubTestProperties.localHub(registry, influxd, ScopingContract.DB, dir);
    registry.add("gridguard.security.sign-in-max-failures", () -> "1000");
  }
}
