package org.gridguard.hub.patrol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.gridguard.hub.security.GridScope;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Task photos on disk under {@code photo-directory/<task>/<uuid>.<ext>} with a row each (type by
 * content, size, SHA-256). A file is written to a temporary name and moved into place, so a
 * half-written photo is never listed; its row commits with the caller's transaction (a file whose
 * row rolled back is an orphan the purge does not know — written under a fresh name, never
 * served).
 */
@Component
class PhotoStore {
  private final JdbcTemplate jdbc;
  private final PatrolProperties config;
  private final Clock clock;

  PhotoStore(JdbcTemplate jdbc, PatrolProperties config, Clock clock) {
    this.jdbc = jdbc;
    this.config = config;
    this.clock = clock;
  }

  record Stored(long id, ImageType type, long size, String sha256) {}

  /**
   * Stores {@code in} as a photo of {@code taskId}.
   *
   * @throws ResponseStatusException 413 past {@code photo-max-size}, 415 if not JPEG/PNG/HEIC by
   *     content, 409 past {@code max-photos-per-task}
   */
  Stored store(long taskId, String username, InputStream in) {
    Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM patrol_photo WHERE task_id = ?",
        Integer.class, taskId);
    if (count != null && count >= config.maxPhotosPerTask()) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "task " + taskId + " already has "
          + count + " photos, the most one task takes (gridguard.patrol.max-photos-per-task)");
    }
    long max = config.photoMaxSize().toBytes();
    try {
      byte[] head = in.readNBytes(ImageType.SNIFF);
      ImageType type = ImageType.sniff(head, head.length).orElseThrow(() ->
          new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "photo: not a JPEG, PNG "
              + "or HEIC image by its content (the file name and declared type do not count)"));
      Path dir = config.photoDirectory().resolve(Long.toString(taskId));
      Files.createDirectories(dir);
      String name = UUID.randomUUID() + "." + type.extension();
      Path tmp = dir.resolve("." + name + ".part");
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long size = head.length;
      sha.update(head);
      try (OutputStream out = Files.newOutputStream(tmp)) {
        out.write(head);
        byte[] buf = new byte[16 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
          size += n;
          if (size > max) {
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "photo: larger than "
                + config.photoMaxSize() + " (gridguard.patrol.photo-max-size)");
          }
          sha.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      } catch (ResponseStatusException | IOException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      String hex = HexFormat.of().formatHex(sha.digest());
      GeneratedKeyHolder key = new GeneratedKeyHolder();
      long finalSize = size;
      jdbc.update(con -> {
        var ps = con.prepareStatement("INSERT INTO patrol_photo (task_id, username, at, "
            + "content_type, size_bytes, sha256, file_name) VALUES (?, ?, ?, ?, ?, ?, ?)",
            new String[] {"id"});
        ps.setLong(1, taskId);
        ps.setString(2, username);
        ps.setTimestamp(3, Timestamp.from(clock.instant()));
        ps.setString(4, type.contentType());
        ps.setLong(5, finalSize);
        ps.setString(6, hex);
        ps.setString(7, taskId + "/" + name);
        return ps;
      }, key);
      return new Stored(key.getKey().longValue(), type, size, hex);
    } catch (IOException e) {
      throw new UncheckedIOException("photo of task " + taskId + " not stored", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  List<TaskView.PhotoView> list(long taskId) {
    return jdbc.query("SELECT id, content_type, size_bytes, sha256, at, purged_at "
        + "FROM patrol_photo WHERE task_id = ? ORDER BY id", (rs, i) -> new TaskView.PhotoView(
            rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
            rs.getTimestamp(5).toInstant(), rs.getTimestamp(6) != null), taskId);
  }

  /** A photo's file and stored type. */
  record Located(long id, long taskId, Path file, String contentType, boolean purged) {}

  /**
   * Photo {@code photoId} of task {@code taskId} if the task's grid is in {@code scope} (in the
   * query: out of scope is the same empty answer as absent).
   */
  java.util.Optional<Located> find(long taskId, long photoId, GridScope scope) {
    GridScope.SqlFilter inScope = scope.filter("t.grid_code");
    return jdbc.query("SELECT p.id, p.task_id, p.file_name, p.content_type, p.purged_at "
        + "FROM patrol_photo p JOIN patrol_task t ON t.id = p.task_id WHERE p.id = ? AND "
        + "p.task_id = ? AND " + inScope.condition(), (rs, i) -> new Located(rs.getLong(1),
            rs.getLong(2), config.photoDirectory().resolve(rs.getString(3)), rs.getString(4),
            rs.getTimestamp(5) != null), inScope.argsAfter(photoId, taskId))
        .stream().findFirst();
  }

  /** Deletes the files of photos uploaded before {@code before}; returns how many. */
  int purge(Instant before) {
    List<Object[]> old = jdbc.query("SELECT id, file_name FROM patrol_photo WHERE at < ? AND "
        + "purged_at IS NULL ORDER BY id LIMIT 1000", (rs, i) -> new Object[] {rs.getLong(1),
            rs.getString(2)}, Timestamp.from(before));
    for (Object[] p : old) {
      try {
        Files.deleteIfExists(config.photoDirectory().resolve((String) p[1]));
      } catch (IOException e) {
        throw new UncheckedIOException("photo " + p[0] + " not purged", e);
      }
      jdbc.update("UPDATE patrol_photo SET purged_at = ? WHERE id = ?",
          Timestamp.from(clock.instant()), p[0]);
    }
    return old.size();
  }
}
