package org.gridguard.hub.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.gridguard.hub.record.CursorRepository;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Assembles evidence items from chunks (PROTOCOL.md §7): each chunk is written at its offset
 * into {@code <gateway>/<id>.part} and fsynced, then recorded with its sequence and the EVIDENCE
 * cursor in one transaction. When every chunk is in, the SHA-256 is checked: a match renames the
 * file to {@code <gateway>/<id>} (COMPLETE), a mismatch deletes it (CORRUPT, logged); the chunks
 * are acknowledged either way. Blocking: run on a worker.
 */
@Repository
public class EvidenceStore {
  private static final Logger log = LoggerFactory.getLogger(EvidenceStore.class);
  /** Evidence ids become file names: UUID text and similar only. */
  public static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final CursorRepository cursors;
  private final Path root;

  public EvidenceStore(JdbcTemplate jdbc, TransactionTemplate tx, CursorRepository cursors,
      EvidenceProperties config) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.cursors = cursors;
    this.root = config.directory();
  }

  /** Stores one chunk unless its sequence is already committed; returns whether it was new. */
  public boolean store(StreamKey key, EvidenceChunk chunk) {
    Boolean stored = tx.execute(status -> {
      if (chunk.getSequence() <= cursors.committedForUpdate(key)) {
        return false;
      }
      String gateway = key.gatewayId();
      String id = chunk.getEvidenceId();
      String sha = HexFormat.of().formatHex(chunk.getSha256().toByteArray());
      try {
        jdbc.update("INSERT INTO evidence_item (gateway_id, evidence_id, content_type, total_size, "
                + "chunk_count, sha256, status, device_id, capture_time_ms) VALUES (?,?,?,?,?,?,?,?,?)",
            gateway, id, chunk.getContentType(), chunk.getTotalSize(), chunk.getCount(), sha,
            "PARTIAL", chunk.getDeviceId(), chunk.getCaptureTimeMs());
      } catch (DuplicateKeyException exists) {
        // later chunk of a known item
      }
      String itemStatus = jdbc.queryForObject("SELECT status FROM evidence_item WHERE gateway_id = ? "
          + "AND evidence_id = ?", String.class, gateway, id);
      if ("PARTIAL".equals(itemStatus)) {
        write(partial(gateway, id), chunk);
      }
      jdbc.update("INSERT INTO evidence_chunk (gateway_id, stream_id, lane, sequence, evidence_id, "
          + "chunk_index) VALUES (?,?,?,?,?,?)", gateway, key.streamId(), key.lane().getNumber(),
          chunk.getSequence(), id, chunk.getIndex());
      cursors.advance(key, chunk.getSequence());
      if ("PARTIAL".equals(itemStatus)) {
        Integer have = jdbc.queryForObject("SELECT COUNT(DISTINCT chunk_index) FROM evidence_chunk "
            + "WHERE gateway_id = ? AND evidence_id = ?", Integer.class, gateway, id);
        if (have != null && have >= chunk.getCount()) {
          complete(gateway, id, sha);
        }
      }
      return true;
    });
    return Boolean.TRUE.equals(stored);
  }

  private void complete(String gateway, String id, String expectedSha) {
    Path part = partial(gateway, id);
    String actual = sha256(part);
    String status;
    if (actual.equals(expectedSha)) {
      try {
        Files.move(part, file(gateway, id), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      status = "COMPLETE";
    } else {
      log.warn("evidence {} of gateway {} discarded: SHA-256 {} does not match the announced {}",
          id, gateway, actual, expectedSha);
      try {
        Files.deleteIfExists(part);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
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

  /** The completed file of an item (it exists only when the status is COMPLETE). */
  public Path file(String gateway, String id) {
    return root.resolve(gateway).resolve(id);
  }

  Path partial(String gateway, String id) {
    return root.resolve(gateway).resolve(id + ".part");
  }

  /** Deletes items (files and rows) that arrived before {@code cutoff}; returns how many. */
  public int purgeBefore(Instant cutoff) {
    List<Map<String, Object>> old = jdbc.queryForList("SELECT gateway_id, evidence_id FROM "
        + "evidence_item WHERE created_at < ?", Timestamp.from(cutoff));
    for (Map<String, Object> row : old) {
      String gateway = (String) row.get("gateway_id");
      String id = (String) row.get("evidence_id");
      try {
        Files.deleteIfExists(file(gateway, id));
        Files.deleteIfExists(partial(gateway, id));
      } catch (IOException e) {
        log.warn("could not delete evidence {} of {}: {}", id, gateway, e.toString());
        continue;
      }
      tx.executeWithoutResult(s -> {
        jdbc.update("DELETE FROM evidence_chunk WHERE gateway_id = ? AND evidence_id = ?", gateway, id);
        jdbc.update("DELETE FROM evidence_item WHERE gateway_id = ? AND evidence_id = ?", gateway, id);
      });
    }
    return old.size();
  }

  private static void write(Path part, EvidenceChunk chunk) {
    try {
      Files.createDirectories(part.getParent());
      try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE)) {
        ByteBuffer data = chunk.getData().asReadOnlyByteBuffer();
        long position = chunk.getOffset();
        while (data.hasRemaining()) {
          position += channel.write(data, position);
        }
        channel.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing evidence chunk to " + part, e);
    }
  }

  private static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
