package org.gridguard.edge.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.zip.CRC32C;

/** Small spool files written atomically: the stream id and the acknowledged cursors. */
final class SpoolFiles {
  static final String STREAM_ID = "stream.id";
  static final String CURSORS = "cursors";
  private static final int CURSOR_MAGIC = 0x47474331; // "GGC1"

  private SpoolFiles() {}

  /** fsyncs a directory so that created, renamed or deleted entries survive a power cut. */
  static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open directories; the data files are still fsynced.
    }
  }

  /** Writes via a temporary file, fsync and rename, so a reader sees the old or the new. */
  static void writeAtomically(Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(target.getParent());
  }

  /** The spool's stream id, created (and persisted) when the spool is new. */
  static UUID streamId(Path dir, boolean spoolHasData) throws IOException {
    Path file = dir.resolve(STREAM_ID);
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.UTF_8).trim();
      try {
        return UUID.fromString(text);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + " does not hold a UUID: '" + text + "'", e);
      }
    }
    UUID id = UUID.randomUUID();
    writeAtomically(file, id.toString().getBytes(StandardCharsets.UTF_8));
    return id;
  }

  static byte[] encodeCursors(long[] cursors) {
    ByteBuffer buf = ByteBuffer.allocate(8 + 8 * cursors.length + 4);
    buf.putInt(CURSOR_MAGIC).putInt(cursors.length);
    for (long c : cursors) {
      buf.putLong(c);
    }
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), 0, buf.position());
    buf.putInt((int) crc.getValue());
    return buf.array();
  }

  /** Reads the cursors; a missing file means nothing acknowledged yet. */
  static long[] readCursors(Path dir, int lanes) throws IOException {
    Path file = dir.resolve(CURSORS);
    long[] out = new long[lanes];
    if (!Files.exists(file)) {
      return out;
    }
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    if (bytes.length != 8 + 8 * lanes + 4 || buf.getInt() != CURSOR_MAGIC
        || buf.getInt() != lanes) {
      throw new IOException(file + " is not a cursor file of " + lanes + " lanes");
    }
    for (int i = 0; i < lanes; i++) {
      out[i] = buf.getLong();
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    if ((int) crc.getValue() != buf.getInt()) {
      throw new IOException(file + " fails its CRC-32C");
    }
    return out;
  }
}
