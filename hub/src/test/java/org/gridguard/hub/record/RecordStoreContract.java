package org.gridguard.hub.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.gridguard.hub.gateway.CredentialHasher;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.sim.Records;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.telemetry.DeadLetterRepository;
import org.gridguard.protocol.v1.Lane;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The repository layer against a real database; subclasses supply H2 or PostgreSQL. */
abstract class RecordStoreContract {
  private JdbcTemplate jdbc;
  private CursorRepository cursors;
  private PriorityRecordStore store;
  private IngestDeadLetters deadLetters;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final String stream = UUID.randomUUID().toString();

  protected abstract DataSource dataSource();

  @BeforeEach
  void migrate() {
    DataSource ds = dataSource();
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    jdbc = new JdbcTemplate(ds);
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    cursors = new CursorRepository(jdbc);
    deadLetters = new IngestDeadLetters(jdbc, meters);
    store = new PriorityRecordStore(jdbc, tx, cursors, deadLetters);
  }

  private StreamKey key() {
    return new StreamKey("gw-1", stream, Lane.PRIORITY);
  }

  @Test
  void store_replayedAndOverlappingBatches_eachSequenceStoredOnce() {
    assertThat(store.store(key(), Records.alarms("d", 1, 10))).isEqualTo(10);
    assertThat(store.store(key(), Records.alarms("d", 1, 10))).isZero();
    assertThat(store.store(key(), Records.alarms("d", 5, 15))).isEqualTo(5);
    assertThat(store.count(key())).isEqualTo(15);
    assertThat(cursors.committed("gw-1", stream)).containsEntry(Lane.PRIORITY, 15L);
  }

  @Test
  void storeAll_severalStreamsInOneTransaction_eachStoredOnceCursorsAdvancedReplaysSkipped() {
    StreamKey a = key();
    StreamKey b = new StreamKey("gw-2", stream, Lane.PRIORITY);
    StreamKey c = new StreamKey("gw-3", stream, Lane.PRIORITY);
    assertThat(store.store(a, Records.alarms("d", 1, 5))).isEqualTo(5);
    // a: a replay overlapping new records; b and c: no cursor row yet
    int[] stored = store.storeAll(List.of(new PriorityRecordStore.Batch(a,
        Records.alarms("d", 3, 8)), new PriorityRecordStore.Batch(b, Records.alarms("d", 1, 4)),
        new PriorityRecordStore.Batch(c, Records.alarms("d", 1, 1))));
    assertThat(stored).containsExactly(3, 4, 1);
    assertThat(store.count(a)).isEqualTo(8);
    assertThat(store.count(b)).isEqualTo(4);
    assertThat(cursors.committed("gw-1", stream)).containsEntry(Lane.PRIORITY, 8L);
    assertThat(cursors.committed("gw-2", stream)).containsEntry(Lane.PRIORITY, 4L);
    assertThat(cursors.committed("gw-3", stream)).containsEntry(Lane.PRIORITY, 1L);
    // all again: nothing new anywhere
    assertThat(store.storeAll(List.of(new PriorityRecordStore.Batch(b, Records.alarms("d", 1, 4)),
        new PriorityRecordStore.Batch(a, Records.alarms("d", 1, 8))))).containsExactly(0, 0);
  }

  @Test
  void storeAll_oneBatchFails_nothingOfTheOthersIsCommitted() {
    StreamKey a = key();
    StreamKey b = new StreamKey("gw-2", stream, Lane.PRIORITY);
    store.store(b, Records.alarms("d", 1, 1));
    // b's sequence 2 exists already without its cursor knowing: the insert violates UNIQUE
    jdbc.update("UPDATE stream_cursor SET sequence = 0 WHERE gateway_id = 'gw-2' AND "
        + "stream_id = ?", stream);
    assertThatThrownBy(() -> store.storeAll(List.of(new PriorityRecordStore.Batch(a,
        Records.alarms("d", 1, 3)), new PriorityRecordStore.Batch(b, Records.alarms("d", 1, 2)))))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(store.count(a)).isZero();
    assertThat(cursors.committed("gw-1", stream)).doesNotContainKey(Lane.PRIORITY);
  }

  @Test
  void store_recordsNoColumnCanHold_deadLetteredWithReasonInOrderAndCursorAdvanced() {
    List<org.gridguard.protocol.v1.Record> records = new java.util.ArrayList<>(
        Records.alarms("d", 1, 4));
    // PostgreSQL refuses NUL in text; a 129-character device id is wider than the column
    records.set(1, records.get(1).toBuilder().setDeviceId("door\u00001").build());
    records.set(2, records.get(2).toBuilder().setDeviceId("d".repeat(129)).build());
    assertThat(store.store(key(), records)).isEqualTo(4);
    assertThat(store.count(key())).isEqualTo(2);
    assertThat(cursors.committed("gw-1", stream)).containsEntry(Lane.PRIORITY, 4L);
    List<IngestDeadLetters.DeadLetter> letters = deadLetters.ofGateway("gw-1").stream()
        .filter(d -> d.streamId().equals(stream)).toList();
    assertThat(letters).extracting(IngestDeadLetters.DeadLetter::sequence).containsExactly(2L, 3L);
    assertThat(letters.get(0).reason())
        .isEqualTo("device_id contains control character U+0000 at index 4: 'door\\u00001'");
    assertThat(letters.get(1).reason()).startsWith("device_id is 129 characters, at most 128");
    assertThat(letters.get(0).kind()).isEqualTo("ALARM");
    assertThat(meters.counter("gridguard.ingest.dead.letters", "lane", "PRIORITY").count())
        .isEqualTo(2);
    // a replay is acknowledged, not dead-lettered twice
    assertThat(store.store(key(), records)).isZero();
    assertThat(deadLetters.ofGateway("gw-1").stream().filter(d -> d.streamId().equals(stream)))
        .hasSize(2);
  }

  @Test
  void uniqueConstraint_secondInsertOfSameSequence_refusedByDatabase() {
    store.store(key(), Records.alarms("d", 1, 1));
    assertThatThrownBy(() -> jdbc.update("INSERT INTO uplink_record (gateway_id, stream_id, lane, "
        + "sequence, kind, device_id, capture_time_ms, body) VALUES (?,?,?,?,?,?,?,?)",
        "gw-1", stream, 0, 1, "ALARM", "d", 0L, new byte[0]))
        .isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void advance_lowerSequence_neverMovesBack() {
    StreamKey bulk = new StreamKey("gw-1", stream, Lane.BULK);
    cursors.advance(bulk, 100);
    cursors.advance(bulk, 50);
    assertThat(cursors.committed("gw-1", stream)).containsEntry(Lane.BULK, 100L);
    cursors.advance(bulk, 101);
    assertThat(cursors.committed("gw-1", stream)).containsEntry(Lane.BULK, 101L);
  }

  @Test
  void advanceAll_mixedNewHigherAndLowerSequences_insertsNewMovesForwardNeverBack() {
    String other = UUID.randomUUID().toString();
    StreamKey bulk = new StreamKey("gw-1", stream, Lane.BULK);
    StreamKey priority = new StreamKey("gw-1", stream, Lane.PRIORITY);
    StreamKey fresh = new StreamKey("gw-2", other, Lane.BULK);
    cursors.advance(bulk, 100);
    cursors.advance(priority, 100);
    cursors.advanceAll(java.util.Map.of(bulk, 50L, priority, 120L, fresh, 7L));
    assertThat(cursors.committed("gw-1", stream)).containsEntry(Lane.BULK, 100L)
        .containsEntry(Lane.PRIORITY, 120L);
    assertThat(cursors.committed("gw-2", other)).containsEntry(Lane.BULK, 7L);
    cursors.advanceAll(java.util.Map.of());
    cursors.advanceAll(java.util.Map.of(fresh, 9L));
    assertThat(cursors.committed("gw-2", other)).containsEntry(Lane.BULK, 9L);
  }

  @Test
  void advanceAll_everyCursorExistsAndMovesForward_allMovedOthersUntouched() {
    List<StreamKey> keys = new java.util.ArrayList<>();
    java.util.Map<StreamKey, Long> next = new java.util.HashMap<>();
    for (int g = 0; g < 5; g++) {
      StreamKey k = new StreamKey("gw-all-" + g, stream, Lane.PRIORITY);
      cursors.advance(k, 10 + g);
      keys.add(k);
      next.put(k, 100L + g);
    }
    StreamKey untouched = new StreamKey("gw-all-x", stream, Lane.PRIORITY);
    cursors.advance(untouched, 3);
    cursors.advanceAll(next);
    for (int g = 0; g < 5; g++) {
      assertThat(cursors.committed("gw-all-" + g, stream)).containsEntry(Lane.PRIORITY, 100L + g);
    }
    assertThat(cursors.committed("gw-all-x", stream)).containsEntry(Lane.PRIORITY, 3L);
    // the same again moves nothing and inserts nothing
    cursors.advanceAll(next);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stream_cursor WHERE gateway_id LIKE "
        + "'gw-all-%' AND stream_id = ?", Integer.class, stream)).isEqualTo(6);
    assertThat(cursors.committed("gw-all-4", stream)).containsEntry(Lane.PRIORITY, 104L);
  }

  @Test
  void retention_oldRecordsAmongYoung_deletedOldestFirstInChunksYoungKeptCapped() {
    java.time.Instant now = java.time.Instant.parse("2026-06-01T00:00:00Z");
    java.time.Clock clock = java.time.Clock.fixed(now, java.time.ZoneOffset.UTC);
    store.store(key(), Records.alarms("d", 1, 12));
    jdbc.update("DELETE FROM uplink_record WHERE stream_id <> ?", stream); // earlier tests' rows
    jdbc.update("UPDATE uplink_record SET received_at = ?", java.sql.Timestamp.from(now
        .minus(java.time.Duration.ofHours(1))));
    // 1..10 are past the 30 days except 4, which is young among them (as a record of a long
    // transaction would be); 11 and 12 are young
    jdbc.update("UPDATE uplink_record SET received_at = ? WHERE sequence <= 10 AND sequence <> 4",
        java.sql.Timestamp.from(now.minus(java.time.Duration.ofDays(31))));
    RecordRetention capped = new RecordRetention(jdbc, new RecordRetentionProperties(
        java.time.Duration.ofDays(30), java.time.Duration.ofHours(1), 3, 5), clock, meters);
    assertThat(capped.purge()).isEqualTo(5);
    RecordRetention retention = new RecordRetention(jdbc, new RecordRetentionProperties(
        java.time.Duration.ofDays(30), java.time.Duration.ofHours(1), 3, 100), clock, meters);
    assertThat(retention.purge()).isEqualTo(4);
    assertThat(jdbc.queryForList("SELECT sequence FROM uplink_record ORDER BY sequence",
        Long.class)).containsExactly(4L, 11L, 12L);
    assertThat(retention.purge()).isZero();
    assertThat(meters.counter("gridguard.record.retention.deleted").count()).isEqualTo(9.0);
  }

  @Test
  void retentionProperties_underADay_refusedNamingTheKey() {
    assertThatThrownBy(() -> new RecordRetentionProperties(java.time.Duration.ofHours(23),
        java.time.Duration.ofHours(1), 10, 10)).hasMessageContaining("gridguard.records.retention");
  }

  @Test
  void gateways_duplicateId_refusedAndRevocationStored() {
    GatewayRepository gateways = new GatewayRepository(jdbc);
    String id = "gw-" + stream.substring(0, 8);
    gateways.insert(new Gateway(id, new CredentialHasher(1000).hash("c"), "330102", false));
    assertThatThrownBy(() -> gateways.insert(new Gateway(id, "x", "1", false)))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(gateways.setRevoked(id, true)).isTrue();
    assertThat(gateways.find(id)).hasValueSatisfying(g -> assertThat(g.revoked()).isTrue());
  }

  @Test
  void deadLetters_inserted_listedNewestFirstWithReasonInScopeOnly() {
    DeadLetterRepository letters = new DeadLetterRepository(jdbc);
    String gw = "gw-dl-" + stream.substring(0, 8);
    new GatewayRepository(jdbc).insert(
        new Gateway(gw, new CredentialHasher(1000).hash("c"), "330102001001001", false));
    long before = letters.count(GridScope.all());
    long otherTown = letters.count(GridScope.of(Set.of("330102002")));
    letters.insert(List.of(new DeadLetterRepository.Entry(gw, "m f=1 1", "conflict a"),
        new DeadLetterRepository.Entry(gw, "m f=2 2", "conflict b")));
    assertThat(letters.count(GridScope.all())).isEqualTo(before + 2);
    assertThat(letters.list(GridScope.of(Set.of("330102001")), 1, Long.MAX_VALUE)).singleElement()
        .satisfies(d -> assertThat(d.reason()).isEqualTo("conflict b"));
    assertThat(letters.count(GridScope.of(Set.of("330102002")))).isEqualTo(otherTown);
  }
}
