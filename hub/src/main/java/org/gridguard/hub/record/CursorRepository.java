package org.gridguard.hub.record;

import java.util.EnumMap;
import java.util.Map;
import org.gridguard.protocol.v1.Lane;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The committed sequence per (gateway, stream, lane). Advances only forward, whichever hub
 * instance writes: the update's {@code sequence < ?} guard and the primary key do the work, so
 * several instances can share the table.
 */
@Repository
public class CursorRepository {
  private final JdbcTemplate jdbc;

  public CursorRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Committed sequence per lane of a stream; lanes without a row are absent (0). */
  public Map<Lane, Long> committed(String gatewayId, String streamId) {
    Map<Lane, Long> result = new EnumMap<>(Lane.class);
    jdbc.query("SELECT lane, sequence FROM stream_cursor WHERE gateway_id = ? AND stream_id = ?",
        rs -> {
          result.put(Lane.forNumber(rs.getInt(1)), rs.getLong(2));
        }, gatewayId, streamId);
    return result;
  }

  /** Committed sequence of one lane, locking the row for the current transaction. */
  public long committedForUpdate(StreamKey key) {
    return jdbc.query("SELECT sequence FROM stream_cursor WHERE gateway_id = ? AND stream_id = ? "
            + "AND lane = ? FOR UPDATE",
        rs -> rs.next() ? rs.getLong(1) : 0L, key.gatewayId(), key.streamId(),
        key.lane().getNumber());
  }

  /**
   * Committed sequences of several stream lanes, locking their rows for the current transaction
   * in key order (so two transactions locking overlapping sets cannot deadlock on them); keys
   * without a row are absent (0). One statement per 300 keys.
   */
  public Map<StreamKey, Long> committedForUpdate(java.util.Collection<StreamKey> keys) {
    java.util.List<StreamKey> sorted = new java.util.ArrayList<>(keys);
    sorted.sort(ORDER);
    Map<StreamKey, Long> result = new java.util.HashMap<>();
    for (int from = 0; from < sorted.size(); from += 300) {
      java.util.List<StreamKey> chunk = sorted.subList(from, Math.min(sorted.size(), from + 300));
      Object[] args = new Object[chunk.size() * 3];
      StringBuilder sql = new StringBuilder("SELECT gateway_id, stream_id, lane, sequence FROM "
          + "stream_cursor WHERE (gateway_id, stream_id, lane) IN (");
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
        args[3 * i] = chunk.get(i).gatewayId();
        args[3 * i + 1] = chunk.get(i).streamId();
        args[3 * i + 2] = chunk.get(i).lane().getNumber();
      }
      sql.append(") ORDER BY gateway_id, stream_id, lane FOR UPDATE");
      jdbc.query(sql.toString(), rs -> {
        result.put(new StreamKey(rs.getString(1), rs.getString(2), Lane.forNumber(rs.getInt(3))),
            rs.getLong(4));
      }, args);
    }
    return result;
  }

  /** Key order of row locks: gateway, stream, lane (as the database sorts them). */
  static final java.util.Comparator<StreamKey> ORDER = java.util.Comparator
      .comparing(StreamKey::gatewayId).thenComparing(StreamKey::streamId)
      .thenComparingInt(k -> k.lane().getNumber());

  /**
   * Moves several cursors forward (never back) in one JDBC batch; a cursor without a row yet is
   * inserted as {@link #advance} does. Call inside the transaction of the rows they cover. (One
   * {@code MERGE} over arrays was tried twice and cost PostgreSQL more than this batch of
   * single-row updates, with no latency gain: README, Performance, the incident benchmark.)
   */
  public void advanceAll(Map<StreamKey, Long> sequences) {
    java.util.List<StreamKey> keys = new java.util.ArrayList<>(sequences.keySet());
    keys.sort(ORDER);
    java.util.List<Object[]> args = new java.util.ArrayList<>(keys.size());
    for (StreamKey k : keys) {
      long sequence = sequences.get(k);
      args.add(new Object[] {sequence, k.gatewayId(), k.streamId(), k.lane().getNumber(),
          sequence});
    }
    int[] updated = jdbc.batchUpdate(ADVANCE, args);
    for (int i = 0; i < updated.length; i++) {
      if (updated[i] == 0) {
        advance(keys.get(i), sequences.get(keys.get(i)));
      }
    }
  }

  private static final String ADVANCE = "UPDATE stream_cursor SET sequence = ?, updated_at = "
      + "CURRENT_TIMESTAMP WHERE gateway_id = ? AND stream_id = ? AND lane = ? AND sequence < ?";

  /**
   * Moves the cursor forward to {@code sequence} (never back). Call inside a transaction when
   * it must commit together with the rows it covers.
   */
  public void advance(StreamKey key, long sequence) {
    int updated = jdbc.update(ADVANCE, sequence, key.gatewayId(), key.streamId(),
        key.lane().getNumber(), sequence);
    if (updated == 0) {
      Integer exists = jdbc.queryForObject("SELECT COUNT(*) FROM stream_cursor WHERE gateway_id = ? "
              + "AND stream_id = ? AND lane = ?", Integer.class,
          key.gatewayId(), key.streamId(), key.lane().getNumber());
      if (exists == null || exists == 0) {
        try {
          jdbc.update("INSERT INTO stream_cursor (gateway_id, stream_id, lane, sequence) "
                  + "VALUES (?, ?, ?, ?)", key.gatewayId(), key.streamId(),
              key.lane().getNumber(), sequence);
        } catch (org.springframework.dao.DuplicateKeyException raced) {
          // another instance inserted first; move it forward if ours is higher
          advance(key, sequence);
        }
      }
    }
  }
}
