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

    /**
     * The stored records of several stream lanes committed in one transaction (each batch's
     * records in sequence order). By default each batch in turn; a listener that can read and
     * write for all of them at once overrides this.
     */
    default void storedAll(List<Batch> batches) {
      for (Batch b : batches) {
        stored(b.key(), b.records());
      }
    }
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
        : new Listener() {
          @Override
          public void stored(StreamKey key, List<Record> records) {
            listeners.forEach(l -> l.stored(key, records));
          }

          @Override
          public void storedAll(List<Batch> batches) {
            listeners.forEach(l -> l.storedAll(batches));
          }
        });
  }

  public PriorityRecordStore(JdbcTemplate jdbc, TransactionTemplate tx, CursorRepository cursors,
      IngestDeadLetters deadLetters, Listener listener) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.cursors = cursors;
    this.deadLetters = deadLetters;
    this.listener = listener;
  }

  /** One session's batch: records of one stream lane, ascending sequence. */
  public record Batch(StreamKey key, List<Record> records) {}

  /**
   * Durably stores the records (ascending sequence) not yet committed, each either as a record
   * or, when it can never be stored, as a dead letter.
   *
   * @return how many were new (the others were replays), dead letters included
   */
  public int store(StreamKey key, List<Record> records) {
    return storeAll(List.of(new Batch(key, records)))[0];
  }

  /**
   * {@link #store} for the batches of several stream lanes (distinct keys) in <em>one</em>
   * transaction: their cursors locked in one statement (in key order), their records inserted in
   * one JDBC batch, the listener told of all of them at once, the cursors advanced in one batch.
   * All commit or none does.
   *
   * @return per batch, in order, how many were new, dead letters included
   */
  public int[] storeAll(List<Batch> batches) {
    int[] stored = new int[batches.size()];
    int[] dead = new int[batches.size()];
    tx.executeWithoutResult(status -> {
      java.util.Arrays.fill(stored, 0);
      java.util.Arrays.fill(dead, 0);
      java.util.Map<StreamKey, Long> committed = cursors.committedForUpdate(
          batches.stream().map(Batch::key).toList());
      List<Object[]> rows = new ArrayList<>();
      List<Batch> fresh = new ArrayList<>(batches.size());
      java.util.Map<StreamKey, Long> advanced = new java.util.HashMap<>();
      for (int b = 0; b < batches.size(); b++) {
        StreamKey key = batches.get(b).key();
        long before = committed.getOrDefault(key, 0L);
        long last = before;
        List<Record> freshRecords = new ArrayList<>();
        for (Record record : batches.get(b).records()) {
          if (record.getSequence() <= before) {
            continue;
          }
          last = Math.max(last, record.getSequence());
          String problem = StorageRules.problem(record);
          if (problem != null) {
            deadLetters.insert(key, record.getSequence(), record.getBodyCase().name(), problem,
                record.toByteArray());
            dead[b]++;
            continue;
          }
          freshRecords.add(record);
          rows.add(row(key, record));
        }
        if (!freshRecords.isEmpty()) {
          fresh.add(new Batch(key, freshRecords));
        }
        if (last > before) {
          advanced.put(key, last);
        }
        stored[b] = freshRecords.size() + dead[b];
      }
      if (!rows.isEmpty()) {
        insertRows(rows);
        listener.storedAll(fresh);
      }
      if (!advanced.isEmpty()) {
        cursors.advanceAll(advanced);
      }
    });
    for (int b = 0; b < batches.size(); b++) {
      deadLetters.counted(batches.get(b).key().lane(), dead[b]);
    }
    return stored;
  }

  /**
   * The records' rows in one statement over arrays (one element per row and column): one
   * statement shape and plan whatever the number of rows, where a batched multi-row VALUES
   * insert took a new shape for each size (under the incident benchmark ~2,000 rows a second,
   * the second largest cost of the PRIORITY lane in PostgreSQL).
   */
  private void insertRows(List<Object[]> rows) {
    int n = rows.size();
    Object[][] columns = new Object[ROW_TYPES.length][];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = c == ROW_TYPES.length - 1 ? new byte[n][] : new Object[n];
    }
    for (int r = 0; r < n; r++) {
      Object[] row = rows.get(r);
      for (int c = 0; c < columns.length; c++) {
        columns[c][r] = row[c];
      }
    }
    jdbc.update(con -> {
      var ps = con.prepareStatement(INSERT_ROWS);
      for (int c = 0; c < columns.length; c++) {
        ps.setArray(c + 1, con.createArrayOf(ROW_TYPES[c], columns[c]));
      }
      return ps;
    });
  }

  /** Element types of {@link #INSERT_ROWS}' arrays, in column order (body last). */
  private static final String[] ROW_TYPES = {"varchar", "varchar", "smallint", "bigint",
      "varchar", "varchar", "bigint", "varchar", "smallint", "bytea"};

  private static final String INSERT_ROWS = "INSERT INTO uplink_record (gateway_id, stream_id, "
      + "lane, sequence, kind, device_id, capture_time_ms, alarm_id, priority, body) SELECT * FROM "
      + "UNNEST(CAST(? AS VARCHAR(64) ARRAY), CAST(? AS VARCHAR(128) ARRAY), "
      + "CAST(? AS SMALLINT ARRAY), CAST(? AS BIGINT ARRAY), CAST(? AS VARCHAR(16) ARRAY), "
      + "CAST(? AS VARCHAR(128) ARRAY), CAST(? AS BIGINT ARRAY), CAST(? AS VARCHAR(128) ARRAY), "
      + "CAST(? AS SMALLINT ARRAY), CAST(? AS BYTEA ARRAY))";

  private static Object[] row(StreamKey key, Record record) {
    return new Object[] {
        key.gatewayId(), key.streamId(), key.lane().getNumber(), record.getSequence(),
        record.getBodyCase().name(), record.getDeviceId(), record.getCaptureTimeMs(),
        record.hasAlarm() ? record.getAlarm().getAlarmId() : null,
        record.hasAlarm() ? record.getAlarm().getPriority() : null,
        record.toByteArray()};
  }

  /** Number of stored records of a stream lane (tests and diagnostics). */
  public long count(StreamKey key) {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM uplink_record WHERE gateway_id = ? AND "
        + "stream_id = ? AND lane = ?", Long.class, key.gatewayId(), key.streamId(),
        key.lane().getNumber());
    return n == null ? 0 : n;
  }
}
