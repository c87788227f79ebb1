package org.gridguard.hub.health;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.gridguard.testkit.PostgresServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** PostgreSQL (Debian package postgresql) stopped under the hub and started again. */
class PostgresRestartIT extends DatabaseRecoveryContract {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();
  private static Path dir;

  @DynamicPropertySource
  static synchronized void properties(DynamicPropertyRegistry registry) throws Exception {
    if (dir == null) {
      dir = Files.createTempDirectory("gg-pg-restart-");
    }
    HubTestProperties.localHub(registry, influxd, "gg_pg_restart", dir);
    registry.add("spring.datasource.url", postgres::jdbcUrl);
    registry.add("spring.datasource.username", postgres::username);
    registry.add("spring.datasource.password", postgres::password);
    registry.add("spring.datasource.hikari.connection-timeout", () -> "3000");
    registry.add("gridguard.health.db-probe-interval", () -> "500ms");
  }

  @Override
  protected void breakDatabase() {
    postgres.stop();
  }

  @Override
  protected void repairDatabase() {
    postgres.start();
  }
}
