package org.gridguard.edge.detect;

import java.util.Map;
import org.gridguard.protocol.v1.AlarmType;

/**
 * Defocus: sharpness falls below a fraction of the scene's baseline. Sharpness is the variance
 * of the Laplacian divided by the brightness variance (so it does not depend on lighting), each
 * with the sensor noise's share removed; the noise is measured from frame-to-frame differences
 * and followed slowly. Without that correction a dark, noisy picture looks "sharp" and the
 * same scene in daylight looks "blurred" by comparison.
 */
final class DefocusDetector implements FrameDetector {
  private final DetectConfig config;
  private final Baseline sharpness;
  private final Debounce debounce;
  private boolean blurred;
  private double noiseLap = -1;
  private double noiseVar = -1;
  private long noiseMs;

  DefocusDetector(DetectConfig config) {
    this.config = config;
    this.sharpness = new Baseline(config.learn().toMillis(), config.baselineAdapt().toMillis());
    this.debounce = new Debounce(config.defocusAfter().toMillis(), config.clearAfter().toMillis(),
        500);
  }

  /** Sharpness with the current noise estimate removed. */
  double sharpness(FrameFeatures f) {
    double lap = Math.max(0, f.laplacianVariance() - Math.max(0, noiseLap));
    double var = Math.max(1, f.stddev() * f.stddev() - Math.max(0, noiseVar));
    return lap / var;
  }

  private void followNoise(FrameFeatures f) {
    if (f.noiseLaplacianVariance() < 0) {
      return;
    }
    if (noiseLap < 0) {
      noiseLap = f.noiseLaplacianVariance();
      noiseVar = f.noiseVariance();
    } else {
      // Motion inflates one frame's estimate; follow slowly and prefer the lower values.
      double a = 1 - Math.exp(-Math.max(0, f.timeMs() - noiseMs) / 10_000.0);
      noiseLap += a * (Math.min(f.noiseLaplacianVariance(), 4 * noiseLap) - noiseLap);
      noiseVar += a * (Math.min(f.noiseVariance(), 4 * noiseVar) - noiseVar);
    }
    noiseMs = f.timeMs();
  }

  /** Sharpness far below baseline on this frame (used to keep scene change quiet). */
  boolean blurred(FrameFeatures f) {
    followNoise(f);
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
