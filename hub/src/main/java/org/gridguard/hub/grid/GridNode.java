package org.gridguard.hub.grid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.gridguard.hub.value.GridCode;
import org.gridguard.hub.value.GridCode.Level;

/**
 * One node of the grid hierarchy (county, town, village or grid), validated: the code is a
 * {@link GridCode}, the level is the code's, the parent is the code cut to the level above (none
 * for a county), the name is 1–128 characters, not blank, without control characters, and the
 * polygon, when there is one, is a GeoJSON Polygon or MultiPolygon in WGS-84 lon/lat with closed
 * rings and at most {@value GeoJsonGeometry#MAX_POSITIONS} positions. The polygon is kept in its
 * canonical text ({@link GeoJsonGeometry}), so two nodes with the same shape are equal.
 *
 * @param parentCode null exactly for a county
 * @param polygon GeoJSON geometry text, or null when the node has no boundary
 * @throws InvalidGridNodeException listing every field that breaks a rule
 */
public record GridNode(String code, Level level, String name, String parentCode, String polygon) {
  public static final int MAX_NAME_LENGTH = 128;
  /** The order fields are reported in. */
  private static final List<String> FIELDS = List.of("code", "level", "parent", "name", "polygon");

  public GridNode {
    List<FieldProblem> problems = new ArrayList<>();
    Optional<Level> expected = GridCode.levelOf(code);
    if (expected.isEmpty()) {
      problems.add(new FieldProblem("code", (code == null || code.isEmpty() ? "missing"
          : "'" + code + "' is not a grid node code") + ": " + GridCode.rule()));
    } else {
      if (level != expected.get()) {
        problems.add(new FieldProblem("level", "must be " + expected.get() + " for a "
            + code.length() + "-digit code, found " + level));
      }
      String parent = GridCode.parentOf(code).orElse(null);
      if (!Objects.equals(parent, parentCode)) {
        problems.add(new FieldProblem("parent", parent == null
            ? "a county has no parent, found '" + parentCode + "'"
            : "must be " + parent + " (the code without its last 3 digits), found "
                + (parentCode == null ? "none" : "'" + parentCode + "'")));
      }
    }
    nameProblem(name).ifPresent(reason -> problems.add(new FieldProblem("name", reason)));
    if (polygon != null) {
      try {
        polygon = GeoJsonGeometry.canonical(polygon);
      } catch (GeoJsonGeometry.InvalidGeometryException e) {
        problems.add(new FieldProblem("polygon", e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidGridNodeException(code, problems);
    }
  }

  /** A node with its level and parent taken from the code. */
  public static GridNode of(String code, String name, String polygon) {
    return fromInput(code, name, null, null, polygon);
  }

  /**
   * A node from user input where level and parent may be left out (they follow from the code)
   * but must agree when given; text fields are trimmed and blanks count as absent.
   *
   * @throws InvalidGridNodeException with every problem, in the order code, level, parent,
   *     name, polygon
   */
  public static GridNode fromInput(String code, String name, String parent, String level,
      String polygon) {
    code = blankToNull(code);
    parent = blankToNull(parent);
    String levelText = blankToNull(level);
    polygon = blankToNull(polygon);
    name = name == null ? null : name.strip();
    List<FieldProblem> problems = new ArrayList<>();
    Level derived = GridCode.levelOf(code).orElse(null);
    Level given = derived;
    if (levelText != null) {
      try {
        given = Level.valueOf(levelText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("level", "'" + levelText + "' is not one of COUNTY, TOWN, "
            + "VILLAGE, GRID"));
      }
    }
    String parentCode = parent != null ? parent : GridCode.parentOf(code).orElse(null);
    try {
      GridNode node = new GridNode(code, given, name, parentCode, polygon);
      if (problems.isEmpty()) {
        return node;
      }
    } catch (InvalidGridNodeException e) {
      problems.addAll(e.problems());
    }
    problems.sort(Comparator.comparingInt(p -> FIELDS.indexOf(p.field())));
    throw new InvalidGridNodeException(code, problems);
  }

  public boolean isCounty() {
    return level == Level.COUNTY;
  }

  /** Why {@code name} is not a node name, empty if it is one. */
  static Optional<String> nameProblem(String name) {
    if (name == null || name.isBlank()) {
      return Optional.of("missing");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      return Optional.of("longer than " + MAX_NAME_LENGTH + " characters (" + name.length() + ")");
    }
    if (!name.strip().equals(name)) {
      return Optional.of("starts or ends with white space");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      return Optional.of("contains a control character (line break, tab, …)");
    }
    return Optional.empty();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
