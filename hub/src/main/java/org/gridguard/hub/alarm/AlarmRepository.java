package org.gridguard.hub.alarm;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Writes of alarm rows and their history, for the intake (always inside the caller's
 * transaction). Counts and times are changed in SQL ({@code occurrences + ?}, {@code GREATEST}),
 * so two writers never lose each other's repeats.
 */
@Repository
class AlarmRepository {
  /** The active alarm of a key as the intake needs it. */
  static final class Active {
    final long id;
    Instant firstAt;
    final String category;
    Long incidentId;
    final Set<String> evidence;
    final Set<String> edgeIds;
    // accumulated in the batch, written by flush
    long countDelta;
    Instant lastAt;
    boolean dirty;

    Active(long id, Instant firstAt, Instant lastAt, String category, Long incidentId,
        Set<String> evidence, Set<String> edgeIds) {
      this.id = id;
      this.firstAt = firstAt;
      this.lastAt = lastAt;
      this.category = category;
      this.incidentId = incidentId;
      this.evidence = evidence;
      this.edgeIds = edgeIds;
    }
  }

  /** A cleared alarm of a key: its id and end. */
  record Cleared(long id, Instant endAt) {}

  /** A new alarm row. */
  record NewRow(AlarmInput in, String gridCode, Double lat, Double lon, boolean active,
      Instant now) {}

  /** A history row. */
  record History(long alarmId, Instant at, String action, String actor, String edgeAlarmId,
      Instant captureAt, String note) {}

  private final JdbcTemplate jdbc;

  AlarmRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The active alarms of {@code keys} (one query per 500 keys), by key. */
  java.util.Map<String, Active> findActive(java.util.Collection<String> keys) {
    java.util.Map<String, Active> found = new java.util.HashMap<>();
    List<String> all = new ArrayList<>(keys);
    for (int from = 0; from < all.size(); from += 500) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
      String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
      jdbc.query("SELECT id, first_at, last_at, category, incident_id, evidence_ids, "
          + "edge_alarm_ids, active_key FROM alarm WHERE active_key IN (" + marks + ")", rs -> {
            found.put(rs.getString(8), new Active(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                rs.getTimestamp(3).toInstant(), rs.getString(4),
                (Long) rs.getObject(5, Long.class), split(rs.getString(6)),
                split(rs.getString(7))));
          }, chunk.toArray());
    }
    return found;
  }

  /** Writes what the batch added to these active alarms, in one JDBC batch. */
  void flushAll(List<Active> actives) {
    List<Object[]> args = new ArrayList<>();
    List<Active> byId = new ArrayList<>(actives);
    // row locks in id order: two transactions touching the same alarms cannot deadlock on them
    byId.sort(java.util.Comparator.comparingLong(a -> a.id));
    for (Active a : byId) {
      if (a.dirty) {
        args.add(new Object[] {a.countDelta, ts(a.firstAt), ts(a.lastAt), join(a.evidence),
            join(a.edgeIds), a.id});
        a.countDelta = 0;
        a.dirty = false;
      }
    }
    if (!args.isEmpty()) {
      jdbc.batchUpdate(FLUSH, args);
    }
  }

  private static final String FLUSH = "UPDATE alarm SET occurrences = occurrences + ?, "
      + "first_at = LEAST(first_at, ?), last_at = GREATEST(last_at, ?), evidence_ids = ?, "
      + "edge_alarm_ids = ? WHERE id = ?";

  Optional<Active> findActive(String key) {
    return jdbc.query("SELECT id, first_at, last_at, category, incident_id, evidence_ids, "
        + "edge_alarm_ids FROM alarm WHERE active_key = ?", (rs, n) -> new Active(rs.getLong(1),
            rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(), rs.getString(4),
            (Long) rs.getObject(5, Long.class), split(rs.getString(6)), split(rs.getString(7))),
        key).stream().findFirst();
  }

  Optional<Cleared> latestCleared(String key) {
    return jdbc.query("SELECT id, end_at FROM alarm WHERE dedup_key = ? AND active_key IS NULL "
        + "AND end_at IS NOT NULL ORDER BY end_at DESC, id DESC LIMIT 1",
        (rs, n) -> new Cleared(rs.getLong(1), rs.getTimestamp(2).toInstant()), key)
        .stream().findFirst();
  }

  /**
   * Inserts an alarm (occurrences 1).
   *
   * @throws org.springframework.dao.DuplicateKeyException if {@code active} and the key already
   *     has an active alarm (run in a savepoint)
   */
  long insert(NewRow r, int maxIds) {
    AlarmInput in = r.in();
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(con -> {
      var ps = con.prepareStatement("INSERT INTO alarm (gateway_id, device_id, type, zone, "
          + "dedup_key, active_key, category, priority, grid_code, lat, lon, first_at, last_at, "
          + "end_at, occurrences, evidence_ids, edge_alarm_ids, rule, detail, state, created_at) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
          new String[] {"id"});
      int i = 1;
      ps.setString(i++, in.gatewayId());
      ps.setString(i++, in.deviceId());
      ps.setString(i++, in.type());
      ps.setString(i++, in.zone());
      ps.setString(i++, in.dedupKey());
      ps.setString(i++, r.active() ? in.dedupKey() : null);
      ps.setString(i++, in.category());
      ps.setInt(i++, in.priority());
      ps.setString(i++, r.gridCode());
      ps.setObject(i++, r.lat());
      ps.setObject(i++, r.lon());
      ps.setTimestamp(i++, ts(in.begin()));
      ps.setTimestamp(i++, ts(max(in.begin(), in.capture())));
      ps.setTimestamp(i++, r.active() ? null : ts(in.end()));
      ps.setString(i++, join(bounded(in.evidenceIds(), maxIds)));
      ps.setString(i++, in.edgeAlarmId().isEmpty() ? "" : in.edgeAlarmId());
      ps.setString(i++, in.rule());
      ps.setString(i++, in.detail());
      ps.setString(i++, r.active() ? "ACTIVE" : "CLEARED");
      ps.setTimestamp(i, ts(r.now()));
      return ps;
    }, key);
    return key.getKey().longValue();
  }

  /** Writes what the batch added to an active alarm. */
  void flush(Active a) {
    if (!a.dirty) {
      return;
    }
    jdbc.update(FLUSH, a.countDelta, ts(a.firstAt), ts(a.lastAt), join(a.evidence), join(a.edgeIds), a.id);
    a.countDelta = 0;
    a.dirty = false;
  }

  /** Clears an active alarm (its key is free for a new one). */
  void clear(long id, Instant end) {
    jdbc.update("UPDATE alarm SET state = 'CLEARED', active_key = NULL, end_at = ?, "
        + "last_at = GREATEST(last_at, ?) WHERE id = ? AND state = 'ACTIVE'", ts(end), ts(end), id);
  }

  /** A late record of a cleared alarm: counted, and its end moved to the latest END seen. */
  void lateRecord(long id, Instant end) {
    jdbc.update("UPDATE alarm SET occurrences = occurrences + 1, end_at = CASE WHEN ? > end_at "
        + "THEN ? ELSE end_at END WHERE id = ?", ts(end), ts(end), id);
  }

  void setIncident(long id, Long incidentId, String note, String correlation) {
    jdbc.update("UPDATE alarm SET incident_id = ?, incident_note = ?, correlation = ? "
        + "WHERE id = ?", incidentId, note == null ? null : AlarmInput.clean(note, 500),
        correlation, id);
  }

  /** Links an alarm that has no incident yet to {@code incidentId}. */
  boolean linkIfUnlinked(long id, long incidentId, String correlation) {
    return jdbc.update("UPDATE alarm SET incident_id = ?, correlation = ? WHERE id = ? AND "
        + "incident_id IS NULL", incidentId, correlation, id) == 1;
  }

  void history(List<History> rows) {
    if (rows.isEmpty()) {
      return;
    }
    List<Object[]> args = new ArrayList<>(rows.size());
    for (History h : rows) {
      args.add(new Object[] {h.alarmId(), ts(h.at()), h.action(), h.actor(),
          h.edgeAlarmId() == null || h.edgeAlarmId().isEmpty() ? null : h.edgeAlarmId(),
          ts(h.captureAt()), h.note()});
    }
    jdbc.batchUpdate("INSERT INTO alarm_history (alarm_id, at, action, actor, edge_alarm_id, "
        + "capture_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)", args);
  }

  static Set<String> split(String list) {
    Set<String> out = new LinkedHashSet<>();
    if (list != null && !list.isEmpty()) {
      out.addAll(Arrays.asList(list.split(",")));
    }
    return out;
  }

  static String join(java.util.Collection<String> ids) {
    return String.join(",", ids);
  }

  /** Adds ids (no commas) while the list stays within {@code max} entries and 2,000 chars. */
  static boolean addBounded(Set<String> set, String id, int max) {
    if (id == null || id.isEmpty() || set.contains(id) || set.size() >= max) {
      return false;
    }
    String clean = id.replace(',', '_');
    int length = set.stream().mapToInt(s -> s.length() + 1).sum();
    if (length + clean.length() > 2000) {
      return false;
    }
    return set.add(clean);
  }

  private static List<String> bounded(List<String> ids, int max) {
    Set<String> set = new LinkedHashSet<>();
    ids.forEach(id -> addBounded(set, id, max));
    return new ArrayList<>(set);
  }

  static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }
}
