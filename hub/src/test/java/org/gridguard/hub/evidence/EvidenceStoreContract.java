package org.gridguard.hub.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.zip.CRC32C;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.gridguard.hub.record.CursorRepository;
import org.gridguard.hub.record.IngestDeadLetters;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Lane;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/** The evidence store against a real database; subclasses supply H2 or PostgreSQL. */
abstract class EvidenceStoreContract {
  private static final int MAX_SIZE = 1 << 20;

  @TempDir Path dir;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final String gateway = "gw-" + UUID.randomUUID().toString().substring(0, 8);
  private final StreamKey key = new StreamKey(gateway, UUID.randomUUID().toString(), Lane.EVIDENCE);
  private CursorRepository cursors;
  private IngestDeadLetters deadLetters;
  private EvidenceStore store;
  private long sequence;

  protected abstract DataSource dataSource();

  @BeforeEach
  void migrate() {
    DataSource ds = dataSource();
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    JdbcTemplate jdbc = new JdbcTemplate(ds);
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    cursors = new CursorRepository(jdbc);
    deadLetters = new IngestDeadLetters(jdbc, meters);
    store = new EvidenceStore(jdbc, tx, cursors, deadLetters, new EvidenceProperties(
        dir.resolve("evidence"), Duration.ofDays(30), Duration.ofHours(1),
        DataSize.ofBytes(MAX_SIZE), 1, 10));
  }

  /** The item cut into {@code size}-byte chunks, sequenced on from the last one. */
  private List<EvidenceChunk> chunks(String id, byte[] item, int size) throws Exception {
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(item);
    int count = (item.length + size - 1) / size;
    List<EvidenceChunk> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(chunk(id, Arrays.copyOfRange(item, i * size, Math.min(item.length, (i + 1) * size)),
          i, count, (long) i * size, item.length, sha));
    }
    return out;
  }

  private EvidenceChunk chunk(String id, byte[] data, int index, int count, long offset,
      long total, byte[] sha) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    return EvidenceChunk.newBuilder().setSequence(++sequence).setCaptureTimeMs(1_700_000_000_000L)
        .setDeviceId("cam-1").setEvidenceId(id).setContentType("image/jpeg").setIndex(index)
        .setCount(count).setOffset(offset).setTotalSize(total).setData(ByteString.copyFrom(data))
        .setCrc32C((int) crc.getValue()).setSha256(ByteString.copyFrom(sha)).build();
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private List<IngestDeadLetters.DeadLetter> letters() {
    return deadLetters.ofGateway(gateway);
  }

  @Test
  void store_chunksOfTwoItems_assembledVerifiedAndCompleteOnDisk() throws Exception {
    byte[] item = random(10_000, 1);
    for (EvidenceChunk chunk : chunks("ev-a", item, 3000)) {
      assertThat(store.store(key, chunk)).isTrue();
    }
    assertThat(store.status(gateway, "ev-a")).isEqualTo("COMPLETE");
    assertThat(Files.readAllBytes(store.file(gateway, "ev-a"))).isEqualTo(item);
    assertThat(Files.exists(store.partial(gateway, "ev-a"))).isFalse();
    assertThat(cursors.committed(gateway, key.streamId())).containsEntry(Lane.EVIDENCE, 4L);
    assertThat(letters()).isEmpty();
  }

  @Test
  void store_chunkAt64GiB_deadLetteredAcknowledgedAndNothingWritten() throws Exception {
    byte[] data = new byte[16];
    EvidenceChunk attack = chunk("ev-big", data, 0, 1, 64L << 30, (64L << 30) + 16,
        new byte[32]);
    assertThat(store.store(key, attack)).isTrue();
    assertThat(letters()).singleElement().satisfies(d -> {
      assertThat(d.sequence()).isEqualTo(attack.getSequence());
      assertThat(d.kind()).isEqualTo("EVIDENCE_CHUNK");
      assertThat(d.reason()).isEqualTo("EvidenceChunk total_size 68719476752 bytes is over the "
          + "maximum evidence size of 1048576 bytes");
    });
    assertThat(cursors.committed(gateway, key.streamId())).containsEntry(Lane.EVIDENCE, 1L);
    assertThat(store.status(gateway, "ev-big")).isNull();
    assertThat(Files.exists(dir.resolve("evidence").resolve(gateway))).isFalse();
    assertThat(meters.counter("gridguard.ingest.dead.letters", "lane", "EVIDENCE").count())
        .isEqualTo(1);
    // the replay is not stored again
    assertThat(store.store(key, attack)).isFalse();
    assertThat(letters()).hasSize(1);
  }

  @Test
  void store_valuesNoColumnCanHold_deadLetteredNotFailing() throws Exception {
    EvidenceChunk ok = chunks("ev-c", random(100, 2), 100).get(0);
    List<EvidenceChunk> poison = List.of(
        ok.toBuilder().setSequence(++sequence).setContentType("x".repeat(200)).build(),
        ok.toBuilder().setSequence(++sequence).setDeviceId("cam\u00001").build(),
        ok.toBuilder().setSequence(++sequence).setDeviceId("c".repeat(129)).build(),
        ok.toBuilder().setSequence(++sequence).setEvidenceId("../hub.mv.db").build());
    for (EvidenceChunk chunk : poison) {
      assertThat(store.store(key, chunk)).isTrue();
    }
    assertThat(letters()).extracting(IngestDeadLetters.DeadLetter::reason).satisfiesExactly(
        r -> assertThat(r).startsWith("EvidenceChunk content_type must be at most 128 characters"),
        r -> assertThat(r).startsWith("EvidenceChunk device_id contains control character U+0000"),
        r -> assertThat(r).startsWith("EvidenceChunk device_id is 129 characters"),
        r -> assertThat(r).startsWith("EvidenceChunk evidence_id must be 1-128 characters"));
    assertThat(cursors.committed(gateway, key.streamId())).containsEntry(Lane.EVIDENCE, sequence);
    assertThat(store.status(gateway, "ev-c")).isNull();
  }

  @Test
  void store_chunkDisagreeingWithTheItemsFirstChunk_deadLetteredItemStillCompletes()
      throws Exception {
    byte[] item = random(2000, 3);
    List<EvidenceChunk> chunks = chunks("ev-d", item, 1000);
    store.store(key, chunks.get(0));
    // claims a larger total: would let the file grow past what the item announced
    EvidenceChunk liar = chunk("ev-d", new byte[10], 1, 2, 5000, 5010, chunks.get(0)
        .getSha256().toByteArray());
    store.store(key, liar);
    assertThat(letters()).singleElement().satisfies(d -> assertThat(d.reason())
        .isEqualTo("EvidenceChunk total_size 5010 differs from the item's 2000"));
    store.store(key, chunks.get(1).toBuilder().setSequence(++sequence).build());
    assertThat(store.status(gateway, "ev-d")).isEqualTo("COMPLETE");
    assertThat(Files.readAllBytes(store.file(gateway, "ev-d"))).isEqualTo(item);
  }

  @Test
  void store_idsXAndXDotPart_neverShareAFile() throws Exception {
    byte[] x = random(2000, 4);
    byte[] xPart = random(500, 5);
    List<EvidenceChunk> xChunks = chunks("x", x, 1000);
    store.store(key, xChunks.get(0)); // x is partial now
    for (EvidenceChunk chunk : chunks("x.part", xPart, 1000)) {
      store.store(key, chunk);
    }
    store.store(key, xChunks.get(1).toBuilder().setSequence(++sequence).build());
    assertThat(store.status(gateway, "x")).isEqualTo("COMPLETE");
    assertThat(store.status(gateway, "x.part")).isEqualTo("COMPLETE");
    assertThat(Files.readAllBytes(store.file(gateway, "x"))).isEqualTo(x);
    assertThat(Files.readAllBytes(store.file(gateway, "x.part"))).isEqualTo(xPart);
  }

  @Test
  void store_partialFileOfTheOldLayout_adoptedAndCompleted() throws Exception {
    byte[] item = random(2000, 6);
    List<EvidenceChunk> chunks = chunks("ev-old", item, 1000);
    store.store(key, chunks.get(0));
    // what a hub before the .partial layout left: <gateway>/<id>.part
    Path legacy = dir.resolve("evidence").resolve(gateway).resolve("ev-old.part");
    Files.move(store.partial(gateway, "ev-old"), legacy);
    store.store(key, chunks.get(1));
    assertThat(store.status(gateway, "ev-old")).isEqualTo("COMPLETE");
    assertThat(Files.readAllBytes(store.file(gateway, "ev-old"))).isEqualTo(item);
    assertThat(Files.exists(legacy)).isFalse();
  }
}
