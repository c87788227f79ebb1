package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.gridguard.testkit.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two sweepers (as on two hub instances: separate threads, separate transactions, one
 * PostgreSQL) started together over the same gateways and devices: every transition is recorded
 * exactly once, and the two sweeps' counts add up to it.
 */
@SpringBootTest
@Import(HealthContract.Clocks.class)
class HealthSweepRacePostgresIT {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();
  private static final int GATEWAYS = 150;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-health-race");
    HubTestProperties.localHub(registry, influxd, "gg_health_race", dir);
    HealthContract.quiet(registry);
    registry.add("gridguard.device-health.sweep-batch", () -> "20");
    registry.add("spring.datasource.url", postgres::jdbcUrl);
    registry.add("spring.datasource.username", postgres::username);
    registry.add("spring.datasource.password", postgres::password);
  }

  @Autowired HealthSweep sweep;
  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;

  private int race() throws Exception {
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      CyclicBarrier start = new CyclicBarrier(2);
      List<Future<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(two.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return sweep.sweep();
        }));
      }
      return runs.get(0).get(60, TimeUnit.SECONDS) + runs.get(1).get(60, TimeUnit.SECONDS);
    } finally {
      two.shutdownNow();
    }
  }

  @Test
  void sweep_twoSweepersRacing_eachTransitionRecordedOnce() throws Exception {
    Timestamp seen = Timestamp.from(clock.instant());
    for (int g = 0; g < GATEWAYS; g++) {
      String id = String.format("race-%03d", g);
      jdbc.update("INSERT INTO gateway (gateway_id, credential_hash, grid_code, last_seen_at) "
          + "VALUES (?, 'x', '330102001001001', ?)", id, seen);
      jdbc.update("INSERT INTO device (gateway_id, device_id, kind, grid_code, settings) VALUES "
          + "(?, 's1', 'SENSOR', '330102001001001', '{\"sensor_type\":\"smoke\"}')", id);
    }
    clock.advance(Duration.ofSeconds(1));
    assertThat(race()).isEqualTo(2 * GATEWAYS);
    assertThat(count()).isEqualTo(2 * GATEWAYS);

    // every gateway falls silent: OFFLINE, with its device, once each
    clock.advance(Duration.ofMinutes(5));
    assertThat(race()).isEqualTo(2 * GATEWAYS);
    assertThat(count()).isEqualTo(4 * GATEWAYS);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM health_state WHERE state = 'OFFLINE'",
        Integer.class)).isEqualTo(2 * GATEWAYS);
    assertThat(jdbc.queryForObject("SELECT MAX(version) FROM health_state", Long.class))
        .isEqualTo(2L);
  }

  private int count() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM health_transition WHERE gateway_id LIKE "
        + "'race-%'", Integer.class);
  }
}
