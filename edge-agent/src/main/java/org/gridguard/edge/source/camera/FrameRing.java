package org.gridguard.edge.source.camera;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} analysis frames of one camera, oldest first; used on the camera's
 * thread only. Memory is bounded: capacity x one small gray frame (57.6 KB at 320x180).
 */
public final class FrameRing {
  private final GrayFrame[] frames;
  private int next;
  private int size;

  public FrameRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("ring capacity must be at least 1");
    }
    this.frames = new GrayFrame[capacity];
  }

  public void add(GrayFrame frame) {
    frames[next] = frame;
    next = (next + 1) % frames.length;
    size = Math.min(size + 1, frames.length);
  }

  /** Frames with time at or after {@code sinceMs}, oldest first. */
  public List<GrayFrame> since(long sinceMs) {
    List<GrayFrame> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      GrayFrame f = frames[(next - size + i + frames.length) % frames.length];
      if (f.timeMs() >= sinceMs) {
        out.add(f);
      }
    }
    return out;
  }

  public int size() {
    return size;
  }
}
