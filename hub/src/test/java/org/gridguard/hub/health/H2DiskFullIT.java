package org.gridguard.hub.health;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The H2 file database on a "disk" that fills up and then has room again
 * ({@link FullDiskFilePath}). Before the fix the pool kept its closed-database connections and
 * the hub rejected every Hello until restarted, while health said UP.
 */
class H2DiskFullIT extends DatabaseRecoveryContract {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();
  private static Path dir;

  @DynamicPropertySource
  static synchronized void properties(DynamicPropertyRegistry registry) throws Exception {
    FullDiskFilePath.install();
    if (dir == null) {
      dir = Files.createTempDirectory("gg-h2-full-");
    }
    HubTestProperties.localHub(registry, influxd, "gg_h2_full", dir);
    registry.add("spring.datasource.url",
        () -> "jdbc:h2:" + FullDiskFilePath.SCHEME + ":" + dir.resolve("hub"));
    registry.add("spring.datasource.hikari.connection-timeout", () -> "3000");
    registry.add("gridguard.health.db-probe-interval", () -> "500ms");
  }

  @Override
  protected void breakDatabase() {
    FullDiskFilePath.full = true;
  }

  @Override
  protected void repairDatabase() {
    FullDiskFilePath.full = false;
  }
}
