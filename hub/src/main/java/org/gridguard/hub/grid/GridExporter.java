package org.gridguard.hub.grid;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gridguard.hub.security.GridScope;
import org.springframework.stereotype.Component;

/**
 * Writes the nodes inside a scope, ordered by code (so every parent comes before its children and
 * the file imports again as it is), in the import formats: export → import → export gives the
 * same bytes. Streamed page by page (keyset by code), so memory does not grow with the grid and no
 * transaction is held open while a slow client reads.
 */
@Component
class GridExporter {
  static final int PAGE = 500;
  private final GridRepository repository;

  GridExporter(GridRepository repository) {
    this.repository = repository;
  }

  /**
   * CSV as {@link GridCsvRows} reads it: UTF-8 with a byte order mark (so spreadsheet programs
   * take it for UTF-8), CRLF line ends, fields quoted when they need it.
   */
  void writeCsv(GridScope scope, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 65536);
    w.write('\uFEFF');
    w.write(String.join(",", GridCsvRows.COLUMNS));
    w.write("\r\n");
    String after = "";
    for (List<GridNode> page; !(page = repository.page(scope, after, PAGE)).isEmpty(); ) {
      for (GridNode n : page) {
        w.write(n.code());
        w.write(',');
        w.write(csvField(n.name()));
        w.write(',');
        w.write(n.parentCode() == null ? "" : n.parentCode());
        w.write(',');
        w.write(n.level().name());
        w.write(',');
        w.write(n.polygon() == null ? "" : csvField(n.polygon()));
        w.write("\r\n");
        after = n.code();
      }
    }
    w.flush();
  }

  /** A GeoJSON FeatureCollection as {@link GeoJsonRows} reads it, one feature per line. */
  void writeGeoJson(GridScope scope, OutputStream out) throws IOException {
    try (JsonGenerator g = GeoJsonGeometry.JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      g.writeStartObject();
      g.writeStringField("type", "FeatureCollection");
      g.writeFieldName("features");
      g.writeStartArray();
      String after = "";
      for (List<GridNode> page; !(page = repository.page(scope, after, PAGE)).isEmpty(); ) {
        for (GridNode n : page) {
          g.writeRaw('\n');
          g.writeStartObject();
          g.writeStringField("type", "Feature");
          g.writeObjectFieldStart("properties");
          g.writeStringField("code", n.code());
          g.writeStringField("name", n.name());
          g.writeStringField("parent", n.parentCode());
          g.writeStringField("level", n.level().name());
          g.writeEndObject();
          g.writeFieldName("geometry");
          if (n.polygon() == null) {
            g.writeNull();
          } else {
            g.writeRawValue(n.polygon());
          }
          g.writeEndObject();
          after = n.code();
        }
      }
      g.writeRaw('\n');
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  /** RFC 4180: quoted when it holds a comma, quote or line break, or starts/ends with space. */
  static String csvField(String value) {
    boolean quote = value.isEmpty() ? false : value.charAt(0) == ' '
        || value.charAt(value.length() - 1) == ' ';
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
