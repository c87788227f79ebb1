package org.gridguard.hub.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.util.StringJoiner;
import org.gridguard.hub.grid.GeoJsonGeometry.InvalidGeometryException;
import org.junit.jupiter.api.Test;

class GeoJsonGeometryTest {
  private static final String RING =
      "[[120.15,30.27],[120.16,30.27],[120.16,30.28],[120.15,30.28],[120.15,30.27]]";

  private static String polygon(String rings) {
    return "{\"type\":\"Polygon\",\"coordinates\":[" + rings + "]}";
  }

  @Test
  void canonical_polygonWithHole_compactAndNumbersAsGiven() {
    String hole = "[[120.151,30.271],[120.152,30.271],[120.152,30.272],[120.151,30.271]]";
    String text = "{\n  \"type\": \"Polygon\",\n  \"coordinates\": [ " + RING.replace("120.15,",
        "120.150000,") + ", " + hole + " ]\n}";
    assertThat(GeoJsonGeometry.canonical(text)).isEqualTo(
        polygon(RING.replace("120.15,", "120.150000,") + "," + hole));
  }

  @Test
  void canonical_multiPolygonWithAltitude_accepted() {
    String ring3 = "[[1,2,5],[2,2,5],[2,3,5],[1,2,5]]";
    String text = "{\"coordinates\":[[" + RING + "],[" + ring3 + "]],\"type\":\"MultiPolygon\"}";
    assertThat(GeoJsonGeometry.canonical(text))
        .isEqualTo("{\"type\":\"MultiPolygon\",\"coordinates\":[[" + RING + "],[" + ring3 + "]]}");
  }

  @Test
  void canonical_foreignMembersAndBbox_dropped() {
    String text = "{\"type\":\"Polygon\",\"bbox\":[0,0,1,1],\"crs\":{\"x\":[1,{\"y\":2}]},"
        + "\"coordinates\":[" + RING + "]}";
    assertThat(GeoJsonGeometry.canonical(text)).isEqualTo(polygon(RING));
  }

  @Test
  void canonical_canonicalText_unchanged() {
    String c = GeoJsonGeometry.canonical(polygon(RING));
    assertThat(GeoJsonGeometry.canonical(c)).isEqualTo(c).isEqualTo(polygon(RING));
  }

  @Test
  void canonical_wrongType_refused() {
    assertThatThrownBy(() -> GeoJsonGeometry.canonical("{\"type\":\"Point\",\"coordinates\":[1,2]}"))
        .isInstanceOf(InvalidGeometryException.class)
        .hasMessage("type must be Polygon or MultiPolygon, found 'Point'");
    assertThatThrownBy(() -> GeoJsonGeometry.canonical("{\"coordinates\":[" + RING + "]}"))
        .hasMessage("type missing: expected Polygon or MultiPolygon");
    assertThatThrownBy(() -> GeoJsonGeometry.canonical("{\"type\":\"Polygon\"}"))
        .hasMessage("coordinates missing");
    assertThatThrownBy(() -> GeoJsonGeometry.canonical("[1,2]"))
        .hasMessage("expected a GeoJSON geometry object, found an array");
  }

  @Test
  void canonical_openRing_refused() {
    assertThatThrownBy(() -> GeoJsonGeometry.canonical(polygon(
        "[[120.15,30.27],[120.16,30.27],[120.16,30.28],[120.15,30.28],[120.15,30.2701]]")))
        .hasMessage("coordinates[0]: the linear ring is not closed (its last position must equal "
            + "its first)");
  }

  @Test
  void canonical_ringOfThree_refused() {
    assertThatThrownBy(() -> GeoJsonGeometry.canonical(polygon("[[1,2],[2,2],[1,2]]")))
        .hasMessage("coordinates[0]: a linear ring needs at least 4 positions, found 3");
  }

  @Test
  void canonical_latitudeOutOfRange_refusedNamingPosition() {
    assertThatThrownBy(() -> GeoJsonGeometry.canonical(polygon(
        "[[30.27,120.15],[30.28,120.15],[30.28,120.16],[30.27,120.15]]")))
        .hasMessage("coordinates[0][0]: latitude 120.15 is outside -90..90 (positions are "
            + "[longitude, latitude], WGS-84)");
    assertThatThrownBy(() -> GeoJsonGeometry.canonical(polygon(
        "[[1,2],[2,2],[180.5,3],[1,2]]")))
        .hasMessage("coordinates[0][2]: longitude 180.5 is outside -180..180 (positions are "
            + "[longitude, latitude], WGS-84)");
  }

  @Test
  void canonical_badNesting_refusedNamingWhere() {
    assertThatThrownBy(() -> GeoJsonGeometry.canonical(polygon("1")))
        .hasMessage("coordinates[0]: expected a linear ring (an array of positions), found a number");
    assertThatThrownBy(() -> GeoJsonGeometry.canonical(polygon("[1,2,3,4]")))
        .hasMessage("coordinates[0][0]: expected a position [longitude, latitude], found a number");
    assertThatThrownBy(() -> GeoJsonGeometry.canonical(polygon("[[1,2],[2,2],[2,3],[1]]")))
        .hasMessage("coordinates[0][3]: a position is [longitude, latitude] or [longitude, "
            + "latitude, altitude], found 1 element(s)");
    assertThatThrownBy(() -> GeoJsonGeometry.canonical(polygon("[[1,2],[2,\"2\"],[2,3],[1,2]]")))
        .hasMessage("coordinates[0][1][1]: expected a number or an array, found a string");
    assertThatThrownBy(() -> GeoJsonGeometry.canonical(
        "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[[1]]]]]}"))
        .hasMessage("coordinates[0][0][0][0]: nested deeper than a MultiPolygon's coordinates");
    assertThatThrownBy(() -> GeoJsonGeometry.canonical("{\"type\":\"Polygon\",\"coordinates\":[]}"))
        .hasMessage("coordinates: a polygon needs at least one linear ring");
  }

  @Test
  void canonical_tooManyPositions_refused() {
    StringJoiner ring = new StringJoiner(",", "[", "]");
    for (int i = 0; i < GeoJsonGeometry.MAX_POSITIONS; i++) {
      ring.add("[" + (i % 100) * 0.001 + "," + i / 100 * 0.001 + "]");
    }
    ring.add("[0.0,0.0]");
    assertThatThrownBy(() -> GeoJsonGeometry.canonical(polygon(ring.toString())))
        .hasMessage("more than 10000 positions");
  }

  @Test
  void canonical_notJson_refusedWithPosition() {
    assertThatThrownBy(() -> GeoJsonGeometry.canonical("{\"type\":\"Polygon\",\"coordinates\":[[[1,2]"))
        .isInstanceOf(InvalidGeometryException.class).hasMessageStartingWith("not valid JSON: ");
    assertThatThrownBy(() -> GeoJsonGeometry.canonical(polygon(RING) + " x"))
        .hasMessageStartingWith("not valid JSON: ");
    assertThatThrownBy(() -> GeoJsonGeometry.canonical(polygon(RING) + " {}"))
        .hasMessage("unexpected content after the geometry, at character "
            + (polygon(RING).length() + 2));
  }

  @Test
  void read_refusedGeometry_parserLeftAfterTheValue() throws Exception {
    String doc = "{\"a\":{\"type\":\"Point\",\"coordinates\":[[1,[2,[3]]]]},\"b\":7}";
    try (JsonParser p = GeoJsonGeometry.JSON.createParser(doc)) {
      p.nextToken();
      p.nextToken();
      p.nextToken();
      assertThatThrownBy(() -> GeoJsonGeometry.read(p)).isInstanceOf(InvalidGeometryException.class);
      assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
      assertThat(p.currentName()).isEqualTo("b");
    }
  }

  @Test
  void read_null_noPolygon() throws Exception {
    try (JsonParser p = GeoJsonGeometry.JSON.createParser("null")) {
      p.nextToken();
      assertThat(GeoJsonGeometry.read(p)).isNull();
    }
  }
}
