package org.gridguard.hub.incident;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link IncidentContract} on the embedded H2 database. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(IncidentContract.Clocks.class)
class IncidentH2IT extends IncidentContract {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-incident-h2");
    HubTestProperties.localHub(registry, influxd, "gg_incident", dir);
    registry.add("gridguard.security.sign-in-max-failures", () -> "1000");
    registry.add("gridguard.incident.sweep-interval", () -> "1h");
  }
}
