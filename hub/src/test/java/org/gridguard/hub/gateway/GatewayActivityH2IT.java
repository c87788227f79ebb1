package org.gridguard.hub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gridguard.hub.sim.GatewaySimulator;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.hub.sim.Records;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Gateway facts from a real ingest session (H2): the Hello's software version, last seen and the
 * session's end reach the registry, and each registered device's latest report reaches
 * {@code device_signal} — written by the recorder's flush, one row per gateway however many
 * frames arrived.
 */
@SpringBootTest
class GatewayActivityH2IT {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();
  private static final EventLoopGroup group = new NioEventLoopGroup(1);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-activity-h2");
    HubTestProperties.localHub(registry, influxd, "gg_activity", dir);
    // the periodic flush must not run during the test: the test flushes itself
    registry.add("gridguard.gateway.activity.flush-interval", () -> "10m");
  }

  @AfterAll
  static void stopGroup() {
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Autowired ApplicationContext context;
  @Autowired GatewayRepository gateways;
  @Autowired GatewayActivityRecorder activity;
  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry meters;

  private int port() {
    return context.getBean(org.gridguard.hub.ingest.IngestServer.class).port();
  }

  @Test
  void session_helloRecordsAndClose_reachRegistryAtFlush() throws Exception {
    gateways.insert(new Gateway("gw-act", new CredentialHasher(1000).hash("pw"), "330102001001001",
        false));
    jdbc.update("INSERT INTO device (gateway_id, device_id, kind, grid_code, settings) VALUES "
        + "('gw-act', 'wl-1', 'SENSOR', '330102001001001', '{}')");
    Instant before = Instant.now().minusSeconds(1);
    long capture = System.currentTimeMillis() - 5_000;
    try (GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1", port())) {
      sim.hello("gw-act", "pw", UUID.randomUUID().toString());
      List<Record> records = Records.telemetry("wl-1", 1, 50, capture - 50);
      sim.sendBatch(Lane.BULK, records);
      sim.sendBatch(Lane.BULK, Records.telemetry("unregistered", 51, 60, capture));
      sim.awaitAck(Lane.BULK, 60, Duration.ofSeconds(30));
      activity.flush();
      Map<String, Object> row = jdbc.queryForMap("SELECT software_version, last_seen_at, "
          + "session_closed_at FROM gateway WHERE gateway_id = 'gw-act'");
      assertThat(row.get("software_version")).isEqualTo("sim");
      assertThat(((Timestamp) row.get("last_seen_at")).toInstant()).isAfter(before);
      assertThat(row.get("session_closed_at")).isNull();
      assertThat(jdbc.queryForObject("SELECT last_report_at FROM device_signal WHERE "
          + "gateway_id = 'gw-act' AND device_id = 'wl-1'", Timestamp.class).getTime())
          .isEqualTo(capture);
      // only registered devices get a row
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM device_signal WHERE device_id = "
          + "'unregistered'", Integer.class)).isZero();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (jdbc.queryForObject("SELECT session_closed_at FROM gateway WHERE gateway_id = 'gw-act'",
        Timestamp.class) == null) {
      assertThat(System.nanoTime()).as("session end written").isLessThan(deadline);
      activity.flush();
      Thread.onSpinWait();
    }
  }

  @Test
  void heard_manyFramesOneInterval_oneUpdate() {
    gateways.insert(new Gateway("gw-rate", new CredentialHasher(1000).hash("pw"),
        "330102001001001", false));
    activity.flush();
    double writes = meters.counter("gridguard.gateway.activity.writes").count();
    for (int i = 0; i < 10_000; i++) {
      activity.heard("gw-rate");
    }
    activity.flush();
    assertThat(meters.counter("gridguard.gateway.activity.writes").count() - writes)
        .isEqualTo(1.0);
    assertThat(gateways.details("gw-rate", org.gridguard.hub.security.GridScope.all())
        .orElseThrow().lastSeenAt()).isNotNull();
  }

  @Test
  void lastSeen_olderWrite_neverMovesBack() {
    gateways.insert(new Gateway("gw-back", new CredentialHasher(1000).hash("pw"),
        "330102001001001", false));
    Timestamp later = Timestamp.from(Instant.now().plusSeconds(3600));
    jdbc.update("UPDATE gateway SET last_seen_at = ? WHERE gateway_id = 'gw-back'", later);
    activity.heard("gw-back");
    activity.flush();
    assertThat(jdbc.queryForObject("SELECT last_seen_at FROM gateway WHERE gateway_id = "
        + "'gw-back'", Timestamp.class).getTime()).isEqualTo(later.getTime());
  }

  @Test
  void deviceReport_olderThanStored_neverMovesBackNewerMovesOn() {
    gateways.insert(new Gateway("gw-dev", new CredentialHasher(1000).hash("pw"),
        "330102001001001", false));
    jdbc.update("INSERT INTO device (gateway_id, device_id, kind, grid_code, settings) VALUES "
        + "('gw-dev', 'd-1', 'SENSOR', '330102001001001', '{}')");
    long first = System.currentTimeMillis() - 60_000;
    activity.records("gw-dev", Records.telemetry("d-1", 1, 1, first));
    activity.flush();
    String read = "SELECT last_report_at FROM device_signal WHERE gateway_id = 'gw-dev' AND "
        + "device_id = 'd-1'";
    // a record's capture time is base + sequence
    assertThat(jdbc.queryForObject(read, Timestamp.class).getTime()).isEqualTo(first + 1);
    activity.records("gw-dev", Records.telemetry("d-1", 2, 2, first - 30_000));
    activity.flush();
    assertThat(jdbc.queryForObject(read, Timestamp.class).getTime()).isEqualTo(first + 1);
    activity.records("gw-dev", Records.telemetry("d-1", 3, 3, first + 30_000));
    activity.flush();
    assertThat(jdbc.queryForObject(read, Timestamp.class).getTime()).isEqualTo(first + 30_003);
  }
}
