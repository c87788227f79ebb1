package org.gridguard.hub.device;

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

/** {@link ConfigPushContract} on the embedded H2 database. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(ConfigPushContract.TestClock.class)
class ConfigPushH2IT extends ConfigPushContract {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-config-push-h2");
    HubTestProperties.localHub(registry, influxd, "gg_config_push", dir);
    registry.add("gridguard.security.sign-in-max-failures", () -> "1000");
    registry.add("gridguard.device.secret-key-file", () -> dir.resolve("device-secret-key").toString());
    // the tests run the sweep themselves
    registry.add("gridguard.config-push.sweep-interval", () -> "10m");
  }
}
