package org.gridguard.hub.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeoJsonRowsTest {
  private static final String SQUARE = "{\"type\":\"Polygon\",\"coordinates\":[[[120.15,30.27],"
      + "[120.16,30.27],[120.16,30.28],[120.15,30.28],[120.15,30.27]]]}";

  private static InputStream utf8(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private static List<GridRow> rows(String json) throws IOException {
    GeoJsonRows source = new GeoJsonRows(utf8(json));
    List<GridRow> rows = new ArrayList<>();
    for (GridRow r = source.next(); r != null; r = source.next()) {
      rows.add(r);
    }
    return rows;
  }

  private static GridImportProblem fatal(String json) {
    try {
      rows(json);
    } catch (UnreadableInputException e) {
      return e.problem();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no UnreadableInputException");
  }

  private static String feature(String properties, String geometry) {
    return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
  }

  @Test
  void next_features_propertiesAndCanonicalGeometry() throws IOException {
    String json = "{\"type\":\"FeatureCollection\",\"name\":\"x\",\"features\":["
        + feature("{\"code\":\"330102\",\"name\":\"上城区\",\"parent\":null,\"area\":{\"km2\":[1]}}",
            SQUARE.replace(",", ", "))
        + "," + feature("{\"code\":330102001,\"name\":\"清波街道\",\"level\":\"TOWN\"}", "null")
        + "],\"bbox\":[1,2,3,4]}";
    assertThat(rows(json)).containsExactly(
        new GridRow(1, "330102", "上城区", null, null, SQUARE, true, true, List.of()),
        new GridRow(2, "330102001", "清波街道", null, "TOWN", null, true, true, List.of()));
  }

  @Test
  void next_typeAfterFeatures_accepted() throws IOException {
    assertThat(rows("{\"features\":[" + feature("{\"code\":\"330102\",\"name\":\"a\"}", "null")
        + "],\"type\":\"FeatureCollection\"}")).hasSize(1);
  }

  @Test
  void next_badFeatureContent_rowProblemsAndReadingGoesOn() throws IOException {
    String json = "{\"type\":\"FeatureCollection\",\"features\":["
        + "{\"type\":\"Feature\",\"properties\":{\"code\":\"330102\",\"name\":7},"
        + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}},"
        + "{\"type\":\"Thing\",\"properties\":[]},"
        + "{\"properties\":{\"code\":\"330103\",\"name\":\"ok\"}}"
        + "]}";
    List<GridRow> rows = rows(json);
    assertThat(rows).extracting(GridRow::problems).containsExactly(
        List.of(new FieldProblem("name", "must be a string, found a number"),
            new FieldProblem("polygon", "type must be Polygon or MultiPolygon, found 'Point'")),
        List.of(new FieldProblem("type", "must be \"Feature\", found \"Thing\""),
            new FieldProblem("properties", "must be an object, found an array")),
        List.of(new FieldProblem("type", "missing: expected \"type\": \"Feature\"")));
    assertThat(rows.get(2).code()).isEqualTo("330103");
    assertThat(rows.get(2).polygonGiven()).isFalse();
  }

  @Test
  void next_brokenJson_fatalNamingFeatureAndPosition() {
    GridImportProblem p = fatal("{\"type\":\"FeatureCollection\",\"features\":[\n"
        + feature("{\"code\":\"330102\",\"name\":\"a\"}", "null") + ",\n"
        + "{\"type\":\"Feature\",\"properties\":{\"code\" \"330103\"}}]}");
    assertThat(p.feature()).isEqualTo(2);
    assertThat(p.reason()).startsWith("not valid JSON: ").endsWith("(line 3, column 40)");
  }

  @Test
  void next_notAFeatureCollection_fatal() {
    assertThat(fatal("[]").reason())
        .isEqualTo("expected a GeoJSON FeatureCollection object, found an array");
    assertThat(fatal("{\"type\":\"Feature\",\"features\":[]}").reason())
        .isEqualTo("type must be \"FeatureCollection\", found \"Feature\"");
    assertThat(fatal("{\"type\":\"FeatureCollection\"}").reason())
        .isEqualTo("no features array in the FeatureCollection");
    assertThat(fatal("{\"features\":[]}").reason())
        .isEqualTo("type missing: expected \"type\": \"FeatureCollection\"");
    assertThat(fatal("{\"type\":\"FeatureCollection\",\"features\":[1]}"))
        .isEqualTo(new GridImportProblem(null, 1, null, "expected a Feature object, found a number"));
    assertThat(fatal("{\"type\":\"FeatureCollection\",\"features\":[]} {}").reason())
        .isEqualTo("unexpected content after the FeatureCollection");
  }

  @Test
  void next_hugeDocument_firstFeatureReadBeforeTheRestArrives() throws IOException {
    StringBuilder head = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    head.append(feature("{\"code\":\"330102\",\"name\":\"first\"}", SQUARE));
    for (int i = 0; i < 2000; i++) { // far past the parser's read buffer
      head.append(',').append(feature("{\"code\":\"330103\",\"name\":\"n" + i + "\"}", SQUARE));
    }
    InputStream endless = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("the rest of the document was read");
      }
    };
    GeoJsonRows source = new GeoJsonRows(new SequenceInputStream(utf8(head.toString()), endless));
    assertThat(source.next().name()).isEqualTo("first");
    assertThat(source.next().name()).isEqualTo("n0");
  }
}
