package org.gridguard.edge.detect;

import java.util.ArrayList;
import org.gridguard.edge.source.camera.GrayFrame;
import java.util.List;

/**
 * The last {@code capacity} analysis frames of one camera, oldest first; used on the camera's
 * thread only. Memory is bounded: capacity x one small gray frame (57.6 KB at 320x180).
 */
final class FrameRing {
  private final GrayFrame[] frames;
  private int next;
  private int size;

  FrameRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("ring capacity must be at least 1");
    }
    this.frames = new GrayFrame[capacity];
  }

  void add(GrayFrame frame) {
    frames[next] = frame;
    next = (next + 1) % frames.length;
    size = Math.min(size + 1, frames.length);
  }

  /** Frames with time at or after {@code sinceMs}, oldest first. */
  List<GrayFrame> since(long sinceMs) {
    List<GrayFrame> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      GrayFrame f = frames[(next - size + i + frames.length) % frames.length];
      if (f.timeMs() >= sinceMs) {
        out.add(f);
      }
    }
    return out;
  }

  int size() {
    return size;
  }
}
