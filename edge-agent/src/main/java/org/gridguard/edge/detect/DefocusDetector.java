package org.gridguard.edge.detect;

import java.util.Map;
import org.gridguard.edge.source.camera.DetectConfig;
import org.gridguard.protocol.v1.AlarmType;

/**
 * Defocus: sharpness (variance of the Laplacian, divided by the brightness variance so it does
 * not depend on lighting) falls below a fraction of the scene's baseline.
 */
final class DefocusDetector implements FrameDetector {
  private final DetectConfig config;
  private final Baseline sharpness;
  private final Debounce debounce;
  private boolean blurred;

  DefocusDetector(DetectConfig config) {
    this.config = config;
    this.sharpness = new Baseline(config.learn().toMillis(), config.baselineAdapt().toMillis());
    this.debounce = new Debounce(config.defocusAfter().toMillis(), config.clearAfter().toMillis(),
        500);
  }

  static double sharpness(FrameFeatures f) {
    return f.laplacianVariance() / Math.max(1, f.stddev() * f.stddev());
  }

  /** Sharpness far below baseline on this frame (used to keep scene change quiet). */
  boolean blurred(FrameFeatures f) {
    blurred = sharpness.ready() && sharpness(f) < config.defocusRatio() * sharpness.value();
    return blurred;
  }

  @Override
  public DetectorEvent onFrame(FrameFeatures f, SceneContext scene) {
    boolean condition = blurred && !scene.covered();
    Debounce.Transition t = debounce.update(condition, f.timeMs());
    if (!debounce.engaged() && !scene.covered()) {
      sharpness.update(sharpness(f), f.timeMs());
    }
    if (t == Debounce.Transition.NONE) {
      return null;
    }
    double s = sharpness(f);
    return DetectorEvent.of(AlarmType.VIDEO_DEFOCUS, t, "", debounce.since() < 0 ? f.timeMs()
            : debounce.since(), f.timeMs(),
        t == Debounce.Transition.BEGIN
            ? String.format("picture out of focus: sharpness %.3f vs baseline %.3f", s,
                sharpness.value())
            : "picture sharp again",
        Map.of("sharpness", s, "sharpness_baseline", sharpness.value()));
  }
}
