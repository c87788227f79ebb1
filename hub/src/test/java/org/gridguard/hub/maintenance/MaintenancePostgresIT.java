package org.gridguard.hub.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.gridguard.testkit.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link MaintenanceContract} on PostgreSQL, plus two sweepers racing to open orders. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(MaintenanceContract.Clocks.class)
class MaintenancePostgresIT extends MaintenanceContract {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-maintenance-pg");
    HubTestProperties.localHub(registry, influxd, "gg_maintenance_pg", dir);
    MaintenanceContract.quiet(registry);
    registry.add("spring.datasource.url", postgres::jdbcUrl);
    registry.add("spring.datasource.username", postgres::username);
    registry.add("spring.datasource.password", postgres::password);
  }

  @Test
  void sweep_twoSweepersRacing_eachOrderOpenedOnce() throws Exception {
    for (int g = 0; g < 60; g++) {
      String id = String.format("race-%02d", g);
      gateway(id, "d1");
      health(id, "d1", "OFFLINE", "status OFFLINE: unplugged", T0);
    }
    clock.set(T0.plus(Duration.ofMinutes(20)));
    CyclicBarrier start = new CyclicBarrier(2);
    CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> race(start));
    CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> race(start));
    int opened = a.get(60, TimeUnit.SECONDS) + b.get(60, TimeUnit.SECONDS);
    assertThat(opened).isEqualTo(60);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM maintenance_order WHERE gateway_id "
        + "LIKE 'race-%'", Integer.class)).isEqualTo(60);
  }

  private int race(CyclicBarrier start) {
    try {
      start.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return sweep.sweep();
  }
}
