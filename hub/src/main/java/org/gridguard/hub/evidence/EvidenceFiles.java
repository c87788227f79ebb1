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
import java.util.HexFormat;
import java.util.function.BooleanSupplier;
import org.gridguard.protocol.v1.EvidenceChunk;

/**
 * The evidence store's disk side: chunks written at their offset and fsynced, new files'
 * directory entries fsynced too (a chunk is acknowledged as durable), verification and the
 * rename into place, deletion. Paths come from {@link EvidencePaths} only. Blocking.
 */
final class EvidenceFiles {
  private final EvidencePaths paths;

  EvidenceFiles(EvidencePaths paths) {
    this.paths = paths;
  }

  EvidencePaths paths() {
    return paths;
  }

  /**
   * Writes {@code chunk} into the item's partial file and fsyncs it. When the file does not
   * exist yet and {@code adoptLegacy} says so (asked only then), a partial file of the layout before {@code .partial}
   * ({@code <gateway>/<id>.part}) is moved into place first.
   */
  void write(String gateway, String id, EvidenceChunk chunk, BooleanSupplier adoptLegacy) {
    Path part = paths.partial(gateway, id);
    try {
      boolean created = !Files.exists(part);
      if (created) {
        Files.createDirectories(part.getParent());
        Path legacy = paths.legacyPartial(gateway, id);
        if (Files.exists(legacy) && adoptLegacy.getAsBoolean()) {
          Files.move(legacy, part, StandardCopyOption.ATOMIC_MOVE);
          fsyncDirectory(legacy.getParent());
        }
      }
      try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE)) {
        ByteBuffer data = chunk.getData().asReadOnlyByteBuffer();
        long position = chunk.getOffset();
        while (data.hasRemaining()) {
          position += channel.write(data, position);
        }
        channel.force(true);
      }
      if (created) {
        fsyncDirectory(part.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing evidence chunk to " + part, e);
    }
  }

  /** SHA-256 (hex) of the item's partial file. */
  String partialSha256(String gateway, String id) {
    Path file = paths.partial(gateway, id);
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("hashing " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Renames the verified partial file to the item's file, durably. */
  void publish(String gateway, String id) {
    Path file = paths.complete(gateway, id);
    try {
      Files.move(paths.partial(gateway, id), file, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      fsyncDirectory(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("publishing " + file, e);
    }
  }

  /** Deletes the partial file of a discarded item. */
  void discard(String gateway, String id) {
    try {
      Files.deleteIfExists(paths.partial(gateway, id));
    } catch (IOException e) {
      throw new UncheckedIOException("discarding evidence " + id + " of " + gateway, e);
    }
  }

  /**
   * Deletes every file of an item; the legacy partial file too when {@code legacyToo} (it is not
   * the file of an item named {@code <id>.part}).
   *
   * @throws IllegalArgumentException when the ids have no safe path
   */
  void delete(String gateway, String id, boolean legacyToo) throws IOException {
    Files.deleteIfExists(paths.complete(gateway, id));
    Files.deleteIfExists(paths.partial(gateway, id));
    if (legacyToo) {
      Files.deleteIfExists(paths.legacyPartial(gateway, id));
    }
  }

  private static void fsyncDirectory(Path directory) throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
