package org.gridguard.edge.detect;

import java.util.Map;
import org.gridguard.protocol.v1.AlarmType;

/**
 * Covered lens, blackout or whiteout: edge density collapses against the scene's baseline and
 * the picture becomes uniform. Brightness alone never decides, so night (IR) switching and
 * lights going off, which keep the scene's structure, do not raise it.
 */
final class CoveredDetector implements FrameDetector {
  /** Below this brightness spread a frame has no usable structure. */
  static final double UNIFORM_STDDEV = 14;

  private final DetectConfig config;
  private final Baseline edges;
  private final Debounce debounce;
  private boolean condition;

  CoveredDetector(DetectConfig config) {
    this.config = config;
    this.edges = new Baseline(config.learn().toMillis(), config.baselineAdapt().toMillis());
    this.debounce = new Debounce(config.coveredAfter().toMillis(), config.clearAfter().toMillis(),
        500);
  }

  /** Evaluates the condition for this frame; call before {@link #onFrame}. */
  boolean condition(FrameFeatures f) {
    condition = edges.ready() && f.stddev() < UNIFORM_STDDEV
        && f.edgeDensity() < config.coveredEdgeRatio() * edges.value();
    return condition;
  }

  @Override
  public DetectorEvent onFrame(FrameFeatures f, SceneContext scene) {
    Debounce.Transition t = debounce.update(condition, f.timeMs());
    if (!debounce.engaged()) {
      edges.update(f.edgeDensity(), f.timeMs());
    }
    if (t == Debounce.Transition.NONE) {
      return null;
    }
    String what = f.mean() < 40 ? "blackout" : f.mean() > 215 ? "whiteout" : "covered";
    return DetectorEvent.of(AlarmType.VIDEO_COVERED, t, "", debounce.since() < 0
        ? f.timeMs() : debounce.since(), f.timeMs(),
        t == Debounce.Transition.BEGIN ? "lens covered (" + what + "): edge density "
            + pct(f.edgeDensity()) + " vs baseline " + pct(edges.value())
            : "picture structure back",
        Map.of("edge_density", f.edgeDensity(), "edge_density_baseline", edges.value(),
            "brightness", f.mean()));
  }

  private static String pct(double v) {
    return String.format("%.2f%%", v * 100);
  }
}
