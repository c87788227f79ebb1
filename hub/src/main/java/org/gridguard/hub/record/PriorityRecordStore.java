package org.gridguard.hub.record;

import java.util.ArrayList;
import java.util.List;
import org.gridguard.protocol.v1.Record;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores PRIORITY lane records (events, alarms, status, spool reports) exactly once: records at
 * or below the stream's committed cursor are skipped, the rest are inserted and the cursor
 * advanced in the same transaction; the UNIQUE (gateway, stream, lane, sequence) constraint is
 * the last line of defence between hub instances. Blocking: run on a worker, not an event loop.
 */
@Repository
public class PriorityRecordStore {
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final CursorRepository cursors;

  public PriorityRecordStore(JdbcTemplate jdbc, TransactionTemplate tx, CursorRepository cursors) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.cursors = cursors;
  }

  /**
   * Durably stores the records (ascending sequence) not yet committed.
   *
   * @return how many were new (the others were replays)
   */
  public int store(StreamKey key, List<Record> records) {
    Integer stored = tx.execute(status -> {
      long committed = cursors.committedForUpdate(key);
      List<Object[]> rows = new ArrayList<>(records.size());
      long last = committed;
      for (Record record : records) {
        if (record.getSequence() <= committed) {
          continue;
        }
        rows.add(new Object[] {
            key.gatewayId(), key.streamId(), key.lane().getNumber(), record.getSequence(),
            record.getBodyCase().name(), record.getDeviceId(), record.getCaptureTimeMs(),
            record.hasAlarm() ? record.getAlarm().getAlarmId() : null,
            record.hasAlarm() ? record.getAlarm().getPriority() : null,
            record.toByteArray()});
        last = Math.max(last, record.getSequence());
      }
      if (!rows.isEmpty()) {
        jdbc.batchUpdate("INSERT INTO uplink_record (gateway_id, stream_id, lane, sequence, kind, "
            + "device_id, capture_time_ms, alarm_id, priority, body) VALUES (?,?,?,?,?,?,?,?,?,?)",
            rows);
        cursors.advance(key, last);
      }
      return rows.size();
    });
    return stored == null ? 0 : stored;
  }

  /** Number of stored records of a stream lane (tests and diagnostics). */
  public long count(StreamKey key) {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM uplink_record WHERE gateway_id = ? AND "
        + "stream_id = ? AND lane = ?", Long.class, key.gatewayId(), key.streamId(),
        key.lane().getNumber());
    return n == null ? 0 : n;
  }
}
