package org.gridguard.hub.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PointInPolygonTest {
  static final String SQUARE_WITH_HOLE = "{\"type\":\"Polygon\",\"coordinates\":["
      + "[[120,30],[121,30],[121,31],[120,31],[120,30]],"
      + "[[120.4,30.4],[120.6,30.4],[120.6,30.6],[120.4,30.6],[120.4,30.4]]]}";

  @Test
  void contains_insideOutsideAndInTheHole() {
    assertThat(PointInPolygon.contains(SQUARE_WITH_HOLE, 30.2, 120.2)).isTrue();
    assertThat(PointInPolygon.contains(SQUARE_WITH_HOLE, 30.5, 120.5)).isFalse();
    assertThat(PointInPolygon.contains(SQUARE_WITH_HOLE, 32, 120.5)).isFalse();
    // lat/lon the wrong way round is outside: positions are lon, lat
    assertThat(PointInPolygon.contains(SQUARE_WITH_HOLE, 120.2, 30.2)).isFalse();
  }

  @Test
  void contains_multiPolygon_anyPart() {
    String two = "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],"
        + "[[[5,5],[6,5],[6,6],[5,6],[5,5]]]]}";
    assertThat(PointInPolygon.contains(two, 5.5, 5.5)).isTrue();
    assertThat(PointInPolygon.contains(two, 3, 3)).isFalse();
  }

  @Test
  void contains_notAPolygon_isFalse() {
    assertThat(PointInPolygon.contains("{\"type\":\"Point\",\"coordinates\":[1,1]}", 1, 1)).isFalse();
    assertThat(PointInPolygon.contains("not json", 1, 1)).isFalse();
  }
}
