package org.gridguard.edge.detect;

import java.util.Map;
import org.gridguard.protocol.v1.AlarmType;

/**
 * Camera moved or scene changed: the frame's strongest edges no longer fall on the reference
 * edge map learnt from the scene (edges present in at least half the learning frames, widened
 * by one pixel). The edge map is scale-free (top gradients of each frame), so lighting changes
 * do not move it; a blurred or covered picture is left to those detectors.
 */
final class SceneChangeDetector implements FrameDetector {
  private final DetectConfig config;
  private final Debounce debounce;
  private final Baseline match;
  private int[] counts;
  private int learnFrames;
  private long learnStart = -1;
  private boolean[] reference;
  private int width;

  SceneChangeDetector(DetectConfig config) {
    this.config = config;
    this.debounce = new Debounce(config.sceneChangeAfter().toMillis(),
        config.clearAfter().toMillis(), 1000);
    this.match = new Baseline(config.learn().toMillis(), config.baselineAdapt().toMillis());
  }

  @Override
  public DetectorEvent onFrame(FrameFeatures f, SceneContext scene) {
    boolean[] edges = f.edges();
    if (reference == null) {
      learn(f);
      return null;
    }
    double m = matchRatio(edges);
    boolean condition = match.ready() && !scene.covered() && !scene.blurred()
        && m < config.sceneMatchRatio() * match.value();
    Debounce.Transition t = debounce.update(condition, f.timeMs());
    if (!debounce.engaged() && !scene.covered() && !scene.blurred()) {
      match.update(m, f.timeMs());
    }
    if (t == Debounce.Transition.NONE) {
      return null;
    }
    return DetectorEvent.of(AlarmType.VIDEO_SCENE_CHANGE, t, "", debounce.since() < 0
            ? f.timeMs() : debounce.since(), f.timeMs(),
        t == Debounce.Transition.BEGIN
            ? String.format("camera moved or scene changed: %.0f%% of edges match the reference"
                + " (normally %.0f%%)", m * 100, match.value() * 100)
            : "scene matches the reference again",
        Map.of("edge_match", m, "edge_match_baseline", match.value()));
  }

  private void learn(FrameFeatures f) {
    boolean[] edges = f.edges();
    if (counts == null || counts.length != edges.length) {
      counts = new int[edges.length];
      learnFrames = 0;
      learnStart = f.timeMs();
      width = f.frame().width();
    }
    for (int i = 0; i < edges.length; i++) {
      if (edges[i]) {
        counts[i]++;
      }
    }
    learnFrames++;
    if (f.timeMs() - learnStart >= config.learn().toMillis() / 2 && learnFrames >= 3) {
      reference = dilate(counts, learnFrames, width);
      counts = null;
    }
  }

  private static boolean[] dilate(int[] counts, int frames, int w) {
    int n = counts.length;
    int h = n / w;
    boolean[] stable = new boolean[n];
    for (int i = 0; i < n; i++) {
      stable[i] = counts[i] * 2 >= frames;
    }
    boolean[] out = new boolean[n];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (!stable[y * w + x]) {
          continue;
        }
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int yy = y + dy;
            int xx = x + dx;
            if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
              out[yy * w + xx] = true;
            }
          }
        }
      }
    }
    return out;
  }

  private double matchRatio(boolean[] edges) {
    int total = 0;
    int hit = 0;
    for (int i = 0; i < edges.length; i++) {
      if (edges[i]) {
        total++;
        if (reference[i]) {
          hit++;
        }
      }
    }
    return total == 0 ? 0 : (double) hit / total;
  }
}
