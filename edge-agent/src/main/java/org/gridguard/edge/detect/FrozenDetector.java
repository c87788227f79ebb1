package org.gridguard.edge.detect;

import java.util.Map;
import org.gridguard.protocol.v1.AlarmType;

/**
 * Frozen image: the stream still delivers frames, but consecutive analysed frames are
 * (almost) identical while this scene normally changes from frame to frame (sensor noise,
 * movement). Cameras whose live picture is perfectly still at the analysis size cannot be
 * told apart from frozen ones; for them the detector stays unarmed.
 */
final class FrozenDetector implements FrameDetector {
  /** Minimum learnt frame-to-frame difference for the detector to arm. */
  static final double MIN_LIVE_DIFF = 0.6;

  private final Baseline liveDiff;
  private final Debounce debounce;

  FrozenDetector(DetectConfig config) {
    this.liveDiff = new Baseline(config.learn().toMillis(), config.baselineAdapt().toMillis());
    // Key frames re-encode a frozen picture slightly differently: tolerate 1.5 s gaps.
    this.debounce = new Debounce(config.frozenAfter().toMillis(), config.clearAfter().toMillis(),
        1500);
  }

  @Override
  public DetectorEvent onFrame(FrameFeatures f, SceneContext scene) {
    double diff = f.diffToPrevious();
    if (diff < 0) {
      return null;
    }
    boolean armed = liveDiff.ready() && liveDiff.value() >= MIN_LIVE_DIFF;
    boolean condition = armed && !scene.covered()
        && diff < Math.max(0.1, 0.1 * liveDiff.value());
    Debounce.Transition t = debounce.update(condition, f.timeMs());
    if (!debounce.engaged()) {
      liveDiff.update(Math.min(diff, 20), f.timeMs());
    }
    if (t == Debounce.Transition.NONE) {
      return null;
    }
    return DetectorEvent.of(AlarmType.VIDEO_FROZEN, t, "", debounce.since() < 0 ? f.timeMs()
            : debounce.since(), f.timeMs(),
        t == Debounce.Transition.BEGIN
            ? String.format("picture frozen: frame difference %.2f vs live %.2f", diff,
                liveDiff.value())
            : "picture moving again",
        Map.of("frame_diff", diff, "frame_diff_baseline", liveDiff.value()));
  }
}
