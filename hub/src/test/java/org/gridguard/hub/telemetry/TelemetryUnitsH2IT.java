package org.gridguard.hub.telemetry;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link TelemetryUnitsContract} on H2. */
@SpringBootTest
@AutoConfigureMockMvc
class TelemetryUnitsH2IT extends TelemetryUnitsContract {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-units-h2");
    HubTestProperties.localHub(registry, influxd, "gg_units_h2", dir);
    registry.add("gridguard.telemetry.units.flush-interval", () -> "10m");
  }
}
