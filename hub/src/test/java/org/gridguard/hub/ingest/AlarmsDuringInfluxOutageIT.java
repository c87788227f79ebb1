package org.gridguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.gridguard.hub.gateway.CredentialHasher;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.record.PriorityRecordStore;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.hub.sim.GatewaySimulator;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.hub.sim.Records;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.testkit.InfluxDbServer;
import org.gridguard.testkit.NettyLeakCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A telemetry store outage must not hold up alarms: with the real influxd stopped and the
 * telemetry pipeline full, a gateway's alarms are still committed and acknowledged, and its
 * telemetry arrives, once, when InfluxDB is back. A small queue makes "full" quick to reach.
 */
@ExtendWith(NettyLeakCheck.class)
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlarmsDuringInfluxOutageIT {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();
  private static Path dbDir;
  private static final EventLoopGroup group = new NioEventLoopGroup(1);

  @Autowired IngestServer server;
  @Autowired GatewayRepository gateways;
  @Autowired PriorityRecordStore priorityStore;
  @Autowired TestRestTemplate rest;

  @DynamicPropertySource
  static synchronized void properties(DynamicPropertyRegistry registry) throws Exception {
    if (dbDir == null) {
      dbDir = Files.createTempDirectory("gg-hub-outage-");
    }
    HubTestProperties.localHub(registry, influxd, "gg_outage", dbDir);
    registry.add("gridguard.influx.queue-capacity", () -> "1000");
  }

  @AfterAll
  static void stopAll() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void alarms_whileInfluxDownAndTelemetryPipelineFull_committedAndAckedAtOnce() throws Exception {
    gateways.insert(new Gateway("gw-storm", new CredentialHasher(1000).hash("s3cret"),
        "330102001009", false));
    String stream = UUID.randomUUID().toString();
    try (GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1", server.port())) {
      assertThat(sim.hello("gw-storm", "s3cret", stream)).isInstanceOf(HelloAck.class);
      assertThat(metric("gridguard.ingest.credit.allocated")).isEqualTo(4096);
      influxd.stop();
      try {
        for (int from = 1; from <= 3000; from += 1000) { // 3x the pipeline's capacity
          sim.sendBatch(Lane.BULK, Records.telemetry("tank-1", from, from + 999,
              1_700_000_300_000L));
        }
        // the telemetry is read and parked (2,000 beyond the pipeline's 1,000) before the alarms
        org.awaitility.Awaitility.await("telemetry parked").atMost(Duration.ofSeconds(10))
            .until(() -> metric("gridguard.ingest.parked.points") == 2000);
        sim.sendBatch(Lane.PRIORITY, Records.alarms("door-7", 1, 5));
        sim.awaitAck(Lane.PRIORITY, 5, Duration.ofSeconds(10));
        assertThat(priorityStore.count(new StreamKey("gw-storm", stream, Lane.PRIORITY)))
            .isEqualTo(5);
        assertThat(sim.acked(Lane.BULK)).isZero();
        assertThat(metric("gridguard.ingest.parked.points")).isEqualTo(2000);
        assertThat(health.healthForPath("influx").getStatus())
            .isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);
        assertThat(rest.getForObject("/actuator/health", String.class)) // anonymous: status only
            .isEqualTo("{\"status\":\"DOWN\"}");
      } finally {
        influxd.start();
      }
      sim.awaitAck(Lane.BULK, 3000, Duration.ofSeconds(60));
    }
    String json = influxd.query("gg_outage",
        "SELECT count(level) FROM water_level WHERE gateway='gw-storm'");
    assertThat(json).contains(",3000]");
    assertThat(metric("gridguard.ingest.parked.points")).isZero();
    // the session's credit goes back to the budget once its channel closed
    org.awaitility.Awaitility.await("credit returned").atMost(Duration.ofSeconds(5))
        .until(() -> metric("gridguard.ingest.credit.allocated") == 0);
  }

  @Autowired io.micrometer.core.instrument.MeterRegistry meters;
  @Autowired org.springframework.boot.actuate.health.HealthEndpoint health;

  /** A gauge's value, read from the registry the actuator serves (which needs a token). */
  private double metric(String name) {
    var gauge = meters.find(name).gauge();
    assertThat(gauge).as("gauge " + name).isNotNull();
    return gauge.value();
  }
}
