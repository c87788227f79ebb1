package org.gridguard.hub.grid;

import static org.gridguard.hub.grid.GeoJsonGeometry.MAX_POSITIONS;

import java.util.List;
import org.gridguard.hub.grid.GeoJsonGeometry.InvalidGeometryException;

/**
 * Checks coordinates collected by {@link GeoJsonGeometry} against the polygon structure (rings of
 * positions of numbers, WGS-84 ranges, closed rings, the position limit) and writes them
 * canonically, numbers as they were spelled.
 */
final class CanonicalCoordinates {
  private static final int MAX_NUMBER_CHARS = 32;

  private final StringBuilder out;
  private int positions;

  CanonicalCoordinates(StringBuilder out) {
    this.out = out;
  }

  void polygon(Object value, String path) {
    List<?> rings = list(value, path, "an array of linear rings");
    if (rings.isEmpty()) {
      throw new InvalidGeometryException(path + ": a polygon needs at least one linear ring");
    }
    out.append('[');
    for (int i = 0; i < rings.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      ring(rings.get(i), path + "[" + i + "]");
    }
    out.append(']');
  }

  private void ring(Object value, String path) {
    List<?> ring = list(value, path, "a linear ring (an array of positions)");
    if (ring.size() < 4) {
      throw new InvalidGeometryException(path + ": a linear ring needs at least 4 positions, "
          + "found " + ring.size());
    }
    double[] first = null;
    double[] last = null;
    out.append('[');
    for (int i = 0; i < ring.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      last = position(ring.get(i), path + "[" + i + "]");
      if (first == null) {
        first = last;
      }
    }
    out.append(']');
    if (first[0] != last[0] || first[1] != last[1]
        || (first.length == 3) != (last.length == 3) || first.length == 3 && first[2] != last[2]) {
      throw new InvalidGeometryException(path + ": the linear ring is not closed (its last "
          + "position must equal its first)");
    }
  }

  private double[] position(Object value, String path) {
    if (++positions > MAX_POSITIONS) {
      throw new InvalidGeometryException("more than " + MAX_POSITIONS + " positions");
    }
    List<?> numbers = list(value, path, "a position [longitude, latitude]");
    if (numbers.size() < 2 || numbers.size() > 3) {
      throw new InvalidGeometryException(path + ": a position is [longitude, latitude] or "
          + "[longitude, latitude, altitude], found " + numbers.size() + " element(s)");
    }
    double[] parsed = new double[numbers.size()];
    out.append('[');
    for (int i = 0; i < numbers.size(); i++) {
      if (!(numbers.get(i) instanceof String text)) {
        throw new InvalidGeometryException(path + "[" + i + "]: expected a number, found an array");
      }
      if (text.length() > MAX_NUMBER_CHARS) {
        throw new InvalidGeometryException(path + "[" + i + "]: number longer than "
            + MAX_NUMBER_CHARS + " characters");
      }
      parsed[i] = Double.parseDouble(text);
      if (i > 0) {
        out.append(',');
      }
      out.append(text);
    }
    out.append(']');
    if (!(parsed[0] >= -180 && parsed[0] <= 180)) {
      throw new InvalidGeometryException(path + ": longitude " + numbers.get(0)
          + " is outside -180..180 (positions are [longitude, latitude], WGS-84)");
    }
    if (!(parsed[1] >= -90 && parsed[1] <= 90)) {
      throw new InvalidGeometryException(path + ": latitude " + numbers.get(1)
          + " is outside -90..90 (positions are [longitude, latitude], WGS-84)");
    }
    return parsed;
  }

  static List<?> list(Object value, String path, String expected) {
    if (value instanceof List<?> list) {
      return list;
    }
    throw new InvalidGeometryException(path + ": expected " + expected + ", found a number");
  }
}
