package org.gridguard.hub.record;

import java.util.ArrayList;
import java.util.List;
import org.gridguard.protocol.StorageRules;
import org.gridguard.protocol.v1.Record;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores PRIORITY lane records (events, alarms, status, spool reports) exactly once: records at
 * or below the stream's committed cursor are skipped, the rest are inserted and the cursor
 * advanced in the same transaction; the UNIQUE (gateway, stream, lane, sequence) constraint is
 * the last line of defence between hub instances. A record that can never be stored
 * ({@link StorageRules#problem(Record)}: a device id with a NUL, say, which PostgreSQL
 * refuses) goes to the {@link IngestDeadLetters} with its reason in the same transaction, so it
 * is acknowledged rather than failing the batch forever. The {@link Listener} (the alarm
 * package) is told of the new records inside the same transaction, so what it derives (alarms,
 * incidents) commits with them and a replay, never passed on, cannot count twice. Blocking: run
 * on a worker, not an event loop.
 */
@Repository
public class PriorityRecordStore {
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final CursorRepository cursors;
  private final IngestDeadLetters deadLetters;
  private final Listener listener;

  /**
   * Told of the records of a batch that were stored for the first time (not replays, not dead
   * letters), in sequence order, inside the batch's transaction. An exception rolls the whole
   * batch back (it is then not acknowledged and comes again).
   */
  public interface Listener {
    Listener NONE = (key, records) -> { };

    void stored(StreamKey key, List<Record> records);
  }

  /** Without a listener (tests of the store alone). */
  public PriorityRecordStore(JdbcTemplate jdbc, TransactionTemplate tx, CursorRepository cursors,
      IngestDeadLetters deadLetters) {
    this(jdbc, tx, cursors, deadLetters, Listener.NONE);
  }

  /**
   * With every listener of the context (the alarm intake, device health), told in their
   * {@code @Order}, all inside the batch's transaction.
   */
  @Autowired
  public PriorityRecordStore(JdbcTemplate jdbc, TransactionTemplate tx, CursorRepository cursors,
      IngestDeadLetters deadLetters, List<Listener> listeners) {
    this(jdbc, tx, cursors, deadLetters, listeners.size() == 1 ? listeners.get(0)
        : (key, records) -> listeners.forEach(l -> l.stored(key, records)));
  }

  public PriorityRecordStore(JdbcTemplate jdbc, TransactionTemplate tx, CursorRepository cursors,
      IngestDeadLetters deadLetters, Listener listener) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.cursors = cursors;
    this.deadLetters = deadLetters;
    this.listener = listener;
  }

  /**
   * Durably stores the records (ascending sequence) not yet committed, each either as a record
   * or, when it can never be stored, as a dead letter.
   *
   * @return how many were new (the others were replays), dead letters included
   */
  public int store(StreamKey key, List<Record> records) {
    int[] dead = new int[1];
    Integer stored = tx.execute(status -> {
      dead[0] = 0;
      long committed = cursors.committedForUpdate(key);
      List<Object[]> rows = new ArrayList<>(records.size());
      List<Record> fresh = new ArrayList<>(records.size());
      long last = committed;
      for (Record record : records) {
        if (record.getSequence() <= committed) {
          continue;
        }
        last = Math.max(last, record.getSequence());
        String problem = StorageRules.problem(record);
        if (problem != null) {
          deadLetters.insert(key, record.getSequence(), record.getBodyCase().name(), problem,
              record.toByteArray());
          dead[0]++;
          continue;
        }
        fresh.add(record);
        rows.add(new Object[] {
            key.gatewayId(), key.streamId(), key.lane().getNumber(), record.getSequence(),
            record.getBodyCase().name(), record.getDeviceId(), record.getCaptureTimeMs(),
            record.hasAlarm() ? record.getAlarm().getAlarmId() : null,
            record.hasAlarm() ? record.getAlarm().getPriority() : null,
            record.toByteArray()});
      }
      if (!rows.isEmpty()) {
        jdbc.batchUpdate("INSERT INTO uplink_record (gateway_id, stream_id, lane, sequence, kind, "
            + "device_id, capture_time_ms, alarm_id, priority, body) VALUES (?,?,?,?,?,?,?,?,?,?)",
            rows);
        listener.stored(key, fresh);
      }
      if (last > committed) {
        cursors.advance(key, last);
      }
      return rows.size() + dead[0];
    });
    deadLetters.counted(key.lane(), dead[0]);
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
