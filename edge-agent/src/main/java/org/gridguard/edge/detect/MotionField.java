package org.gridguard.edge.detect;

import org.gridguard.edge.source.camera.GrayFrame;

/**
 * Background subtraction on the small gray frame: a running-average background (time constant
 * {@code TAU_MS}, foreground learnt far slower) and a foreground mask of pixels differing by more than {@code LEVEL}. When most
 * of the frame changes at once it is lighting (lights switched, IR cut filter, auto exposure),
 * not motion: the background is reset to the new picture and nothing is foreground.
 */
final class MotionField {
  static final int LEVEL = 25;
  static final double GLOBAL_CHANGE = 0.35;
  private static final double TAU_MS = 2000;

  private float[] background;
  private boolean[] foreground;
  private long lastMs;
  private boolean lighting;

  void update(GrayFrame frame) {
    byte[] p = frame.pixels();
    int n = p.length;
    if (background == null || background.length != n) {
      background = new float[n];
      foreground = new boolean[n];
      for (int i = 0; i < n; i++) {
        background[i] = p[i] & 0xff;
      }
      lastMs = frame.timeMs();
      lighting = false;
      return;
    }
    int changed = 0;
    for (int i = 0; i < n; i++) {
      boolean fg = Math.abs((p[i] & 0xff) - background[i]) > LEVEL;
      foreground[i] = fg;
      if (fg) {
        changed++;
      }
    }
    lighting = changed > GLOBAL_CHANGE * n;
    float alpha = (float) (1 - Math.exp(-Math.max(0, frame.timeMs() - lastMs) / TAU_MS));
    lastMs = frame.timeMs();
    if (lighting) {
      for (int i = 0; i < n; i++) {
        background[i] = p[i] & 0xff;
        foreground[i] = false;
      }
      return;
    }
    // Foreground pixels are learnt 20x slower: a passing object leaves no ghost behind, while
    // one that stops (a parked car) becomes background within about a minute.
    float slow = alpha / 20;
    for (int i = 0; i < n; i++) {
      background[i] += (foreground[i] ? slow : alpha) * ((p[i] & 0xff) - background[i]);
    }
  }

  /** Foreground pixels inside {@code mask}. */
  int countIn(boolean[] mask) {
    if (foreground == null || mask.length != foreground.length) {
      return 0;
    }
    int c = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] && foreground[i]) {
        c++;
      }
    }
    return c;
  }

  /** The last frame was a global (lighting) change. */
  boolean lighting() {
    return lighting;
  }
}
