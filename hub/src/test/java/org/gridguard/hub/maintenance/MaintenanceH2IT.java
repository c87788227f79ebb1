package org.gridguard.hub.maintenance;

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

/** {@link MaintenanceContract} on the embedded H2 database. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(MaintenanceContract.Clocks.class)
class MaintenanceH2IT extends MaintenanceContract {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-maintenance-h2");
    HubTestProperties.localHub(registry, influxd, "gg_maintenance", dir);
    MaintenanceContract.quiet(registry);
  }
}
