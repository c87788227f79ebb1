package org.gridguard.edge.detect;

/** One video detector of one camera; called on the camera's thread, one frame at a time. */
interface FrameDetector {
  /** @return a BEGIN/END decision, or {@code null} */
  DetectorEvent onFrame(FrameFeatures frame, SceneContext scene);
}
