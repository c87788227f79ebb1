package org.gridguard.hub.grid;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: fields separated by commas, records by CRLF (LF or a lone CR are
 * accepted too), fields optionally in double quotes, a quote inside quotes doubled, line breaks
 * allowed inside quotes. A UTF-8 byte order mark at the start is skipped; empty lines are
 * skipped. Each record carries the line it starts on (1-based).
 *
 * <p>Malformed input (a quote inside an unquoted field, text after a closing quote, a quoted
 * field never closed, a field or record past its limit) is a {@link CsvFormatException} naming
 * the line: after it the record boundaries are unknown, so reading cannot go on.
 */
public final class CsvReader {
  /** One record and the line it starts on. */
  public record Row(int line, List<String> fields) {
    public Row {
      fields = List.copyOf(fields);
    }
  }

  /** Malformed CSV at {@code line}. */
  public static final class CsvFormatException extends IOException {
    private final int line;

    CsvFormatException(int line, String reason) {
      super("line " + line + ": " + reason);
      this.line = line;
    }

    public int line() {
      return line;
    }

    public String reason() {
      String message = getMessage();
      return message.substring(message.indexOf(": ") + 2);
    }
  }

  private static final int EOF = -1;

  private final Reader in;
  private final int maxFieldChars;
  private final int maxFields;
  private final char[] buffer = new char[8192];
  private int position;
  private int limit;
  private int line = 1;
  private boolean started;
  private final StringBuilder field = new StringBuilder();

  public CsvReader(Reader in, int maxFieldChars, int maxFields) {
    this.in = in;
    this.maxFieldChars = maxFieldChars;
    this.maxFields = maxFields;
  }

  /** The line the reader is on (1-based). */
  public int line() {
    return line;
  }

  /** The next record, or null at the end of the input. */
  public Row next() throws IOException {
    if (!started) {
      started = true;
      if (peek() == '\uFEFF') {
        read();
      }
    }
    while (true) {
      int c = peek();
      if (c == EOF) {
        return null;
      }
      if (c == '\r' || c == '\n') { // empty line
        endOfLine(read());
        continue;
      }
      return record();
    }
  }

  private Row record() throws IOException {
    int start = line;
    List<String> fields = new ArrayList<>();
    while (true) {
      if (fields.size() == maxFields) {
        throw new CsvFormatException(start, "more than " + maxFields + " fields");
      }
      int end = peek() == '"' ? quoted(start) : unquoted();
      fields.add(field.toString());
      if (end == ',') {
        continue;
      }
      if (end != EOF) {
        endOfLine(end);
      }
      return new Row(start, fields);
    }
  }

  /** Reads an unquoted field into {@link #field}; returns what ended it (',', CR, LF, EOF). */
  private int unquoted() throws IOException {
    field.setLength(0);
    while (true) {
      int c = read();
      if (c == ',' || c == '\r' || c == '\n' || c == EOF) {
        return c;
      }
      if (c == '"') {
        throw new CsvFormatException(line, "a double quote inside an unquoted field (quote the "
            + "whole field and double the quotes inside it)");
      }
      append((char) c);
    }
  }

  /** Reads a quoted field into {@link #field}; returns what followed it (',', CR, LF, EOF). */
  private int quoted(int recordStart) throws IOException {
    field.setLength(0);
    int opened = line;
    read(); // the opening quote
    while (true) {
      int c = read();
      if (c == EOF) {
        throw new CsvFormatException(opened, "a quoted field opened on this line is never closed");
      }
      if (c == '"') {
        if (peek() == '"') {
          read();
          append('"');
          continue;
        }
        int after = read();
        if (after == ',' || after == '\r' || after == '\n' || after == EOF) {
          return after;
        }
        throw new CsvFormatException(line, "unexpected '" + (char) after + "' after the closing "
            + "quote of a field (a quote inside a quoted field is written twice)");
      }
      if (c == '\r' && peek() == '\n') { // line breaks inside quotes are kept as they are
        append('\r');
        c = read();
      }
      if (c == '\n' || c == '\r') {
        line++;
      }
      append((char) c);
    }
  }

  /** Counts a line break ending with {@code c}, taking the LF of a CRLF along. */
  private void endOfLine(int c) throws IOException {
    if (c == '\r' && peek() == '\n') {
      read();
    }
    line++;
  }

  private void append(char c) throws CsvFormatException {
    if (field.length() == maxFieldChars) {
      throw new CsvFormatException(line, "a field longer than " + maxFieldChars + " characters");
    }
    field.append(c);
  }

  private int peek() throws IOException {
    if (position == limit && !fill()) {
      return EOF;
    }
    return buffer[position];
  }

  private int read() throws IOException {
    if (position == limit && !fill()) {
      return EOF;
    }
    return buffer[position++];
  }

  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buffer, 0, buffer.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }
}
