package org.gridguard.hub.alarm;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link AlarmRetentionContract} on the embedded H2 database. */
@SpringBootTest
class AlarmRetentionH2IT extends AlarmRetentionContract {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-alarm-ret-h2");
    HubTestProperties.localHub(registry, influxd, "gg_alarm_ret", dir);
  }
}
