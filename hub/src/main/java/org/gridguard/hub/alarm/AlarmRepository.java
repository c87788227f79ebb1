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

  /**
   * The active alarms of {@code keys}, by key: one statement whatever their number (the keys go
   * as one array; an IN list of its own length per group made PostgreSQL plan every group's
   * lookup afresh, 15–22 ms for a few hundred keys).
   */
  java.util.Map<String, Active> findActive(java.util.Collection<String> keys) {
    java.util.Map<String, Active> found = new java.util.HashMap<>();
    if (keys.isEmpty()) {
      return found;
    }
    Object[] all = keys.toArray();
    jdbc.query(con -> {
      var ps = con.prepareStatement("SELECT id, first_at, last_at, category, incident_id, "
          + "evidence_ids, edge_alarm_ids, active_key FROM alarm WHERE active_key = ANY (?)");
      ps.setArray(1, con.createArrayOf("varchar", all));
      return ps;
    }, rs -> {
      found.put(rs.getString(8), new Active(rs.getLong(1), rs.getTimestamp(2).toInstant(),
          rs.getTimestamp(3).toInstant(), rs.getString(4), (Long) rs.getObject(5, Long.class),
          split(rs.getString(6)), split(rs.getString(7))));
    });
    return found;
  }

  /**
   * Writes what the batch added to these active alarms in one statement: a MERGE over arrays of
   * the changes (one row each), so a group of a few hundred repeats costs one statement with one
   * plan instead of one UPDATE per alarm (0.8 per alarm record under the incident benchmark, its
   * largest cost in PostgreSQL). Counts and times still change in SQL.
   */
  void flushAll(List<Active> actives) {
    List<Active> dirty = new ArrayList<>();
    for (Active a : actives) {
      if (a.dirty) {
        dirty.add(a);
      }
    }
    if (dirty.isEmpty()) {
      return;
    }
    // row locks in id order: two transactions touching the same alarms cannot deadlock on them
    dirty.sort(java.util.Comparator.comparingLong(a -> a.id));
    int n = dirty.size();
    Object[] ids = new Object[n];
    Object[] deltas = new Object[n];
    Object[] firsts = new Object[n];
    Object[] lasts = new Object[n];
    Object[] evidence = new Object[n];
    Object[] edgeIds = new Object[n];
    for (int i = 0; i < n; i++) {
      Active a = dirty.get(i);
      ids[i] = a.id;
      deltas[i] = a.countDelta;
      firsts[i] = ts(a.firstAt);
      lasts[i] = ts(a.lastAt);
      evidence[i] = join(a.evidence);
      edgeIds[i] = join(a.edgeIds);
    }
    jdbc.update(con -> {
      var ps = con.prepareStatement(FLUSH_ALL);
      ps.setArray(1, con.createArrayOf("bigint", ids));
      ps.setArray(2, con.createArrayOf("bigint", deltas));
      ps.setArray(3, con.createArrayOf("timestamp", firsts));
      ps.setArray(4, con.createArrayOf("timestamp", lasts));
      ps.setArray(5, con.createArrayOf("varchar", evidence));
      ps.setArray(6, con.createArrayOf("varchar", edgeIds));
      return ps;
    });
    for (Active a : dirty) {
      a.countDelta = 0;
      a.dirty = false;
    }
  }

  private static final String FLUSH_ALL = "MERGE INTO alarm a USING (SELECT * FROM UNNEST("
      + "CAST(? AS BIGINT ARRAY), CAST(? AS BIGINT ARRAY), CAST(? AS TIMESTAMP ARRAY), "
      + "CAST(? AS TIMESTAMP ARRAY), CAST(? AS VARCHAR(2000) ARRAY), "
      + "CAST(? AS VARCHAR(2000) ARRAY))) AS v (id, delta, first_at, last_at, evidence_ids, "
      + "edge_alarm_ids) ON a.id = v.id WHEN MATCHED THEN UPDATE SET "
      + "occurrences = a.occurrences + v.delta, first_at = LEAST(a.first_at, v.first_at), "
      + "last_at = GREATEST(a.last_at, v.last_at), evidence_ids = v.evidence_ids, "
      + "edge_alarm_ids = v.edge_alarm_ids";

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

  /** Links an alarm that has no incident yet to {@code incidentId}. */
  boolean linkIfUnlinked(long id, long incidentId, String correlation) {
    return jdbc.update("UPDATE alarm SET incident_id = ?, correlation = ? WHERE id = ? AND "
        + "incident_id IS NULL", incidentId, correlation, id) == 1;
  }

  /**
   * Appends history rows in one statement over arrays (one row each): one statement shape and
   * plan whatever the number, where a batched multi-row VALUES insert took a new shape for each
   * size and was, with ~2,000 rows a second under the incident benchmark, the alarm path's
   * largest cost in PostgreSQL. Rows keep their order (their ids are the timeline's order).
   */
  void history(List<History> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int n = rows.size();
    Object[] alarmIds = new Object[n];
    Object[] at = new Object[n];
    Object[] actions = new Object[n];
    Object[] actors = new Object[n];
    Object[] edgeIds = new Object[n];
    Object[] captures = new Object[n];
    Object[] notes = new Object[n];
    for (int i = 0; i < n; i++) {
      History h = rows.get(i);
      alarmIds[i] = h.alarmId();
      at[i] = ts(h.at());
      actions[i] = h.action();
      actors[i] = h.actor();
      edgeIds[i] = h.edgeAlarmId() == null || h.edgeAlarmId().isEmpty() ? null : h.edgeAlarmId();
      captures[i] = ts(h.captureAt());
      notes[i] = h.note();
    }
    jdbc.update(con -> {
      var ps = con.prepareStatement(HISTORY);
      ps.setArray(1, con.createArrayOf("bigint", alarmIds));
      ps.setArray(2, con.createArrayOf("timestamp", at));
      ps.setArray(3, con.createArrayOf("varchar", actions));
      ps.setArray(4, con.createArrayOf("varchar", actors));
      ps.setArray(5, con.createArrayOf("varchar", edgeIds));
      ps.setArray(6, con.createArrayOf("timestamp", captures));
      ps.setArray(7, con.createArrayOf("varchar", notes));
      return ps;
    });
  }

  private static final String HISTORY = "INSERT INTO alarm_history (alarm_id, at, action, actor, "
      + "edge_alarm_id, capture_at, note) SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY), "
      + "CAST(? AS TIMESTAMP ARRAY), CAST(? AS VARCHAR(16) ARRAY), CAST(? AS VARCHAR(128) ARRAY), "
      + "CAST(? AS VARCHAR(128) ARRAY), CAST(? AS TIMESTAMP ARRAY), "
      + "CAST(? AS VARCHAR(2000) ARRAY))";

  /** An alarm's incident (or why it has none) and the correlation rule that linked it. */
  record Link(long alarmId, Long incidentId, String note, String correlation) {}

  /**
   * Stores the incidents of new alarms in one statement (a MERGE over arrays, in id order),
   * instead of one UPDATE per new alarm right after its insert.
   */
  void setIncidents(List<Link> links) {
    if (links.isEmpty()) {
      return;
    }
    List<Link> sorted = new ArrayList<>(links);
    sorted.sort(java.util.Comparator.comparingLong(Link::alarmId));
    int n = sorted.size();
    Object[] ids = new Object[n];
    Object[] incidents = new Object[n];
    Object[] notes = new Object[n];
    Object[] rules = new Object[n];
    for (int i = 0; i < n; i++) {
      Link l = sorted.get(i);
      ids[i] = l.alarmId();
      incidents[i] = l.incidentId();
      notes[i] = l.note() == null ? null : AlarmInput.clean(l.note(), 500);
      rules[i] = l.correlation();
    }
    jdbc.update(con -> {
      var ps = con.prepareStatement(SET_INCIDENTS);
      ps.setArray(1, con.createArrayOf("bigint", ids));
      ps.setArray(2, con.createArrayOf("bigint", incidents));
      ps.setArray(3, con.createArrayOf("varchar", notes));
      ps.setArray(4, con.createArrayOf("varchar", rules));
      return ps;
    });
  }

  private static final String SET_INCIDENTS = "MERGE INTO alarm a USING (SELECT * FROM UNNEST("
      + "CAST(? AS BIGINT ARRAY), CAST(? AS BIGINT ARRAY), CAST(? AS VARCHAR(500) ARRAY), "
      + "CAST(? AS VARCHAR(64) ARRAY))) AS v (id, incident_id, note, correlation) ON a.id = v.id "
      + "WHEN MATCHED THEN UPDATE SET incident_id = v.incident_id, incident_note = v.note, "
      + "correlation = v.correlation";

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
