package org.gridguard.hub.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gridguard.hub.HubApplication;
import org.gridguard.hub.gateway.CredentialHasher;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.grid.GridImporter;
import org.gridguard.hub.record.PriorityRecordStore;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.hub.security.GridScope;
import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.gridguard.testkit.InfluxDbServer;
import org.gridguard.testkit.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The same alarm arriving at two hub instances (two Spring contexts, each with its own pool, on
 * one PostgreSQL) at the same moment: the UNIQUE active key makes it one alarm counted twice,
 * with one incident — round after round, released together by a barrier.
 */
class AlarmTwoInstancesIT {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();
  static final String A1 = "330102001001001";
  static final int ROUNDS = 30;

  private ConfigurableApplicationContext hub() {
    return new SpringApplicationBuilder(HubApplication.class)
        .web(WebApplicationType.NONE)
        .run(
            "--spring.datasource.url=" + postgres.jdbcUrl(),
            "--spring.datasource.username=" + postgres.username(),
            "--spring.datasource.password=" + postgres.password(),
            "--gridguard.influx.url=" + influxd.url(),
            "--gridguard.influx.database=gg_alarm_two",
            "--gridguard.ingest.host=127.0.0.1",
            "--gridguard.ingest.port=0",
            "--gridguard.security.bootstrap-password-file=" + System.getProperty("java.io.tmpdir")
                + "/gg-alarm-two-" + UUID.randomUUID(),
            "--gridguard.evidence.directory=" + System.getProperty("java.io.tmpdir")
                + "/gg-alarm-two-" + UUID.randomUUID());
  }

  static Record smoke(String device, long seq, long beginMs) {
    return Record.newBuilder().setSequence(seq).setCaptureTimeMs(beginMs).setDeviceId(device)
        .setBootId("boot-1").setAlarm(Alarm.newBuilder().setAlarmId(UUID.randomUUID().toString())
            .setType(AlarmType.SMOKE).setPhase(AlarmPhase.BEGIN).setPriority(1)
            .setCategoryCode(9101).setBeginTimeMs(beginMs))
        .build();
  }

  @Test
  void sameAlarmAtTwoInstancesAtOnce_oneAlarmCountedTwiceAndOneIncident() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (ConfigurableApplicationContext a = hub(); ConfigurableApplicationContext b = hub()) {
      var report = a.getBean(GridImporter.class).importCsv(new StringReader(
          "code,name\n330102,c\n330102001,t\n330102001001,v\n" + A1 + ",g\n"), false,
          GridScope.all(), "test");
      assertThat(report.stored()).as(report.problems().toString()).isTrue();
      String gw = "gw-two-" + UUID.randomUUID().toString().substring(0, 8);
      a.getBean(GatewayRepository.class).insert(
          new Gateway(gw, new CredentialHasher(1000).hash("pw"), A1, false));
      // the gateway's two streams (e.g. a resend after a reconnect elsewhere) meet only in the
      // database: separate cursors, so nothing but the alarm's own constraint orders them
      List<PriorityRecordStore> stores = List.of(a.getBean(PriorityRecordStore.class),
          b.getBean(PriorityRecordStore.class));
      List<StreamKey> streams = List.of(new StreamKey(gw, "stream-a", Lane.PRIORITY),
          new StreamKey(gw, "stream-b", Lane.PRIORITY));
      CyclicBarrier barrier = new CyclicBarrier(2);
      long t0 = System.currentTimeMillis();
      for (int round = 1; round <= ROUNDS; round++) {
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          int instance = i;
          long seq = round;
          Record record = smoke("smoke-" + round, seq, t0 + round);
          done.add(pool.submit(() -> {
            barrier.await(30, TimeUnit.SECONDS);
            return stores.get(instance).store(streams.get(instance), List.of(record));
          }));
        }
        for (Future<Integer> f : done) {
          assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        }
      }
      JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alarm WHERE gateway_id = ?",
          Long.class, gw)).isEqualTo(ROUNDS);
      assertThat(jdbc.queryForList("SELECT DISTINCT occurrences FROM alarm WHERE gateway_id = ?",
          Long.class, gw)).containsExactly(2L);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM incident WHERE reporter = ?",
          Long.class, "gateway:" + gw)).isEqualTo(ROUNDS);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alarm WHERE gateway_id = ? AND "
          + "incident_id IS NULL", Long.class, gw)).isZero();
    } finally {
      pool.shutdownNow();
    }
  }
}
