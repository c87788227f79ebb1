package org.gridguard.edge.mapping;

import java.util.List;
import java.util.Locale;

/**
 * A linear unit conversion {@code out = in × scale + offset}. Named conversions cover the
 * usual vendor units; {@code scale}/{@code offset} in the config cover the rest (a vendor
 * reporting tenths of a degree: {@code scale: 0.1}).
 */
record Conversion(double scale, double offset) {
  static final Conversion NONE = new Conversion(1, 0);
  static final List<String> NAMES =
      List.of("none", "f_to_c", "mm_to_m", "cm_to_m", "ma_to_a", "kpa_to_mpa", "pa_to_kpa");

  Conversion {
    if (!Double.isFinite(scale) || !Double.isFinite(offset) || scale == 0) {
      throw new IllegalArgumentException("scale must be a finite non-zero number and offset finite");
    }
  }

  /** A named conversion, then scaled and offset. */
  static Conversion of(String name, double scale, double offset) {
    Conversion base = switch (name.toLowerCase(Locale.ROOT)) {
      case "none" -> NONE;
      case "f_to_c" -> new Conversion(5.0 / 9.0, -32 * 5.0 / 9.0);
      case "mm_to_m" -> new Conversion(0.001, 0);
      case "cm_to_m" -> new Conversion(0.01, 0);
      case "ma_to_a" -> new Conversion(0.001, 0);
      case "kpa_to_mpa" -> new Conversion(0.001, 0);
      case "pa_to_kpa" -> new Conversion(0.001, 0);
      default -> throw new IllegalArgumentException("unknown conversion '" + name + "', known: " + NAMES);
    };
    return new Conversion(base.scale * scale, base.offset * scale + offset);
  }

  double apply(double value) {
    return value * scale + offset;
  }

  boolean identity() {
    return scale == 1 && offset == 0;
  }
}
