package org.gridguard.edge.source.camera;

/** Receives one camera's analysis frames and health ticks. */
public interface FrameListener {
  /** An analysis frame, on the camera's own thread. */
  void onFrame(GrayFrame frame);

  /**
   * A periodic health tick from the watchdog thread (every ~250 ms), whether frames arrive or
   * not.
   *
   * @param lastFrameWallMs wall time of the last frame, or when the camera started if none
   * @param problem the last connection error, or {@code null}
   */
  void onTick(long nowMs, long lastFrameWallMs, String problem);

  /** A finite source (a file) reached its end. */
  default void onEnd() {
  }
}
