package org.gridguard.hub.sim;

import java.nio.file.Path;
import org.gridguard.testkit.InfluxDbServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The settings every hub {@code *IT} shares: loopback only, real influxd, H2 file in a temp dir. */
public final class HubTestProperties {
  private HubTestProperties() {}

  /**
   * Ingest on a free loopback port, telemetry into {@code database} of {@code influxd} with short
   * retry backoff, cheap PBKDF2, evidence and the H2 database under {@code dir}.
   */
  public static void localHub(DynamicPropertyRegistry registry, InfluxDbServer influxd,
      String database, Path dir) {
    registry.add("gridguard.influx.url", () -> influxd.url().toString());
    registry.add("gridguard.influx.database", () -> database);
    registry.add("gridguard.influx.max-backoff", () -> "500ms");
    registry.add("gridguard.ingest.port", () -> "0");
    registry.add("gridguard.ingest.host", () -> "127.0.0.1");
    registry.add("gridguard.gateway.pbkdf2-iterations", () -> "1000");
    registry.add("gridguard.evidence.directory", () -> dir.resolve("evidence").toString());
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir.resolve("hub"));
    registry.add("gridguard.security.bootstrap-password-file",
        () -> dir.resolve("bootstrap-admin-password").toString());
  }
}
