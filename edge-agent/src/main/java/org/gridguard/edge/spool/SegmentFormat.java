package org.gridguard.edge.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Layout of one item in a segment file:
 *
 * <pre>
 *  0        4        8                16
 *  | length | crc32c | sequence (u64)  | payload (length bytes) |
 * </pre>
 *
 * All big-endian. {@code crc32c} (Castagnoli) covers the sequence and the payload, so a torn or
 * corrupt item — and a length that points into garbage — is detected on recovery. Within one
 * segment sequences are contiguous ({@code firstSequence}, +1, …), which recovery also checks.
 */
final class SegmentFormat {
  static final int HEADER = 16;

  private SegmentFormat() {}

  /** Writes one framed item into {@code out} (which must have room for {@code frameSize}). */
  static void write(ByteBuffer out, long sequence, byte[] payload) {
    CRC32C crc = new CRC32C();
    ByteBuffer seq = ByteBuffer.allocate(8).putLong(0, sequence);
    crc.update(seq);
    crc.update(payload);
    out.putInt(payload.length);
    out.putInt((int) crc.getValue());
    out.putLong(sequence);
    out.put(payload);
  }

  static int frameSize(int payloadLength) {
    return HEADER + payloadLength;
  }

  /** What a scan found. */
  record ScanResult(long end, long nextSequence, String problem) {
    boolean clean() {
      return problem == null;
    }
  }

  /** Receives items during a scan; returns false to stop early (before the item is counted). */
  interface Visitor {
    boolean visit(long sequence, ByteBuffer payload, long position);
  }

  /**
   * Reads items from {@code from} up to {@code limit}, checking length, CRC and contiguous
   * sequences. Stops at the limit, at the first bad item ({@code problem} then says what and
   * where, {@code end} is that item's position), or when the visitor declines.
   *
   * @param expectedSequence the sequence of the item at {@code from}
   */
  static ScanResult scan(FileChannel channel, long from, long limit, long expectedSequence,
      int maxRecordBytes, Visitor visitor) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(256 << 10);
    long pos = from;
    long seq = expectedSequence;
    CRC32C crc = new CRC32C();
    while (pos < limit) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), limit - pos));
      readFully(channel, buf, pos);
      buf.flip();
      int readBytes = buf.limit();
      boolean progressed = false;
      while (buf.remaining() >= HEADER) {
        int start = buf.position();
        int length = buf.getInt(start);
        if (length < 0 || length > maxRecordBytes) {
          return new ScanResult(pos, seq, "item at byte " + pos + " declares length " + length
              + " (maximum " + maxRecordBytes + ")");
        }
        if (buf.remaining() < HEADER + length) {
          if (HEADER + length > buf.capacity()) {
            buf = ByteBuffer.allocate(HEADER + length);
          }
          break;
        }
        int storedCrc = buf.getInt(start + 4);
        long storedSeq = buf.getLong(start + 8);
        crc.reset();
        crc.update(buf.duplicate().position(start + 8).limit(start + HEADER + length));
        if ((int) crc.getValue() != storedCrc) {
          return new ScanResult(pos, seq, "item at byte " + pos + " fails its CRC-32C");
        }
        if (storedSeq != seq) {
          return new ScanResult(pos, seq, "item at byte " + pos + " has sequence " + storedSeq
              + ", expected " + seq);
        }
        ByteBuffer payload = buf.duplicate().position(start + HEADER)
            .limit(start + HEADER + length).slice();
        if (!visitor.visit(storedSeq, payload, pos)) {
          return new ScanResult(pos, seq, null);
        }
        buf.position(start + HEADER + length);
        pos += HEADER + length;
        seq++;
        progressed = true;
      }
      if (!progressed) {
        if (readBytes == limit - pos) {
          // Everything up to the limit is in the buffer and it holds no whole item.
          return new ScanResult(pos, seq, "item at byte " + pos + " is cut off ("
              + (limit - pos) + " bytes left in the segment)");
        }
        // Otherwise the buffer was too small for this item and has been enlarged: read again.
      }
    }
    return new ScanResult(pos, seq, null);
  }

  static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, pos);
      if (n < 0) {
        throw new IOException("unexpected end of segment at byte " + pos);
      }
      pos += n;
    }
  }
}
