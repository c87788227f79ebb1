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
   * Moves the cursor forward to {@code sequence} (never back). Call inside a transaction when
   * it must commit together with the rows it covers.
   */
  public void advance(StreamKey key, long sequence) {
    int updated = jdbc.update("UPDATE stream_cursor SET sequence = ?, updated_at = CURRENT_TIMESTAMP "
            + "WHERE gateway_id = ? AND stream_id = ? AND lane = ? AND sequence < ?",
        sequence, key.gatewayId(), key.streamId(), key.lane().getNumber(), sequence);
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
