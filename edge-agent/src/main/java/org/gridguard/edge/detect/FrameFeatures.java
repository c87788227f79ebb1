package org.gridguard.edge.detect;

import org.gridguard.edge.source.camera.GrayFrame;

/**
 * Measurements of one analysis frame shared by all detectors, computed in one pass over the
 * small gray image (a 320x180 frame costs well under a millisecond).
 *
 * @param mean mean brightness 0–255
 * @param stddev brightness standard deviation
 * @param edgeDensity fraction of pixels whose gradient magnitude exceeds {@link #EDGE_LEVEL}
 * @param laplacianVariance variance of the 4-neighbour Laplacian: sharpness
 * @param edges the strongest ~10% gradients of this frame (scale-free edge map, for scene
 *     comparison; robust to brightness changes)
 * @param diffToPrevious mean absolute pixel difference to the previous analysed frame, or -1
 * @param noiseVariance half the variance of the difference to the previous frame: the
 *     temporal (sensor) noise of a still scene, or -1
 * @param noiseLaplacianVariance half the Laplacian variance of that difference: how much of
 *     {@code laplacianVariance} is noise, not detail, or -1
 */
public record FrameFeatures(GrayFrame frame, double mean, double stddev, double edgeDensity,
    double laplacianVariance, boolean[] edges, double diffToPrevious, double noiseVariance,
    double noiseLaplacianVariance) {

  static final int EDGE_LEVEL = 24;
  private static final double EDGE_FRACTION = 0.10;

  public long timeMs() {
    return frame.timeMs();
  }

  public static FrameFeatures of(GrayFrame frame, GrayFrame previous) {
    int w = frame.width();
    int h = frame.height();
    byte[] p = frame.pixels();
    long sum = 0;
    long sumSq = 0;
    for (byte b : p) {
      int v = b & 0xff;
      sum += v;
      sumSq += (long) v * v;
    }
    int n = p.length;
    double mean = (double) sum / n;
    double var = Math.max(0, (double) sumSq / n - mean * mean);

    int[] grad = new int[n];
    int[] hist = new int[1021];
    int strong = 0;
    double lapSum = 0;
    double lapSumSq = 0;
    int inner = 0;
    for (int y = 1; y < h - 1; y++) {
      int row = y * w;
      for (int x = 1; x < w - 1; x++) {
        int i = row + x;
        int c = p[i] & 0xff;
        int l = p[i - 1] & 0xff;
        int r = p[i + 1] & 0xff;
        int u = p[i - w] & 0xff;
        int d = p[i + w] & 0xff;
        int g = Math.abs(r - l) + Math.abs(d - u);
        grad[i] = g;
        hist[g]++;
        if (g > EDGE_LEVEL * 2) {
          strong++;
        }
        int lap = l + r + u + d - 4 * c;
        lapSum += lap;
        lapSumSq += (double) lap * lap;
        inner++;
      }
    }
    double lapMean = lapSum / inner;
    double lapVar = lapSumSq / inner - lapMean * lapMean;

    // Scale-free edge map: the top EDGE_FRACTION of gradients (at least a small absolute level,
    // so pure sensor noise on a blank image does not count as edges).
    int target = (int) (inner * EDGE_FRACTION);
    int threshold = hist.length - 1;
    for (int acc = 0; threshold > 0 && acc + hist[threshold] < target; threshold--) {
      acc += hist[threshold];
    }
    threshold = Math.max(threshold, 8);
    boolean[] edges = new boolean[n];
    for (int i = 0; i < n; i++) {
      edges[i] = grad[i] > threshold;
    }

    double diff = -1;
    double noiseVar = -1;
    double noiseLapVar = -1;
    if (previous != null && previous.width() == w && previous.height() == h) {
      byte[] q = previous.pixels();
      int[] d = new int[n];
      long ad = 0;
      long ds = 0;
      long dsq = 0;
      for (int i = 0; i < n; i++) {
        int v = (p[i] & 0xff) - (q[i] & 0xff);
        d[i] = v;
        ad += Math.abs(v);
        ds += v;
        dsq += (long) v * v;
      }
      diff = (double) ad / n;
      double dm = (double) ds / n;
      noiseVar = Math.max(0, (double) dsq / n - dm * dm) / 2;
      double ls = 0;
      double lsq = 0;
      for (int y = 1; y < h - 1; y++) {
        int row = y * w;
        for (int x = 1; x < w - 1; x++) {
          int i = row + x;
          int lap = d[i - 1] + d[i + 1] + d[i - w] + d[i + w] - 4 * d[i];
          ls += lap;
          lsq += (double) lap * lap;
        }
      }
      noiseLapVar = Math.max(0, lsq / inner - (ls / inner) * (ls / inner)) / 2;
    }
    return new FrameFeatures(frame, mean, Math.sqrt(var), (double) strong / inner, lapVar, edges,
        diff, noiseVar, noiseLapVar);
  }
}
