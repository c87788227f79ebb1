package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@link HealthRetention} on the database the subclass chooses, with a fixed clock and small
 * chunks (3 ids a statement, 6 rows a table per run): old health transitions and old closed
 * maintenance orders go; recent ones, open orders and the current health stay; more rows than a
 * run may take are finished by the next runs.
 */
abstract class HealthRetentionContract {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final Instant OLD = NOW.minus(Duration.ofDays(401));
  static final Instant RECENT = NOW.minus(Duration.ofDays(399));

  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired MeterRegistry meters;
  @Autowired DeviceHealthProperties defaults;

  HealthRetention retention;
  String gw;
  long version;

  @BeforeEach
  void world() {
    DeviceHealthProperties p = new DeviceHealthProperties(defaults.sweepInterval(),
        defaults.offlineFactor(), defaults.gatewayOfflineAfter(), defaults.sweepBatch(),
        Duration.ofDays(400), Duration.ofHours(1), 3, 6);
    retention = new HealthRetention(jdbc, transactions, p, Clock.fixed(NOW, ZoneOffset.UTC),
        meters);
    gw = "gw-hret-" + UUID.randomUUID().toString().substring(0, 8);
  }

  void transition(Instant at) {
    jdbc.update("INSERT INTO health_transition (gateway_id, device_id, version, from_state, "
        + "to_state, cause, at) VALUES (?, 'cam-1', ?, 'ONLINE', 'OFFLINE', 'silent', ?)", gw,
        ++version, Timestamp.from(at));
  }

  void order(String deviceId, Instant openedAt, Instant closedAt) {
    jdbc.update("INSERT INTO maintenance_order (gateway_id, device_id, grid_code, kind, "
        + "active_key, state, cause, opened_at, closed_at, closed_by, close_reason) VALUES "
        + "(?, ?, '330102001001001', 'DEVICE', ?, ?, 'offline', ?, ?, ?, ?)", gw, deviceId,
        closedAt == null ? gw + "|" + deviceId : null, closedAt == null ? "OPEN" : "CLOSED",
        Timestamp.from(openedAt), closedAt == null ? null : Timestamp.from(closedAt),
        closedAt == null ? null : "hub", closedAt == null ? null : "RECOVERED");
  }

  long count(String table, String where) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE gateway_id = ?"
        + where, Long.class, gw);
  }

  void purgeAll() {
    for (int run = 0; run < 20; run++) {
      if (!retention.purge().more()) {
        return;
      }
    }
    throw new AssertionError("retention still had more after 20 runs");
  }

  @Test
  void purge_oldTransitionsAndClosedOrders_deletedRecentAndOpenKept() {
    transition(OLD);
    transition(RECENT);
    jdbc.update("INSERT INTO health_state (gateway_id, device_id, state, cause, since, version, "
        + "checked_at) VALUES (?, 'cam-1', 'OFFLINE', 'silent', ?, 2, ?)", gw,
        Timestamp.from(OLD), Timestamp.from(OLD));
    order("cam-1", OLD, OLD);
    order("cam-2", OLD, RECENT);
    order("cam-3", OLD.minus(Duration.ofDays(300)), null);
    double before = meters.get("gridguard_device_retention_deleted_total")
        .tag("table", "maintenance_order").counter().count();

    purgeAll();

    assertThat(count("health_transition", "")).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT version FROM health_transition WHERE gateway_id = ?",
        Long.class, gw)).isEqualTo(2);
    assertThat(count("health_state", "")).isEqualTo(1);
    assertThat(count("maintenance_order", " AND device_id = 'cam-1'")).isZero();
    assertThat(count("maintenance_order", " AND device_id = 'cam-2'")).isEqualTo(1);
    assertThat(count("maintenance_order", " AND device_id = 'cam-3'")).isEqualTo(1);
    assertThat(meters.get("gridguard_device_retention_deleted_total")
        .tag("table", "maintenance_order").counter().count() - before).isGreaterThanOrEqualTo(1);
  }

  @Test
  void purge_moreRowsThanARunTakes_capStopsItAndTheNextRunsFinish() {
    purgeAll(); // whatever other tests left deletable
    for (int i = 0; i < 8; i++) {
      transition(OLD);
      order("cam-" + i, OLD, OLD);
    }

    org.gridguard.hub.schedule.ChunkedPurge.Purged first = retention.purge();

    assertThat(first.more()).isTrue();
    assertThat(first.of("health_transition")).isEqualTo(6);
    assertThat(first.of("maintenance_order")).isEqualTo(6);
    assertThat(count("health_transition", "")).isEqualTo(2);
    org.gridguard.hub.schedule.ChunkedPurge.Purged second = retention.purge();
    assertThat(second.more()).isFalse();
    assertThat(second.of("health_transition")).isEqualTo(2);
    assertThat(second.of("maintenance_order")).isEqualTo(2);
    assertThat(count("health_transition", "") + count("maintenance_order", "")).isZero();
  }

  @Test
  void properties_retentionUnderADay_refusedNamingTheKey() {
    assertThatThrownBy(() -> new DeviceHealthProperties(Duration.ofSeconds(30), 2.0,
        Duration.ofMinutes(2), 500, Duration.ofHours(1), Duration.ofHours(1), 1000, 50_000))
        .hasMessageContaining("gridguard.device-health.retention must be at least 1d");
    assertThat(defaults.retention()).isEqualTo(Duration.ofDays(400));
  }
}
