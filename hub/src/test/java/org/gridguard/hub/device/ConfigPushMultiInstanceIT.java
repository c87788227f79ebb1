package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gridguard.hub.HubApplication;
import org.gridguard.hub.gateway.CredentialHasher;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.ingest.IngestServer;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;
import org.gridguard.testkit.InfluxDbServer;
import org.gridguard.testkit.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two hub instances on one PostgreSQL: a registry change made on the instance the gateway is
 * not connected to raises the version there and reaches the gateway through the sweep of the
 * instance that holds its session; both instances assembling the same change at once raise the
 * version once.
 */
class ConfigPushMultiInstanceIT {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  private ConfigurableApplicationContext hub(Path dir) {
    return new SpringApplicationBuilder(HubApplication.class)
        .web(WebApplicationType.NONE)
        .run(
            "--spring.datasource.url=" + postgres.jdbcUrl(),
            "--spring.datasource.username=" + postgres.username(),
            "--spring.datasource.password=" + postgres.password(),
            "--gridguard.influx.url=" + influxd.url(),
            "--gridguard.influx.database=gg_push_multi",
            "--gridguard.ingest.host=127.0.0.1",
            "--gridguard.ingest.port=0",
            "--gridguard.evidence.directory=" + dir.resolve("evidence-" + System.nanoTime()),
            "--gridguard.device.secret-key-file=" + dir.resolve("device-secret-key"),
            "--gridguard.security.bootstrap-password-file=" + dir.resolve("admin-password"),
            "--gridguard.config-push.sweep-interval=10m");
  }

  @Test
  void changeOnOtherInstance_reachesTheSessionAtItsInstancesSweep_raisedOnceByBoth()
      throws Exception {
    Path dir = Files.createTempDirectory("gg-push-multi");
    EventLoopGroup group = new NioEventLoopGroup(1);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try (ConfigurableApplicationContext a = hub(dir); ConfigurableApplicationContext b = hub(dir)) {
      a.getBean(GatewayRepository.class).insert(new Gateway("gw-multi",
          new CredentialHasher(1000).hash("pw"), "330102001001001", false));
      GatewayConfigRepository rows = a.getBean(GatewayConfigRepository.class);
      try (ScriptedEdge edge = ScriptedEdge.connect(group, a.getBean(IngestServer.class).port())) {
        edge.hello("gw-multi", "pw", 0, "command.v1");
        // no devices yet: a document without managed sections (the local file's stay)
        assertThat(edge.next(ConfigPush.class, Duration.ofSeconds(15)).getConfigVersion())
            .isEqualTo(1);
        edge.send(CommandResult.newBuilder().setCommandId("config:1").setOk(true).build());
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (rows.find("gw-multi").orElseThrow().appliedVersion() != 1) {
          assertThat(System.nanoTime()).as("applied version 1").isLessThan(deadline);
          Thread.onSpinWait();
        }

        // the change on instance B: B raises the version, has no session to push to
        b.getBean(JdbcTemplate.class).update("INSERT INTO device (gateway_id, device_id, kind, "
            + "grid_code, settings) VALUES ('gw-multi', 'wl-1', 'SENSOR', '330102001001001', "
            + "'{\"sensor_type\":\"water_level\",\"expected_interval\":\"5m\"}')");
        b.getBean(ConfigPusher.class).changed("gw-multi");
        assertThat(rows.find("gw-multi").orElseThrow().version()).isEqualTo(2);
        edge.expectNothing(Duration.ofMillis(300));
        // A's sweep brings it
        assertThat(a.getBean(ConfigPusher.class).sweep()).isEqualTo(1);
        ConfigPush second = edge.next(ConfigPush.class, Duration.ofSeconds(15));
        assertThat(second.getConfigVersion()).isEqualTo(2);
        assertThat(second.getDocument().toString(StandardCharsets.UTF_8))
            .contains("rules:", "wl-1:", "expected_interval: 5m");

        // both instances assemble the next change at once: one version more, not two
        a.getBean(JdbcTemplate.class).update("UPDATE device SET settings = "
            + "'{\"sensor_type\":\"water_level\",\"expected_interval\":\"10m\"}' WHERE "
            + "device_id = 'wl-1'");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> versions = List.of(a, b).stream().map(hub -> two.submit(() -> {
          start.await();
          return hub.getBean(ConfigVersions.class).desired("gw-multi", 0).orElseThrow()
              .version();
        })).toList();
        start.countDown();
        assertThat(versions.get(0).get(30, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(versions.get(1).get(30, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(rows.find("gw-multi").orElseThrow().version()).isEqualTo(3);
      }
    } finally {
      two.shutdownNow();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }
}
