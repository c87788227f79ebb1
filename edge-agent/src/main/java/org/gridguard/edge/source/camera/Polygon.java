package org.gridguard.edge.source.camera;

import java.util.List;

/**
 * A closed polygon in normalised image coordinates (x, y in [0, 1], origin top-left), so a zone
 * stays valid whatever resolution the camera or the analysis runs at.
 */
public record Polygon(List<double[]> points) {
  public Polygon {
    if (points == null || points.size() < 3) {
      throw new IllegalArgumentException("a polygon needs at least 3 points");
    }
    for (double[] p : points) {
      if (p.length != 2 || !(p[0] >= 0 && p[0] <= 1 && p[1] >= 0 && p[1] <= 1)) {
        throw new IllegalArgumentException("polygon points must be [x, y] within [0, 1]");
      }
    }
    points = List.copyOf(points);
  }

  /** By the points' values (a record would compare the arrays by identity). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Polygon other) || other.points.size() != points.size()) {
      return false;
    }
    for (int i = 0; i < points.size(); i++) {
      if (!java.util.Arrays.equals(points.get(i), other.points.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (double[] p : points) {
      h = 31 * h + java.util.Arrays.hashCode(p);
    }
    return h;
  }

  @Override
  public String toString() {
    return "Polygon" + points.stream().map(java.util.Arrays::toString).toList();
  }

  /** Even-odd rule point test in normalised coordinates. */
  public boolean contains(double x, double y) {
    boolean inside = false;
    int n = points.size();
    for (int i = 0, j = n - 1; i < n; j = i++) {
      double[] a = points.get(i);
      double[] b = points.get(j);
      if ((a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]) {
        inside = !inside;
      }
    }
    return inside;
  }

  /** A rasterised mask at the given size (pixel centres tested), row-major. */
  public boolean[] rasterise(int width, int height) {
    boolean[] mask = new boolean[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        mask[y * width + x] = contains((x + 0.5) / width, (y + 0.5) / height);
      }
    }
    return mask;
  }
}
