package org.gridguard.hub.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.gridguard.hub.grid.CsvReader.CsvFormatException;
import org.gridguard.hub.grid.CsvReader.Row;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
  private static List<Row> read(String text) throws IOException {
    return read(new StringReader(text));
  }

  private static List<Row> read(Reader in) throws IOException {
    CsvReader csv = new CsvReader(in, 100, 10);
    List<Row> rows = new ArrayList<>();
    for (Row r = csv.next(); r != null; r = csv.next()) {
      rows.add(r);
    }
    return rows;
  }

  @Test
  void next_crlfAndLfAndCr_recordsWithTheirLines() throws IOException {
    assertThat(read("a,b\r\nc,d\ne,f\rg,h")).containsExactly(
        new Row(1, List.of("a", "b")), new Row(2, List.of("c", "d")),
        new Row(3, List.of("e", "f")), new Row(4, List.of("g", "h")));
  }

  @Test
  void next_quotedFieldsWithCommasDoubledQuotesAndLineBreaks_keptExactly() throws IOException {
    assertThat(read("\"a,1\",\"say \"\"hi\"\"\",\"x\r\ny\"\r\nnext,\"\"\r\n")).containsExactly(
        new Row(1, List.of("a,1", "say \"hi\"", "x\r\ny")), new Row(3, List.of("next", "")));
  }

  @Test
  void next_byteOrderMarkAndEmptyLines_skipped() throws IOException {
    assertThat(read("\uFEFFcode,name\r\n\r\n\n330102,x\r\n\r\n")).containsExactly(
        new Row(1, List.of("code", "name")), new Row(4, List.of("330102", "x")));
  }

  @Test
  void next_emptyFieldsAndTrailingComma_kept() throws IOException {
    assertThat(read(",a,,\n")).containsExactly(new Row(1, List.of("", "a", "", "")));
  }

  @Test
  void next_spacesAroundUnquotedFields_kept() throws IOException {
    assertThat(read(" a , b\n")).containsExactly(new Row(1, List.of(" a ", " b")));
  }

  @Test
  void next_quoteInsideUnquotedField_refusedNamingLine() {
    assertThatThrownBy(() -> read("a,b\nc,d\"e\n")).isInstanceOf(CsvFormatException.class)
        .hasMessageStartingWith("line 2: a double quote inside an unquoted field");
  }

  @Test
  void next_textAfterClosingQuote_refusedNamingLine() {
    assertThatThrownBy(() -> read("a\n\"x\ny\"z,1\n")).isInstanceOf(CsvFormatException.class)
        .hasMessageStartingWith("line 3: unexpected 'z' after the closing quote");
  }

  @Test
  void next_unclosedQuote_refusedNamingTheLineItOpened() {
    assertThatThrownBy(() -> read("a\nb,\"open\n\n\nstill")).isInstanceOf(CsvFormatException.class)
        .hasMessage("line 2: a quoted field opened on this line is never closed")
        .satisfies(e -> assertThat(((CsvFormatException) e).line()).isEqualTo(2));
  }

  @Test
  void next_fieldPastLimit_refused() {
    assertThatThrownBy(() -> read("a\n" + "x".repeat(101) + "\n"))
        .hasMessage("line 2: a field longer than 100 characters");
    assertThatThrownBy(() -> read("a\n\"" + "x".repeat(101) + "\"\n"))
        .hasMessage("line 2: a field longer than 100 characters");
  }

  @Test
  void next_tooManyFields_refused() {
    assertThatThrownBy(() -> read("a,b,c,d,e,f,g,h,i,j,k\n"))
        .hasMessage("line 1: more than 10 fields");
  }

  @Test
  void next_readerReturningOneCharAtATime_sameRecords() throws IOException {
    String text = "\uFEFF\"a\"\"\",b\r\n\"c\r\nd\",e\r\n";
    Reader slow = new Reader() {
      private int i;

      @Override
      public int read(char[] buf, int off, int len) {
        if (i == text.length()) {
          return -1;
        }
        buf[off] = text.charAt(i++);
        return 1;
      }

      @Override
      public void close() {}
    };
    assertThat(read(slow)).isEqualTo(read(text)).containsExactly(
        new Row(1, List.of("a\"", "b")), new Row(2, List.of("c\r\nd", "e")));
  }
}
