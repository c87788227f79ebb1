package org.gridguard.hub.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridguard.hub.schedule.PeriodicTask;
import org.gridguard.protocol.v1.Record;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Collects what ingest hears (on the event loops: map writes only) and writes it every
 * {@code flush-interval} on its own thread: the gateway's software version from its Hello, its
 * last-seen time, when its session closed, and each registered device's latest report
 * ({@code device_signal}). So a gateway costs at most one UPDATE per interval however many
 * frames it sends. Times only move forward in the database, so several hub instances (a gateway
 * moving between them) write the same rows safely.
 */
@Component
public class GatewayActivityRecorder extends PeriodicTask implements GatewayActivity {
  private static final int VERSION_MAX = 64;

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final GatewayActivityProperties config;
  private final ConcurrentHashMap<String, String> versions = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> heard = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> closed = new ConcurrentHashMap<>();
  /** Key: gateway id, NUL, device id (neither may contain NUL, PROTOCOL.md §2.6). */
  private final ConcurrentHashMap<String, Long> devices = new ConcurrentHashMap<>();
  private final AtomicInteger entries = new AtomicInteger();
  private final Counter dropped;
  private final Counter writes;

  public GatewayActivityRecorder(JdbcTemplate jdbc, Clock clock, GatewayActivityProperties config,
      MeterRegistry meters) {
    super("gateway-activity", config.flushInterval());
    this.jdbc = jdbc;
    this.clock = clock;
    this.config = config;
    this.dropped = Counter.builder("gridguard.gateway.activity.dropped")
        .description("gateway/device activity facts dropped because max-entries was reached")
        .register(meters);
    this.writes = Counter.builder("gridguard.gateway.activity.writes")
        .description("rows written from gateway activity").register(meters);
    Gauge.builder("gridguard.gateway.activity.pending", entries, AtomicInteger::get)
        .description("gateway/device activity facts waiting to be written").register(meters);
  }

  @Override
  public void opened(String gatewayId, String softwareVersion) {
    versions.put(gatewayId, clean(softwareVersion));
    heard(gatewayId);
  }

  @Override
  public void heard(String gatewayId) {
    put(heard, gatewayId, clock.millis());
  }

  @Override
  public void records(String gatewayId, List<Record> records) {
    long now = clock.millis();
    String run = null; // a batch mostly holds runs of one device: one map write per run
    long runLatest = 0;
    for (Record record : records) {
      String device = record.getDeviceId();
      if (device.isEmpty()) {
        continue;
      }
      long at = Math.min(record.getCaptureTimeMs(), now);
      if (device.equals(run)) {
        runLatest = Math.max(runLatest, at);
        continue;
      }
      if (run != null) {
        reported(gatewayId, run, runLatest);
      }
      run = device;
      runLatest = at;
    }
    if (run != null) {
      reported(gatewayId, run, runLatest);
    }
  }

  private void reported(String gatewayId, String device, long at) {
    String key = gatewayId + '\0' + device;
    Long before = devices.get(key);
    if (before == null || before < at) {
      put(devices, key, at);
    }
  }

  @Override
  public void closed(String gatewayId) {
    put(closed, gatewayId, clock.millis());
  }

  private void put(ConcurrentHashMap<String, Long> map, String key, long value) {
    if (map.containsKey(key)) {
      map.merge(key, value, Math::max);
      return;
    }
    if (entries.get() >= config.maxEntries()) {
      dropped.increment();
      return;
    }
    if (map.putIfAbsent(key, value) == null) {
      entries.incrementAndGet();
    } else {
      map.merge(key, value, Math::max);
    }
  }

  @Override
  protected Duration runOnce() {
    flush();
    return config.flushInterval();
  }

  /** Writes everything collected so far; tests call it instead of waiting. */
  public synchronized void flush() {
    List<Object[]> versionRows = new ArrayList<>();
    for (Map.Entry<String, String> e : versions.entrySet()) {
      if (versions.remove(e.getKey(), e.getValue())) {
        versionRows.add(new Object[] {e.getValue().isEmpty() ? null : e.getValue(), e.getKey()});
      }
    }
    List<Object[]> seen = forwardRows(heard);
    List<Object[]> ends = forwardRows(closed);
    List<Object[]> reports = new ArrayList<>();
    for (Map.Entry<String, Long> e : drain(devices)) {
      int nul = e.getKey().indexOf('\0');
      Timestamp at = new Timestamp(e.getValue());
      reports.add(new Object[] {at, e.getKey().substring(0, nul), e.getKey().substring(nul + 1)});
    }
    if (!versionRows.isEmpty()) {
      jdbc.batchUpdate("UPDATE gateway SET software_version = ? WHERE gateway_id = ?",
          versionRows);
    }
    if (!seen.isEmpty()) {
      jdbc.batchUpdate("UPDATE gateway SET last_seen_at = ? WHERE gateway_id = ? AND "
          + "(last_seen_at IS NULL OR last_seen_at < ?)", seen);
    }
    if (!ends.isEmpty()) {
      jdbc.batchUpdate("UPDATE gateway SET session_closed_at = ? WHERE gateway_id = ? AND "
          + "(session_closed_at IS NULL OR session_closed_at < ?)", ends);
    }
    if (!reports.isEmpty()) {
      writeReports(reports);
    }
    writes.increment(versionRows.size() + seen.size() + ends.size() + reports.size());
  }

  /**
   * Each registered device's latest report, as one statement over arrays joined to the registry
   * (an unregistered device's report matches nothing): an existing row only moves forward, a
   * missing one is inserted. A JDBC batch of one UPDATE per device heard (3,200 under the incident
   * benchmark, most matching nothing) took 100–450 ms of a database core every 15 s, competing
   * with the alarm commits; before it, one INSERT per unmatched report made 3,200 round trips.
   */
  private static final String MERGE_REPORTS = "MERGE INTO device_signal s USING (SELECT "
      + "d.gateway_id, d.device_id, v.at FROM (SELECT * FROM UNNEST(CAST(? AS VARCHAR(64) ARRAY), "
      + "CAST(? AS VARCHAR(128) ARRAY), CAST(? AS TIMESTAMP ARRAY))) AS v (gateway_id, device_id, "
      + "at) JOIN device d ON d.gateway_id = v.gateway_id AND d.device_id = v.device_id) AS r "
      + "ON s.gateway_id = r.gateway_id AND s.device_id = r.device_id "
      + "WHEN MATCHED AND (s.last_report_at IS NULL OR s.last_report_at < r.at) THEN UPDATE SET "
      + "last_report_at = r.at "
      + "WHEN NOT MATCHED THEN INSERT (gateway_id, device_id, last_report_at) VALUES "
      + "(r.gateway_id, r.device_id, r.at)";

  private void writeReports(List<Object[]> reports) {
    try {
      mergeReports(reports);
    } catch (DuplicateKeyException e) {
      // another hub instance inserted one of the rows meanwhile: row by row, and that row is
      // then matched and moved forward instead
      for (Object[] r : reports) {
        try {
          mergeReports(java.util.Collections.singletonList(r));
        } catch (DuplicateKeyException again) {
          mergeReports(java.util.Collections.singletonList(r));
        }
      }
    }
  }

  /** Rows {at, gateway, device}. */
  private void mergeReports(List<Object[]> rows) {
    Object[] gateways = new Object[rows.size()];
    Object[] deviceIds = new Object[rows.size()];
    Object[] ats = new Object[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      Object[] r = rows.get(i);
      ats[i] = r[0];
      gateways[i] = r[1];
      deviceIds[i] = r[2];
    }
    jdbc.update(con -> {
      var ps = con.prepareStatement(MERGE_REPORTS);
      ps.setArray(1, con.createArrayOf("varchar", gateways));
      ps.setArray(2, con.createArrayOf("varchar", deviceIds));
      ps.setArray(3, con.createArrayOf("timestamp", ats));
      return ps;
    });
  }

  private List<Object[]> forwardRows(ConcurrentHashMap<String, Long> map) {
    List<Object[]> rows = new ArrayList<>();
    for (Map.Entry<String, Long> e : drain(map)) {
      Timestamp at = new Timestamp(e.getValue());
      rows.add(new Object[] {at, e.getKey(), at});
    }
    return rows;
  }

  private List<Map.Entry<String, Long>> drain(ConcurrentHashMap<String, Long> map) {
    List<Map.Entry<String, Long>> out = new ArrayList<>();
    for (Map.Entry<String, Long> e : map.entrySet()) {
      Long value = e.getValue();
      if (map.remove(e.getKey(), value)) {
        entries.decrementAndGet();
        out.add(Map.entry(e.getKey(), value));
      }
    }
    return out;
  }

  private static String clean(String version) {
    if (version == null || version.isBlank()) {
      return ""; // written as NULL: this edge reports no version
    }
    StringBuilder b = new StringBuilder(Math.min(version.length(), VERSION_MAX));
    for (int i = 0; i < version.length() && b.length() < VERSION_MAX; i++) {
      char c = version.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return b.toString().strip();
  }
}
