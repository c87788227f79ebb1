package org.gridguard.hub.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridCsvRowsTest {
  private static List<GridRow> rows(GridCsvRows source) throws IOException {
    List<GridRow> rows = new ArrayList<>();
    for (GridRow r = source.next(); r != null; r = source.next()) {
      rows.add(r);
    }
    return rows;
  }

  private static List<GridRow> rows(String csv) throws IOException {
    return rows(new GridCsvRows(new StringReader(csv)));
  }

  private static GridImportProblem fatal(String csv) {
    try {
      rows(csv);
    } catch (UnreadableInputException e) {
      return e.problem();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no UnreadableInputException");
  }

  @Test
  void next_headerInAnyOrderAndCase_columnsMapped() throws IOException {
    assertThat(rows("Name, CODE ,polygon\r\n清波街道,330102001,\r\n")).containsExactly(
        new GridRow(2, "330102001", "清波街道", null, null, "", true, true, List.of()));
  }

  @Test
  void next_allColumns_valuesAsWritten() throws IOException {
    assertThat(rows("code,name,parent,level,polygon\n330102001,x,330102,TOWN,\"{}\"\n"))
        .containsExactly(new GridRow(2, "330102001", "x", "330102", "TOWN", "{}", true,
            true, List.of()));
  }

  @Test
  void next_noPolygonColumn_polygonNotGiven() throws IOException {
    assertThat(rows("code,name\n330102001,x\n")).containsExactly(
        new GridRow(2, "330102001", "x", null, null, null, false, true, List.of()));
  }

  @Test
  void next_wrongFieldCount_rowProblemAndReadingGoesOn() throws IOException {
    List<GridRow> rows = rows("code,name\n330102,a,extra\n330103,b\n");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).isEqualTo(GridRow.unreadable(2,
        new FieldProblem(null, "expected 2 fields as in the header, found 3")));
    assertThat(rows.get(1).code()).isEqualTo("330103");
  }

  @Test
  void next_badHeader_fatalNamingEveryProblem() {
    assertThat(fatal("code,colour,code\n")).isEqualTo(new GridImportProblem(1, null, null,
        "header: unknown column 'colour', column 'code' twice, column 'name' missing "
            + "(expected a header line code,name,parent,level,polygon)"));
    assertThat(fatal("")).isEqualTo(new GridImportProblem(null, null, null,
        "empty input (expected a header line code,name,parent,level,polygon)"));
  }

  @Test
  void next_malformedCsv_fatalWithLine() {
    assertThat(fatal("code,name\n330102,\"x\"y\n")).isEqualTo(new GridImportProblem(2, null,
        null, "unexpected 'y' after the closing quote of a field (a quote inside a quoted field "
            + "is written twice)"));
  }

  @Test
  void next_notUtf8_fatalWithTheLineOfTheBadByte() {
    byte[] bytes = ("code,name\n330102,ok\n" + "330103,abc\n".repeat(2000) + "330104,\u00ff\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    GridCsvRows source = new GridCsvRows(new StrictUtf8Reader(new ByteArrayInputStream(bytes)));
    assertThatThrownBy(() -> rows(source)).isInstanceOf(UnreadableInputException.class)
        .satisfies(e -> assertThat(((UnreadableInputException) e).problem())
            .isEqualTo(new GridImportProblem(2003, null, null, "not UTF-8 text")));
  }
}
