package org.gridguard.hub.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gridguard.hub.value.GridCode.Level;
import org.junit.jupiter.api.Test;

class GridNodeTest {
  private static final String SQUARE = "{\"type\":\"Polygon\",\"coordinates\":[[[120.15,30.27],"
      + "[120.16,30.27],[120.16,30.28],[120.15,30.28],[120.15,30.27]]]}";

  private static List<FieldProblem> problems(Runnable r) {
    try {
      r.run();
    } catch (InvalidGridNodeException e) {
      return e.problems();
    }
    throw new AssertionError("no InvalidGridNodeException");
  }

  @Test
  void of_gridCode_levelAndParentFollowFromCode() {
    GridNode n = GridNode.of("330102001001001", "第1网格", SQUARE);
    assertThat(n.level()).isEqualTo(Level.GRID);
    assertThat(n.parentCode()).isEqualTo("330102001001");
    assertThat(n.polygon()).isEqualTo(SQUARE);
    assertThat(GridNode.of("330102", "上城区", null).parentCode()).isNull();
  }

  @Test
  void constructor_levelNotTheCodes_refusedNamingLevel() {
    assertThat(problems(() -> new GridNode("330102001", Level.VILLAGE, "x", "330102", null)))
        .containsExactly(new FieldProblem("level",
            "must be TOWN for a 9-digit code, found VILLAGE"));
  }

  @Test
  void constructor_parentNotTheCodesPrefix_refused() {
    assertThat(problems(() -> new GridNode("330102001", Level.TOWN, "x", "330103", null)))
        .containsExactly(new FieldProblem("parent",
            "must be 330102 (the code without its last 3 digits), found '330103'"));
    assertThat(problems(() -> new GridNode("330102001", Level.TOWN, "x", null, null)))
        .containsExactly(new FieldProblem("parent",
            "must be 330102 (the code without its last 3 digits), found none"));
  }

  @Test
  void constructor_countyWithParent_refused() {
    assertThat(problems(() -> new GridNode("330102", Level.COUNTY, "x", "330100", null)))
        .containsExactly(new FieldProblem("parent", "a county has no parent, found '330100'"));
  }

  @Test
  void constructor_badCode_refusedWithTheRule() {
    assertThat(problems(() -> GridNode.of("33010", "x", null))).singleElement()
        .satisfies(p -> {
          assertThat(p.field()).isEqualTo("code");
          assertThat(p.reason()).startsWith("'33010' is not a grid node code: a grid node code is 6");
        });
    assertThat(problems(() -> GridNode.of("3301020a1", "x", null))).extracting(FieldProblem::field)
        .containsExactly("code");
    assertThat(problems(() -> GridNode.of(null, "x", null))).singleElement()
        .satisfies(p -> assertThat(p.reason()).startsWith("missing: "));
  }

  @Test
  void constructor_badNames_refused() {
    assertThat(problems(() -> GridNode.of("330102", "  ", null)))
        .containsExactly(new FieldProblem("name", "missing"));
    assertThat(problems(() -> GridNode.of("330102", "x".repeat(129), null)))
        .containsExactly(new FieldProblem("name", "longer than 128 characters (129)"));
    assertThat(problems(() -> new GridNode("330102", Level.COUNTY, " a", null, null)))
        .containsExactly(new FieldProblem("name", "starts or ends with white space"));
    assertThat(problems(() -> GridNode.of("330102", "a\nb", null))).singleElement()
        .satisfies(p -> assertThat(p.reason()).startsWith("contains a control character"));
    assertThat(GridNode.of("330102", "x".repeat(128), null).name()).hasSize(128);
  }

  @Test
  void constructor_brokenPolygon_refusedNamingWhere() {
    String open = "{\"type\":\"Polygon\",\"coordinates\":[[[120.15,30.27],[120.16,30.27],"
        + "[120.16,30.28],[120.15,30.28]]]}";
    assertThat(problems(() -> GridNode.of("330102", "x", open))).containsExactly(
        new FieldProblem("polygon", "coordinates[0]: the linear ring is not closed (its last "
            + "position must equal its first)"));
  }

  @Test
  void constructor_polygonSpelledDifferently_keptCanonical() {
    String spaced = "{ \"coordinates\" : [ [ [120.15, 30.27], [120.16,30.27], [120.16,30.28],"
        + " [120.15,30.28], [120.15,30.27] ] ], \"bbox\": [1,2,3,4], \"type\": \"Polygon\" }";
    assertThat(GridNode.of("330102", "x", spaced)).isEqualTo(GridNode.of("330102", "x", SQUARE));
  }

  @Test
  void fromInput_everyProblemAtOnce_inFieldOrder() {
    assertThat(problems(() -> GridNode.fromInput("330102001001", "", "330102002", "CITY",
        "{\"type\":\"Point\",\"coordinates\":[1,2]}")))
        .extracting(FieldProblem::field).containsExactly("level", "parent", "name", "polygon");
  }

  @Test
  void fromInput_levelAndParentGivenAndRight_accepted() {
    GridNode n = GridNode.fromInput(" 330102001 ", " 清波街道 ", "330102", "town", "");
    assertThat(n).isEqualTo(new GridNode("330102001", Level.TOWN, "清波街道", "330102", null));
  }

  @Test
  void fromInput_levelGivenAndWrong_refused() {
    assertThat(problems(() -> GridNode.fromInput("330102001", "x", null, "VILLAGE", null)))
        .containsExactly(new FieldProblem("level",
            "must be TOWN for a 9-digit code, found VILLAGE"));
  }

  @Test
  void message_listsEveryProblem() {
    assertThatThrownBy(() -> GridNode.of("330102", "", "{}"))
        .hasMessage("grid node '330102': name: missing; polygon: type missing: expected "
            + "Polygon or MultiPolygon");
  }
}
