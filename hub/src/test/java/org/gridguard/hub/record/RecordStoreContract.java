package org.gridguard.hub.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
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
  private final String stream = UUID.randomUUID().toString();

  protected abstract DataSource dataSource();

  @BeforeEach
  void migrate() {
    DataSource ds = dataSource();
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    jdbc = new JdbcTemplate(ds);
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    cursors = new CursorRepository(jdbc);
    store = new PriorityRecordStore(jdbc, tx, cursors);
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
