package org.gridguard.hub.evidence;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gridguard.hub.record.CursorRepository;
import org.gridguard.hub.record.IngestDeadLetters;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.protocol.Ids;
import org.gridguard.protocol.StorageRules;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Assembles evidence items from chunks (PROTOCOL.md §7). A chunk is first checked against every
 * bound the storage has ({@link StorageRules#problem(EvidenceChunk, long)}: ids,
 * column widths, {@code gridguard.evidence.max-size}) and against the item's first chunk (same
 * total size, count, SHA-256 and content type); one that fails is dead-lettered with its reason
 * before anything touches the disk. Otherwise it is written at its offset into the item's
 * partial file ({@link EvidencePaths}) and fsynced, then recorded with its sequence and the
 * EVIDENCE cursor in one transaction. When every chunk is in, the SHA-256 is checked: a match
 * renames the file to {@code <gateway>/<id>} (COMPLETE), a mismatch deletes it (CORRUPT,
 * logged); the chunks are acknowledged either way. Blocking: run on the evidence executor.
 */
@Repository
public class EvidenceStore {
  private static final Logger log = LoggerFactory.getLogger(EvidenceStore.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final CursorRepository cursors;
  private final IngestDeadLetters deadLetters;
  private final EvidenceFiles files;
  private final long maxSize;
  private final AtomicLong lastDeadLetterLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
  private final AtomicLong unloggedDeadLetters = new AtomicLong();

  public EvidenceStore(JdbcTemplate jdbc, TransactionTemplate tx, CursorRepository cursors,
      IngestDeadLetters deadLetters, EvidenceProperties config) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.cursors = cursors;
    this.deadLetters = deadLetters;
    this.files = new EvidenceFiles(new EvidencePaths(config.directory()));
    this.maxSize = config.maxSize().toBytes();
  }

  /** What the item's first chunk announced. */
  private record Item(String contentType, long totalSize, int chunkCount, String sha256,
      String status) {
    /** Why {@code chunk} cannot belong to this item, or null. */
    String disagreement(EvidenceChunk chunk, String sha) {
      if (chunk.getTotalSize() != totalSize) {
        return "total_size " + chunk.getTotalSize() + " differs from the item's " + totalSize;
      }
      if (chunk.getCount() != chunkCount) {
        return "count " + Integer.toUnsignedString(chunk.getCount()) + " differs from the item's "
            + chunkCount;
      }
      if (!sha.equals(sha256)) {
        return "sha256 " + sha + " differs from the item's " + sha256;
      }
      if (!chunk.getContentType().equals(contentType)) {
        return "content_type " + Ids.printable(chunk.getContentType()) + " differs from the "
            + "item's " + Ids.printable(contentType);
      }
      return null;
    }
  }

  /**
   * Stores one chunk unless its sequence is already committed: as part of its item, or as a
   * dead letter when it can never be stored. Returns whether it was new.
   */
  public boolean store(StreamKey key, EvidenceChunk chunk) {
    String[] deadReason = new String[1];
    Boolean stored = tx.execute(status -> {
      deadReason[0] = null;
      if (chunk.getSequence() <= cursors.committedForUpdate(key)) {
        return false;
      }
      String gateway = key.gatewayId();
      String id = chunk.getEvidenceId();
      String sha = HexFormat.of().formatHex(chunk.getSha256().toByteArray());
      String problem = StorageRules.problem(chunk, maxSize);
      Item item = problem == null ? item(gateway, id) : null;
      if (item != null) {
        problem = item.disagreement(chunk, sha);
      }
      if (problem != null) {
        deadReason[0] = problem;
        deadLetters.insert(key, chunk.getSequence(), "EVIDENCE_CHUNK",
            "EvidenceChunk " + problem, chunk.toBuilder().clearData().build().toByteArray());
        cursors.advance(key, chunk.getSequence());
        return true;
      }
      if (item == null) {
        // insert-if-absent, not insert-and-catch: a failed statement aborts a PostgreSQL
        // transaction
        jdbc.update("INSERT INTO evidence_item (gateway_id, evidence_id, content_type, "
                + "total_size, chunk_count, sha256, status, device_id, capture_time_ms) "
                + "SELECT ?,?,?,?,?,?,?,?,? WHERE NOT EXISTS (SELECT 1 FROM evidence_item "
                + "WHERE gateway_id = ? AND evidence_id = ?)",
            gateway, id, chunk.getContentType(), chunk.getTotalSize(), chunk.getCount(), sha,
            "PARTIAL", chunk.getDeviceId(), chunk.getCaptureTimeMs(), gateway, id);
        item = item(gateway, id);
      }
      boolean partial = "PARTIAL".equals(item.status());
      if (partial) {
        files.write(gateway, id, chunk, () -> !legacyNameTaken(gateway, id));
      }
      jdbc.update("INSERT INTO evidence_chunk (gateway_id, stream_id, lane, sequence, evidence_id, "
          + "chunk_index) VALUES (?,?,?,?,?,?)", gateway, key.streamId(), key.lane().getNumber(),
          chunk.getSequence(), id, chunk.getIndex());
      cursors.advance(key, chunk.getSequence());
      if (partial) {
        Integer have = jdbc.queryForObject("SELECT COUNT(DISTINCT chunk_index) FROM evidence_chunk "
            + "WHERE gateway_id = ? AND evidence_id = ?", Integer.class, gateway, id);
        if (have != null && have >= chunk.getCount()) {
          complete(gateway, id, sha);
        }
      }
      return true;
    });
    if (deadReason[0] != null) {
      deadLetters.counted(key.lane(), 1);
      logDeadLetter(key, chunk, deadReason[0]);
    }
    return Boolean.TRUE.equals(stored);
  }

  private Item item(String gateway, String id) {
    List<Item> rows = jdbc.query("SELECT content_type, total_size, chunk_count, sha256, status "
            + "FROM evidence_item WHERE gateway_id = ? AND evidence_id = ?",
        (rs, i) -> new Item(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
            rs.getString(5)), gateway, id);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** One WARN per 10 s at most: a hostile gateway must not flood the log (the metric counts all). */
  private void logDeadLetter(StreamKey key, EvidenceChunk chunk, String reason) {
    long now = System.nanoTime();
    long last = lastDeadLetterLog.get();
    if (now - last < LOG_EVERY_NANOS || !lastDeadLetterLog.compareAndSet(last, now)) {
      unloggedDeadLetters.incrementAndGet();
      return;
    }
    long more = unloggedDeadLetters.getAndSet(0);
    log.warn("evidence chunk {} of gateway {} dead-lettered: {}{}", chunk.getSequence(),
        key.gatewayId(), reason, more == 0 ? "" : " (and " + more + " more since the last report)");
  }

  private void complete(String gateway, String id, String expectedSha) {
    String actual = files.partialSha256(gateway, id);
    String status;
    if (actual.equals(expectedSha)) {
      files.publish(gateway, id);
      status = "COMPLETE";
    } else {
      log.warn("evidence {} of gateway {} discarded: SHA-256 {} does not match the announced {}",
          id, gateway, actual, expectedSha);
      files.discard(gateway, id);
      status = "CORRUPT";
    }
    jdbc.update("UPDATE evidence_item SET status = ?, completed_at = CURRENT_TIMESTAMP "
        + "WHERE gateway_id = ? AND evidence_id = ?", status, gateway, id);
  }

  /** Status of an item, or null if unknown. */
  public String status(String gateway, String id) {
    List<String> rows = jdbc.queryForList("SELECT status FROM evidence_item WHERE gateway_id = ? "
        + "AND evidence_id = ?", String.class, gateway, id);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /**
   * The completed file of an item (it exists only when the status is COMPLETE).
   *
   * @throws IllegalArgumentException when the ids do not follow the {@link Ids} rules
   */
  public Path file(String gateway, String id) {
    return files.paths().complete(gateway, id);
  }

  /** The partial file of an item while its chunks arrive. */
  Path partial(String gateway, String id) {
    return files.paths().partial(gateway, id);
  }

  /** Deletes items (files and rows) that arrived before {@code cutoff}; returns how many. */
  public int purgeBefore(Instant cutoff) {
    List<Map<String, Object>> old = jdbc.queryForList("SELECT gateway_id, evidence_id FROM "
        + "evidence_item WHERE created_at < ?", Timestamp.from(cutoff));
    int purged = 0;
    for (Map<String, Object> row : old) {
      String gateway = (String) row.get("gateway_id");
      String id = (String) row.get("evidence_id");
      try {
        files.delete(gateway, id, !legacyNameTaken(gateway, id));
      } catch (IllegalArgumentException unsafe) {
        // a row from before the id rules (gateway '..'): it has no file we may touch
        log.warn("evidence {} of gateway {} has no safe path ({}); purging its rows only",
            Ids.printable(id), Ids.printable(gateway), unsafe.getMessage());
      } catch (IOException e) {
        log.warn("could not delete evidence {} of {}: {}", id, gateway, e.toString());
        continue;
      }
      tx.executeWithoutResult(s -> {
        jdbc.update("DELETE FROM evidence_chunk WHERE gateway_id = ? AND evidence_id = ?", gateway, id);
        jdbc.update("DELETE FROM evidence_item WHERE gateway_id = ? AND evidence_id = ?", gateway, id);
      });
      purged++;
    }
    return purged;
  }

  /** Whether {@code <id>.part}, the legacy partial file name of {@code id}, is an item itself. */
  private boolean legacyNameTaken(String gateway, String id) {
    return status(gateway, id + EvidencePaths.LEGACY_PARTIAL_SUFFIX) != null;
  }
}
