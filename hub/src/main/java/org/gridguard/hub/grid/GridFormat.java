package org.gridguard.hub.grid;

import java.util.Locale;
import java.util.Map;

/** The two file formats grids are imported and exported in, and how each names places in it. */
public enum GridFormat {
  /** UTF-8 CSV, header {@code code,name,parent,level,polygon}; problems by line. */
  CSV(Map.of()),
  /** A GeoJSON FeatureCollection with properties code, name, parent, level; by feature. */
  GEOJSON(Map.of("code", "properties.code", "name", "properties.name",
      "parent", "properties.parent", "level", "properties.level", "polygon", "geometry"));

  private final Map<String, String> fieldNames;

  GridFormat(Map<String, String> fieldNames) {
    this.fieldNames = fieldNames;
  }

  /** {@code csv} or {@code geojson}, any case. */
  public static GridFormat parse(String text) {
    for (GridFormat f : values()) {
      if (f.name().equalsIgnoreCase(text)) {
        return f;
      }
    }
    throw new IllegalArgumentException("format must be csv or geojson, found '" + text + "'");
  }

  public String lowerName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A problem at row {@code number} (a line for CSV, a feature for GeoJSON). */
  GridImportProblem problem(Integer number, String field, String reason) {
    String name = field == null ? null : fieldNames.getOrDefault(field, field);
    return this == CSV ? new GridImportProblem(number, null, name, reason)
        : new GridImportProblem(null, number, name, reason);
  }

  /** "line 7" or "feature 7". */
  String where(int number) {
    return (this == CSV ? "line " : "feature ") + number;
  }
}
