package org.gridguard.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.gridguard.hub.gateway.CredentialHasher;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.grid.GridImporter;
import org.gridguard.hub.ingest.IngestServer;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.Role;
import org.gridguard.hub.security.TestUsers;
import org.gridguard.hub.security.TokenService;
import org.gridguard.hub.security.UserRepository;
import org.gridguard.hub.sim.GatewaySimulator;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Units of telemetry series through the real TCP ingest into {@code telemetry_unit}, on a
 * database the subclass chooses, and back out of the read API next to points from a real
 * influxd: stored once, rewritten only when the unit changes, kept when a reading has none,
 * refused (and counted) when it does not fit. Subclasses set
 * {@code gridguard.telemetry.units.flush-interval=10m}: the test flushes itself.
 */
abstract class TelemetryUnitsContract {
  static final String VILLAGE = "330102001001";
  static final String GRID = "330102001001001";
  /** Per test: a static one in this shared base would be shut down by the first subclass. */
  private final EventLoopGroup group = new NioEventLoopGroup(1);
  private static final long BASE = 1_700_000_000_000L;

  @Autowired MockMvc mvc;
  @Autowired IngestServer server;
  @Autowired GatewayRepository gateways;
  @Autowired TelemetryUnits units;
  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry meters;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired GridImporter grids;
  private String bearer;

  @BeforeEach
  void userExists() {
    TestUsers test = new TestUsers(users, tokens, encoder, grids);
    test.gridsExist(GRID);
    test.create("units-tech", GridScope.of(Set.of(VILLAGE)), Role.TECHNICIAN);
    bearer = test.bearer("units-tech");
  }

  @AfterEach
  void stopGroup() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static Record record(long seq, String device, String metric, double value,
      String unit) {
    return Record.newBuilder().setSequence(seq).setCaptureTimeMs(BASE + seq * 1000)
        .setDeviceId(device).setBootId("boot-1")
        .setTelemetry(Telemetry.newBuilder().setDeviceType("water_level")
            .addReadings(Reading.newBuilder().setMetric(metric).setNumber(value).setUnit(unit))
            .addReadings(Reading.newBuilder().setMetric("battery").setInteger(80).setUnit("%")))
        .build();
  }

  private void send(GatewaySimulator sim, List<Record> records) throws Exception {
    sim.sendBatch(Lane.BULK, records);
    sim.awaitAck(Lane.BULK, records.get(records.size() - 1).getSequence(),
        Duration.ofSeconds(30));
  }

  private String series(String gateway, String device, String metric) throws Exception {
    MvcResult r = mvc.perform(get("/api/v1/telemetry/" + gateway + "/" + device + "/" + metric)
        .param("from", "2023-11-14T22:00:00Z").param("to", "2023-11-14T23:00:00Z")
        .param("every", "1h").header("Authorization", bearer)).andReturn();
    String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(r.getResponse().getStatus()).as(body).isEqualTo(200);
    return body;
  }

  private double changes() {
    return meters.counter("gridguard.telemetry.units.changes").count();
  }

  private Timestamp changedAt(String gateway, String device, String metric) {
    return jdbc.queryForObject("SELECT changed_at FROM telemetry_unit WHERE gateway_id = ? AND "
        + "device_id = ? AND metric = ?", Timestamp.class, gateway, device, metric);
  }

  @Test
  void ingest_unitsOfSeries_storedOnceChangedOnlyOnChangeAndReturnedWithThePoints()
      throws Exception {
    String gw = "gw-units";
    gateways.insert(new Gateway(gw, new CredentialHasher(1000).hash("pw"), GRID, false));
    try (GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1", server.port())) {
      sim.hello(gw, "pw", UUID.randomUUID().toString());
      List<Record> first = new ArrayList<>();
      for (long seq = 1; seq <= 50; seq++) {
        first.add(record(seq, "wl-1", "level", 1.0 + seq / 100.0, "m"));
      }
      send(sim, first);
      double before = changes();
      units.flush();
      // two series (level, battery), each written once for the 50 records
      assertThat(changes() - before).isEqualTo(2);
      assertThat(series(gw, "wl-1", "level")).contains("\"unit\":\"m\"").contains("\"value\":1.255");
      assertThat(series(gw, "wl-1", "battery")).contains("\"unit\":\"%\"");
      Timestamp since = changedAt(gw, "wl-1", "level");

      // the same units again: nothing to write
      send(sim, List.of(record(51, "wl-1", "level", 1.1, "m")));
      units.flush();
      assertThat(changes() - before).isEqualTo(2);

      // a reading without a unit leaves the stored one; a changed unit replaces it
      send(sim, List.of(record(52, "wl-1", "level", 1.2, "")));
      units.flush();
      assertThat(series(gw, "wl-1", "level")).contains("\"unit\":\"m\"");
      send(sim, List.of(record(53, "wl-1", "level", 120, "cm")));
      units.flush();
      assertThat(changes() - before).isEqualTo(3);
      assertThat(series(gw, "wl-1", "level")).contains("\"unit\":\"cm\"");
      assertThat(changedAt(gw, "wl-1", "level")).isAfterOrEqualTo(since);

      // a unit that does not fit the table is refused and counted; the telemetry is stored
      double invalid = meters.counter("gridguard.telemetry.units.dropped", "reason", "invalid")
          .count();
      send(sim, List.of(record(54, "wl-2", "level", 3, "m".repeat(TelemetryUnits.MAX_UNIT + 1))));
      units.flush();
      assertThat(meters.counter("gridguard.telemetry.units.dropped", "reason", "invalid").count())
          .isEqualTo(invalid + 1);
      assertThat(series(gw, "wl-2", "level")).contains("\"unit\":\"\"").contains("\"value\":3");
    }
    // heard again with the same units (the session's records replayed): nothing written
    double after = changes();
    units.records(gw, List.of(record(60, "wl-1", "level", 1, "cm")));
    units.flush();
    assertThat(changes()).isEqualTo(after);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM telemetry_unit WHERE gateway_id = ?",
        Integer.class, gw)).isEqualTo(3); // wl-1 level, wl-1 battery, wl-2 battery
  }
}
