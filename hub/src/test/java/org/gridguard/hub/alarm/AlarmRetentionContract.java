package org.gridguard.hub.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.gridguard.hub.security.TestUsers;
import org.gridguard.hub.security.TokenService;
import org.gridguard.hub.security.UserRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@link AlarmRetention} on the database the subclass chooses, with a fixed clock and small
 * chunks (3 ids a statement, 6 rows a table per run): old cleared alarms go with their history,
 * storm counts and rule hits; active ones and those of an open incident stay whatever their age;
 * old rule hits and closed outages go, an open outage stays; more rows than a run may take are
 * finished by the next runs.
 */
abstract class AlarmRetentionContract {
  static final String A1 = "330102001001001";
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final Instant OLD = NOW.minus(Duration.ofDays(401));
  static final Instant RECENT = NOW.minus(Duration.ofDays(399));

  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired MeterRegistry meters;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired org.gridguard.hub.grid.GridImporter gridImporter;
  @Autowired AlarmProperties defaults;

  AlarmRetention retention;
  String gw;

  @BeforeEach
  void world() {
    new TestUsers(users, tokens, encoder, gridImporter).gridsExist(A1);
    AlarmProperties p = new AlarmProperties(defaults.stormPerDevice(), defaults.stormPerGateway(),
        defaults.rulesFile(), defaults.zone(), defaults.rateRetention(), defaults.maxIds(),
        Duration.ofDays(400), Duration.ofHours(1), 3, 6);
    retention = new AlarmRetention(jdbc, transactions, p, Clock.fixed(NOW, ZoneOffset.UTC),
        meters);
    gw = "gw-ret-" + UUID.randomUUID().toString().substring(0, 8);
  }

  long alarm(String state, Instant lastAt, Long incident) {
    String key = gw + "|d|SMOKE|" + UUID.randomUUID();
    jdbc.update("INSERT INTO alarm (gateway_id, device_id, type, zone, dedup_key, active_key, "
        + "priority, grid_code, first_at, last_at, end_at, occurrences, state, incident_id, "
        + "created_at) VALUES (?, 'd', 'SMOKE', '', ?, ?, 1, ?, ?, ?, ?, 1, ?, ?, ?)", gw, key,
        "ACTIVE".equals(state) ? key : null, A1, ts(lastAt.minusSeconds(60)), ts(lastAt),
        "ACTIVE".equals(state) ? null : ts(lastAt), state, incident, ts(lastAt.minusSeconds(60)));
    long id = jdbc.queryForObject("SELECT id FROM alarm WHERE dedup_key = ?", Long.class, key);
    jdbc.update("INSERT INTO alarm_history (alarm_id, at, action, actor) VALUES (?, ?, 'BEGIN', "
        + "'edge')", id, ts(lastAt.minusSeconds(60)));
    jdbc.update("INSERT INTO alarm_history (alarm_id, at, action, actor) VALUES (?, ?, 'END', "
        + "'edge')", id, ts(lastAt));
    return id;
  }

  long incident(String state) {
    String reporter = "gateway:" + gw + ":" + UUID.randomUUID();
    jdbc.update("INSERT INTO incident (category, priority, grid_code, title, source, reporter, "
        + "state, created_at, updated_at) VALUES ('9101', 1, ?, 'smoke', 'ALARM', ?, ?, ?, ?)",
        A1, reporter, state, ts(OLD), ts(OLD));
    return jdbc.queryForObject("SELECT id FROM incident WHERE reporter = ?", Long.class, reporter);
  }

  long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }

  long history(long alarm) {
    return count("SELECT COUNT(*) FROM alarm_history WHERE alarm_id = ?", alarm);
  }

  boolean exists(long alarm) {
    return count("SELECT COUNT(*) FROM alarm WHERE id = ?", alarm) == 1;
  }

  /** Runs until a run is not stopped by its cap (bounded: fails past 20 runs). */
  void purgeAll() {
    for (int run = 0; run < 20; run++) {
      if (!retention.purge().more()) {
        return;
      }
    }
    throw new AssertionError("retention still had more after 20 runs");
  }

  static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }

  @Test
  void purge_oldClearedAlarm_deletedWithItsHistoryStormCountsAndRuleHits() {
    long old = alarm("CLEARED", OLD, null);
    long recent = alarm("CLEARED", RECENT, null);
    jdbc.update("INSERT INTO alarm_storm_count (alarm_id, type, n) VALUES (?, 'SMOKE', 3)", old);
    // a recent hit naming the old alarm as partner goes with it (the row cannot outlive it)
    jdbc.update("INSERT INTO alarm_rule_hit (rule, gateway_id, alarm_id, partner_id, at) VALUES "
        + "('fire', ?, ?, ?, ?)", gw, recent, old, ts(RECENT));
    double before = deleted("alarm");

    purgeAll();

    assertThat(exists(old)).isFalse();
    assertThat(history(old)).isZero();
    assertThat(count("SELECT COUNT(*) FROM alarm_storm_count WHERE alarm_id = ?", old)).isZero();
    assertThat(count("SELECT COUNT(*) FROM alarm_rule_hit WHERE gateway_id = ?", gw)).isZero();
    assertThat(exists(recent)).isTrue();
    assertThat(history(recent)).isEqualTo(2);
    assertThat(deleted("alarm") - before).isGreaterThanOrEqualTo(1);
  }

  @Test
  void purge_activeOrOfOpenIncident_keptWhateverTheirAge() {
    long active = alarm("ACTIVE", OLD.minus(Duration.ofDays(900)), null);
    long open = alarm("CLEARED", OLD, incident("DISPATCHED"));
    long closed = alarm("CLEARED", OLD, incident("CLOSED"));
    long voided = alarm("CLEARED", OLD, incident("VOIDED"));

    purgeAll();

    assertThat(exists(active)).isTrue();
    assertThat(history(active)).isEqualTo(2);
    assertThat(exists(open)).isTrue();
    assertThat(history(open)).isEqualTo(2);
    assertThat(exists(closed)).isFalse();
    assertThat(exists(voided)).isFalse();
  }

  @Test
  void purge_recentlyAckedOldAlarm_kept() {
    long acked = alarm("CLEARED", OLD, null);
    jdbc.update("UPDATE alarm SET acked_by = 'disp', acked_at = ? WHERE id = ?", ts(RECENT),
        acked);

    purgeAll();

    assertThat(exists(acked)).isTrue();
  }

  @Test
  void purge_oldRuleHitsAndClosedOutages_deletedOpenOutageKept() {
    long a = alarm("ACTIVE", RECENT, null);
    jdbc.update("INSERT INTO alarm_rule_hit (rule, gateway_id, alarm_id, at) VALUES "
        + "('fire', ?, ?, ?)", gw, a, ts(OLD));
    jdbc.update("INSERT INTO alarm_rule_hit (rule, gateway_id, alarm_id, at) VALUES "
        + "('fire', ?, ?, ?)", gw, a, ts(RECENT));
    jdbc.update("INSERT INTO alarm_outage (gateway_id, grid_code, rule, active_key, devices, "
        + "first_at, last_at, end_at) VALUES (?, ?, 'gateway-outage', NULL, 3, ?, ?, ?)", gw, A1,
        ts(OLD), ts(OLD), ts(OLD));
    jdbc.update("INSERT INTO alarm_outage (gateway_id, grid_code, rule, active_key, devices, "
        + "first_at, last_at, end_at) VALUES (?, ?, 'gateway-outage', ?, 3, ?, ?, NULL)", gw, A1,
        gw, ts(OLD), ts(OLD));
    jdbc.update("INSERT INTO alarm_outage (gateway_id, grid_code, rule, active_key, devices, "
        + "first_at, last_at, end_at) VALUES (?, ?, 'gateway-outage', NULL, 3, ?, ?, ?)", gw, A1,
        ts(OLD), ts(RECENT), ts(RECENT));

    purgeAll();

    assertThat(count("SELECT COUNT(*) FROM alarm_rule_hit WHERE gateway_id = ?", gw))
        .isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM alarm_outage WHERE gateway_id = ? AND end_at IS NULL",
        gw)).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM alarm_outage WHERE gateway_id = ? AND end_at = ?", gw,
        ts(RECENT))).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM alarm_outage WHERE gateway_id = ?", gw)).isEqualTo(2);
  }

  @Test
  void purge_moreRowsThanARunTakes_capStopsItAndTheNextRunsFinish() {
    purgeAll(); // whatever other tests left deletable
    for (int i = 0; i < 10; i++) {
      alarm("CLEARED", OLD, null);
    }

    org.gridguard.hub.schedule.ChunkedPurge.Purged first = retention.purge();

    assertThat(first.more()).isTrue();
    assertThat(first.of("alarm")).isEqualTo(6);
    assertThat(first.of("alarm_history")).isEqualTo(12);
    assertThat(count("SELECT COUNT(*) FROM alarm WHERE gateway_id = ?", gw)).isEqualTo(4);
    org.gridguard.hub.schedule.ChunkedPurge.Purged second = retention.purge();
    assertThat(second.of("alarm")).isEqualTo(4);
    assertThat(second.more()).isFalse();
    assertThat(count("SELECT COUNT(*) FROM alarm WHERE gateway_id = ?", gw)).isZero();
    assertThat(retention.purge().of("alarm")).isZero();
  }

  @Test
  void properties_retentionUnderADay_refusedNamingTheKey() {
    assertThatThrownBy(() -> new AlarmProperties(20, 200, "", ZoneId.of("UTC"),
        Duration.ofHours(2), 16, Duration.ofHours(23), Duration.ofHours(1), 1000, 50_000))
        .hasMessageContaining("gridguard.alarm.retention must be at least 1d");
    assertThat(defaults.retention()).isEqualTo(Duration.ofDays(400));
  }

  double deleted(String table) {
    return meters.get("gridguard_alarm_retention_deleted_total").tag("table", table).counter()
        .count();
  }
}
