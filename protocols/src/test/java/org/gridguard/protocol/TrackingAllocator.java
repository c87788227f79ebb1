package org.gridguard.protocol;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;

/**
 * Heap allocator that counts the bytes of unreleased buffers and remembers the largest backing
 * array ever allocated (first allocation or growth). Single-threaded use only.
 */
final class TrackingAllocator extends AbstractByteBufAllocator {
  private long bytesInUse;
  private int largestRequest;

  TrackingAllocator() {
    super(false);
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    return toLeakAwareBuffer(new TrackedBuf(initialCapacity, maxCapacity));
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    return toLeakAwareBuffer(new TrackedBuf(initialCapacity, maxCapacity));
  }

  @Override
  public boolean isDirectBufferPooled() {
    return false;
  }

  int largestRequest() {
    return largestRequest;
  }

  long bytesInUse() {
    return bytesInUse;
  }

  private final class TrackedBuf extends UnpooledHeapByteBuf {
    TrackedBuf(int initialCapacity, int maxCapacity) {
      super(TrackingAllocator.this, initialCapacity, maxCapacity);
    }

    @Override
    protected byte[] allocateArray(int initialCapacity) {
      bytesInUse += initialCapacity;
      largestRequest = Math.max(largestRequest, initialCapacity);
      return super.allocateArray(initialCapacity);
    }

    @Override
    protected void freeArray(byte[] array) {
      bytesInUse -= array.length;
      super.freeArray(array);
    }
  }
}
