package org.gridguard.edge.uplink;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.gridguard.edge.spool.SpoolEntry;
import org.gridguard.protocol.FrameFormat;
import org.gridguard.protocol.MessageType;
import org.gridguard.protocol.v1.Lane;

/**
 * Builds BATCH and EVIDENCE_CHUNK frames (PROTOCOL.md §2.1, §4) straight from spooled bytes,
 * without parsing and re-serialising each record: a {@code Batch} is field 1 (each
 * {@code Record}, length-delimited) repeated, then field 2 ({@code lane}, omitted for PRIORITY
 * = 0 as proto3 does). Byte-identical to {@code Batch.toByteArray()} of the same records.
 */
final class BatchFrames {
  private BatchFrames() {}

  /** Payload size of a Batch of these entries. */
  static int batchPayloadSize(Lane lane, List<SpoolEntry> entries) {
    int size = 0;
    for (SpoolEntry e : entries) {
      int len = e.payload().length;
      size += 1 + CodedOutputStream.computeUInt32SizeNoTag(len) + len;
    }
    if (lane.getNumber() != 0) {
      size += 1 + CodedOutputStream.computeUInt32SizeNoTag(lane.getNumber());
    }
    return size;
  }

  static ByteBuf batch(ByteBufAllocator alloc, Lane lane, List<SpoolEntry> entries) {
    int payload = batchPayloadSize(lane, entries);
    ByteBuf buf = alloc.buffer(FrameFormat.HEADER_SIZE + payload);
    header(buf, MessageType.BATCH, payload);
    for (SpoolEntry e : entries) {
      buf.writeByte(0x0A);
      writeVarint(buf, e.payload().length);
      buf.writeBytes(e.payload());
    }
    if (lane.getNumber() != 0) {
      buf.writeByte(0x10);
      writeVarint(buf, lane.getNumber());
    }
    return buf;
  }

  static ByteBuf evidence(ByteBufAllocator alloc, SpoolEntry entry) {
    ByteBuf buf = alloc.buffer(FrameFormat.HEADER_SIZE + entry.payload().length);
    header(buf, MessageType.EVIDENCE_CHUNK, entry.payload().length);
    buf.writeBytes(entry.payload());
    return buf;
  }

  private static void header(ByteBuf buf, MessageType type, int length) {
    buf.writeShort(FrameFormat.MAGIC);
    buf.writeByte(FrameFormat.VERSION);
    buf.writeByte(type.code());
    buf.writeInt(length);
  }

  private static void writeVarint(ByteBuf buf, int value) {
    int v = value;
    while ((v & ~0x7F) != 0) {
      buf.writeByte((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf.writeByte(v);
  }
}
