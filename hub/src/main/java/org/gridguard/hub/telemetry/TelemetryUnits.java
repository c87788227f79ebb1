package org.gridguard.hub.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.gridguard.hub.schedule.PeriodicTask;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The unit of each telemetry series (gateway, device, metric → {@code Reading.unit}) in
 * {@code telemetry_unit}, written only when it changes. {@link #records} runs on the ingest
 * event loops and does no I/O: a unit this instance already stored costs one map lookup; a new
 * or changed one is put aside (bounded) and written by this task's own thread every
 * {@code flush-interval}. A reading without a unit leaves the stored one alone. Several hub
 * instances write the same rows safely (last change wins); a remembered unit is re-checked
 * against the table after {@code recheck}, so a change written by another instance is not
 * shadowed for long.
 */
@Component
public class TelemetryUnits extends PeriodicTask {
  private static final Logger log = LoggerFactory.getLogger(TelemetryUnits.class);
  /** Column widths of telemetry_unit. */
  static final int MAX_UNIT = 32;
  private static final int MAX_NAME = 128;
  /** A remembered unit older than this is written (a no-op UPDATE) when heard again. */
  static final Duration RECHECK = Duration.ofHours(1);

  /** One series. Device '' = gateway-level record. */
  record Series(String gatewayId, String deviceId, String metric) {}

  /** A unit known to be in the table (or refused), and since when this instance knows it. */
  private record Known(String unit, long checkedAtMs) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final TelemetryUnitsProperties config;
  private final ConcurrentHashMap<Series, Known> known = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Series, String> pending = new ConcurrentHashMap<>();
  /** Entries checked before this are re-checked; moved on by each flush (no clock on the hot path). */
  private volatile long staleBeforeMs;
  private final Counter changes;
  private final Counter droppedFull;
  private final Counter refused;

  public TelemetryUnits(JdbcTemplate jdbc, Clock clock, TelemetryUnitsProperties config,
      MeterRegistry meters) {
    super("telemetry-units", config.flushInterval());
    this.jdbc = jdbc;
    this.clock = clock;
    this.config = config;
    this.staleBeforeMs = clock.millis() - RECHECK.toMillis();
    this.changes = Counter.builder("gridguard.telemetry.units.changes")
        .description("series units written to telemetry_unit (new or changed)").register(meters);
    this.droppedFull = Counter.builder("gridguard.telemetry.units.dropped").tag("reason", "full")
        .description("unit changes not written because max-pending was reached; written when "
            + "the series is heard again").register(meters);
    this.refused = Counter.builder("gridguard.telemetry.units.dropped").tag("reason", "invalid")
        .description("units not stored: longer than " + MAX_UNIT + " characters, a control "
            + "character, or a device id/metric wider than the table").register(meters);
    Gauge.builder("gridguard.telemetry.units.cached", known, Map::size)
        .description("series whose unit this instance remembers").register(meters);
    Gauge.builder("gridguard.telemetry.units.pending", pending, Map::size)
        .description("unit changes waiting to be written").register(meters);
  }

  /** A batch of a session's records arrived (event loop: no I/O, no blocking). */
  public void records(String gatewayId, List<Record> records) {
    long staleBefore = staleBeforeMs;
    for (int i = 0, n = records.size(); i < n; i++) {
      Record record = records.get(i);
      if (!record.hasTelemetry()) {
        continue;
      }
      Telemetry telemetry = record.getTelemetry();
      for (int r = 0, m = telemetry.getReadingsCount(); r < m; r++) {
        Reading reading = telemetry.getReadings(r);
        String unit = reading.getUnit();
        if (unit.isEmpty()) {
          continue;
        }
        Series series = new Series(gatewayId, record.getDeviceId(), reading.getMetric());
        Known k = known.get(series);
        if (k != null && k.unit().equals(unit) && k.checkedAtMs() > staleBefore) {
          continue;
        }
        heard(series, unit);
      }
    }
  }

  private void heard(Series series, String unit) {
    if (unit.length() > MAX_UNIT || series.deviceId().length() > MAX_NAME
        || series.metric().length() > MAX_NAME || unit.chars().anyMatch(Character::isISOControl)) {
      refused.increment();
      remember(series, unit); // counted once per change, not once per reading
      return;
    }
    if (unit.equals(pending.get(series))) {
      return;
    }
    if (pending.size() >= config.maxPending() && !pending.containsKey(series)) {
      droppedFull.increment();
      return;
    }
    pending.put(series, unit);
  }

  private void remember(Series series, String unit) {
    if (known.size() >= config.cacheSize() && !known.containsKey(series)) {
      Iterator<Series> any = known.keySet().iterator();
      if (any.hasNext()) {
        any.next();
        any.remove();
      }
    }
    known.put(series, new Known(unit, clock.millis()));
  }

  /** The stored unit of a series; empty when none was ever reported. */
  public Optional<String> unit(String gatewayId, String deviceId, String metric) {
    List<String> units = jdbc.queryForList("SELECT unit FROM telemetry_unit WHERE gateway_id = ? "
        + "AND device_id = ? AND metric = ?", String.class, gatewayId, deviceId, metric);
    return units.stream().findFirst();
  }

  @Override
  protected Duration runOnce() {
    flush();
    return config.flushInterval();
  }

  /** Writes the changed units collected so far; tests call it instead of waiting. */
  public synchronized void flush() {
    staleBeforeMs = clock.millis() - RECHECK.toMillis();
    List<Map.Entry<Series, String>> batch = new ArrayList<>();
    for (Map.Entry<Series, String> e : pending.entrySet()) {
      if (pending.remove(e.getKey(), e.getValue())) {
        batch.add(Map.entry(e.getKey(), e.getValue()));
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    Timestamp now = new Timestamp(clock.millis());
    String update = "UPDATE telemetry_unit SET unit = ?, changed_at = ? WHERE gateway_id = ? "
        + "AND device_id = ? AND metric = ? AND unit <> ?";
    List<Object[]> rows = batch.stream().map(e -> new Object[] {e.getValue(), now,
        e.getKey().gatewayId(), e.getKey().deviceId(), e.getKey().metric(), e.getValue()})
        .toList();
    int[] updated = jdbc.batchUpdate(update, rows);
    int written = 0;
    for (int i = 0; i < batch.size(); i++) {
      Series s = batch.get(i).getKey();
      String unit = batch.get(i).getValue();
      if (updated[i] != 0) {
        written++;
      } else {
        written += insertIfAbsent(s, unit, now, update, rows.get(i));
      }
      remember(s, unit);
    }
    changes.increment(written);
  }

  /** 1 when the row was inserted, 0 when it was there with this unit already. */
  private int insertIfAbsent(Series s, String unit, Timestamp now, String update, Object[] row) {
    try {
      return jdbc.update("INSERT INTO telemetry_unit (gateway_id, device_id, metric, unit, "
          + "changed_at) SELECT ?, ?, ?, ?, CAST(? AS TIMESTAMP) WHERE NOT EXISTS (SELECT 1 FROM telemetry_unit "
          + "WHERE gateway_id = ? AND device_id = ? AND metric = ?)", s.gatewayId(), s.deviceId(),
          s.metric(), unit, now, s.gatewayId(), s.deviceId(), s.metric());
    } catch (DuplicateKeyException e) {
      return jdbc.update(update, row); // another instance inserted it meanwhile
    } catch (DataIntegrityViolationException e) {
      log.debug("unit of {} not stored: {}", s, e.getMessage()); // the gateway was deleted
      return 0;
    }
  }
}
