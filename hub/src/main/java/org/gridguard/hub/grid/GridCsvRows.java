package org.gridguard.hub.grid;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Grid rows from CSV: a header naming the columns ({@code code} and {@code name} required,
 * {@code parent}, {@code level}, {@code polygon} optional, any order, any case), then one node
 * per record; {@code polygon} is GeoJSON geometry text in a quoted field.
 */
final class GridCsvRows implements GridRowSource {
  static final List<String> COLUMNS = List.of("code", "name", "parent", "level", "polygon");
  /** A field may hold a pretty-printed polygon, twice the canonical limit. */
  private static final int MAX_FIELD_CHARS = 2 * GeoJsonGeometry.MAX_CHARS;
  private static final int MAX_FIELDS = 64;

  private final CsvReader csv;
  private Map<String, Integer> columns;

  GridCsvRows(Reader reader) {
    this.csv = new CsvReader(reader, MAX_FIELD_CHARS, MAX_FIELDS);
  }

  @Override
  public GridFormat format() {
    return GridFormat.CSV;
  }

  @Override
  public GridRow next() throws IOException {
    if (columns == null) {
      columns = header(read());
    }
    CsvReader.Row row = read();
    if (row == null) {
      return null;
    }
    if (row.fields().size() != columns.size()) {
      return GridRow.unreadable(row.line(), new FieldProblem(null, "expected " + columns.size()
          + " fields as in the header, found " + row.fields().size()));
    }
    return new GridRow(row.line(), get(row, "code"), get(row, "name"), get(row, "parent"),
        get(row, "level"), get(row, "polygon"), columns.containsKey("polygon"), true, List.of());
  }

  private String get(CsvReader.Row row, String column) {
    Integer index = columns.get(column);
    return index == null ? null : row.fields().get(index);
  }

  private CsvReader.Row read() throws IOException {
    try {
      return csv.next();
    } catch (CsvReader.CsvFormatException e) {
      throw new UnreadableInputException(GridFormat.CSV.problem(e.line(), null, e.reason()));
    } catch (CharacterCodingException e) {
      throw new UnreadableInputException(GridFormat.CSV.problem(csv.line(), null,
          "not UTF-8 text"));
    }
  }

  private static Map<String, Integer> header(CsvReader.Row header) throws UnreadableInputException {
    String expected = " (expected a header line " + String.join(",", COLUMNS) + ")";
    if (header == null) {
      throw new UnreadableInputException(GridFormat.CSV.problem(null, null, "empty input"
          + expected));
    }
    Map<String, Integer> columns = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
      if (!COLUMNS.contains(name)) {
        problems.add("unknown column '" + header.fields().get(i) + "'");
      } else if (columns.putIfAbsent(name, i) != null) {
        problems.add("column '" + name + "' twice");
      }
    }
    for (String required : List.of("code", "name")) {
      if (!columns.containsKey(required)) {
        problems.add("column '" + required + "' missing");
      }
    }
    if (!problems.isEmpty()) {
      throw new UnreadableInputException(GridFormat.CSV.problem(header.line(), null,
          "header: " + String.join(", ", problems) + expected));
    }
    return columns;
  }
}
