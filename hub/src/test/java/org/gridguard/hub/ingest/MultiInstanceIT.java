package org.gridguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.gridguard.hub.HubApplication;
import org.gridguard.hub.gateway.CredentialHasher;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.record.PriorityRecordStore;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.hub.sim.GatewaySimulator;
import org.gridguard.hub.sim.Records;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.LaneSequence;
import org.gridguard.testkit.InfluxDbServer;
import org.gridguard.testkit.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two hub instances sharing one PostgreSQL and one InfluxDB (ARCHITECTURE decision 8): a gateway
 * that moves from one to the other resumes from the committed cursor, and its replays are not
 * stored twice.
 */
class MultiInstanceIT {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  private ConfigurableApplicationContext hub() {
    return new SpringApplicationBuilder(HubApplication.class)
        .web(WebApplicationType.NONE)
        // command-line arguments: they win over application.yml (builder properties do not)
        .run(
            "--spring.datasource.url=" + postgres.jdbcUrl(),
            "--spring.datasource.username=" + postgres.username(),
            "--spring.datasource.password=" + postgres.password(),
            "--gridguard.influx.url=" + influxd.url(),
            "--gridguard.influx.database=gg_multi",
            "--gridguard.ingest.host=127.0.0.1",
            "--gridguard.ingest.port=0",
            "--gridguard.evidence.directory=" + System.getProperty("java.io.tmpdir") + "/gg-multi-"
                + UUID.randomUUID());
  }

  @Test
  void gatewayMovesToOtherInstance_resumesFromSharedCursor_noDuplicates() throws Exception {
    EventLoopGroup group = new NioEventLoopGroup(1);
    try (ConfigurableApplicationContext a = hub(); ConfigurableApplicationContext b = hub()) {
      a.getBean(GatewayRepository.class).insert(
          new Gateway("gw-move", new CredentialHasher(1000).hash("pw"), "330102", false));
      String stream = UUID.randomUUID().toString();
      try (GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1",
          a.getBean(IngestServer.class).port())) {
        sim.hello("gw-move", "pw", stream);
        sim.sendBatch(Lane.PRIORITY, Records.alarms("d", 1, 10));
        sim.sendBatch(Lane.BULK, Records.telemetry("d", 1, 100, 1_700_000_000_000L));
        sim.awaitAck(Lane.PRIORITY, 10, Duration.ofSeconds(30));
        sim.awaitAck(Lane.BULK, 100, Duration.ofSeconds(30));
      }
      // instance A writes the BULK cursor within 100 ms of the ack
      var jdbcA = a.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
      org.awaitility.Awaitility.await("BULK cursor committed").atMost(Duration.ofSeconds(10))
          .until(() -> jdbcA.queryForList("SELECT sequence FROM stream_cursor WHERE "
              + "gateway_id = ? AND stream_id = ? AND lane = ?", Long.class, "gw-move", stream,
              Lane.BULK.getNumber()).contains(100L));
      try (GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1",
          b.getBean(IngestServer.class).port())) {
        HelloAck ack = (HelloAck) sim.hello("gw-move", "pw", stream);
        assertThat(ack.getCommittedList()).contains(
            LaneSequence.newBuilder().setLane(Lane.PRIORITY).setSequence(10).build(),
            LaneSequence.newBuilder().setLane(Lane.BULK).setSequence(100).build());
        sim.sendBatch(Lane.PRIORITY, Records.alarms("d", 1, 15));
        sim.awaitAck(Lane.PRIORITY, 15, Duration.ofSeconds(30));
      }
      PriorityRecordStore store = b.getBean(PriorityRecordStore.class);
      assertThat(store.count(new StreamKey("gw-move", stream, Lane.PRIORITY))).isEqualTo(15);
      // and the database itself refuses a second copy, whichever instance tries
      assertThat(a.getBean(PriorityRecordStore.class)
          .store(new StreamKey("gw-move", stream, Lane.PRIORITY), Records.alarms("d", 1, 15)))
          .isZero();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
