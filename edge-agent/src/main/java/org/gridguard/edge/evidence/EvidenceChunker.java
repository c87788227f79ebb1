package org.gridguard.edge.evidence;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.gridguard.protocol.v1.EvidenceChunk;

/**
 * Cuts one evidence item into {@link EvidenceChunk}s as PROTOCOL.md §7 describes: chunks of at
 * most {@code chunkBytes} (≤ 256 KiB), each with its index, offset, the item's total size, the
 * CRC-32C of its data and the SHA-256 of the whole item. Sequence is left 0: the spool sets it.
 */
public final class EvidenceChunker {
  public static final int MAX_CHUNK = 256 * 1024;

  private final int chunkBytes;

  public EvidenceChunker(int chunkBytes) {
    if (chunkBytes < 1 || chunkBytes > MAX_CHUNK) {
      throw new IllegalArgumentException("chunk size must be within [1, " + MAX_CHUNK + "]");
    }
    this.chunkBytes = chunkBytes;
  }

  public List<EvidenceChunk> chunk(String evidenceId, String contentType, byte[] item,
      String deviceId, String bootId, long captureTimeMs) {
    if (item.length == 0) {
      throw new IllegalArgumentException("evidence " + evidenceId + " is empty");
    }
    ByteString sha = ByteString.copyFrom(sha256(item));
    int count = (item.length + chunkBytes - 1) / chunkBytes;
    List<EvidenceChunk> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int offset = i * chunkBytes;
      int len = Math.min(chunkBytes, item.length - offset);
      CRC32C crc = new CRC32C();
      crc.update(item, offset, len);
      out.add(EvidenceChunk.newBuilder()
          .setCaptureTimeMs(captureTimeMs)
          .setDeviceId(deviceId)
          .setBootId(bootId)
          .setEvidenceId(evidenceId)
          .setContentType(contentType)
          .setIndex(i)
          .setCount(count)
          .setOffset(offset)
          .setTotalSize(item.length)
          .setData(ByteString.copyFrom(item, offset, len))
          .setCrc32C((int) crc.getValue())
          .setSha256(sha)
          .build());
    }
    return out;
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
