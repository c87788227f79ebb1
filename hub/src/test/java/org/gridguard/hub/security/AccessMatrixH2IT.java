package org.gridguard.hub.security;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcPrint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link AccessMatrixContract} on the embedded H2 database. */
@SpringBootTest
// no printing: an SSE row's stream thread may still write headers while MockMvc prints them
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@AutoConfigureObservability
class AccessMatrixH2IT extends AccessMatrixContract {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-access-h2");
    HubTestProperties.localHub(registry, influxd, "gg_access", dir);
    registry.add("gridguard.security.sign-in-max-failures", () -> "1000");
  }
}
