package org.gridguard.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Netty's merge cumulator with one change: when the cumulation must grow, it grows to at most
 * one maximal frame (or exactly what is buffered, if more), never to the next power of two. A
 * peer trickling a large frame therefore cannot make the decoder hold more than the frame
 * limit allows.
 */
final class BoundedCumulator implements ByteToMessageDecoder.Cumulator {
  private final int limit;

  BoundedCumulator(int maxFrameSize) {
    this.limit = FrameFormat.HEADER_SIZE + maxFrameSize;
  }

  @Override
  public ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
    if (cumulation == in) {
      in.release();
      return cumulation;
    }
    if (!cumulation.isReadable() && in.isContiguous()) {
      cumulation.release();
      return in;
    }
    try {
      int required = in.readableBytes();
      if (required > cumulation.writableBytes()
          || cumulation.refCnt() > 1
          || cumulation.isReadOnly()) {
        return expand(alloc, cumulation, in);
      }
      cumulation.writeBytes(in, in.readerIndex(), required);
      in.readerIndex(in.writerIndex());
      return cumulation;
    } finally {
      in.release();
    }
  }

  private ByteBuf expand(ByteBufAllocator alloc, ByteBuf old, ByteBuf in) {
    int oldBytes = old.readableBytes();
    int newBytes = in.readableBytes();
    int total = oldBytes + newBytes;
    int capacity = Math.min(alloc.calculateNewCapacity(total, Integer.MAX_VALUE),
        Math.max(total, limit));
    ByteBuf grown = alloc.buffer(capacity);
    ByteBuf toRelease = grown;
    try {
      grown.setBytes(0, old, old.readerIndex(), oldBytes)
          .setBytes(oldBytes, in, in.readerIndex(), newBytes)
          .writerIndex(total);
      in.readerIndex(in.writerIndex());
      toRelease = old;
      return grown;
    } finally {
      toRelease.release();
    }
  }
}
