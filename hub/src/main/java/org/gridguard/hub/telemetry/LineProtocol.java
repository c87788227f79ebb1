package org.gridguard.hub.telemetry;

import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;

/**
 * InfluxDB line protocol for telemetry records (README "Telemetry schema"): measurement = device
 * type; tags = grid, gateway, device (bounded metadata only); one field per reading; timestamp =
 * capture time in milliseconds. Stateless.
 */
public final class LineProtocol {
  private LineProtocol() {}

  /**
   * Appends one line (no trailing newline) for a telemetry record.
   *
   * @return false (nothing appended) when no reading has a value InfluxDB can store (NaN,
   *     infinity or unset values are skipped)
   */
  public static boolean append(StringBuilder out, String gridCode, String gatewayId, Record record) {
    Telemetry telemetry = record.getTelemetry();
    int start = out.length();
    escapeMeasurement(out, telemetry.getDeviceType());
    out.append(",gateway=");
    escapeKey(out, gatewayId);
    out.append(",grid=");
    escapeKey(out, gridCode);
    if (!record.getDeviceId().isEmpty()) {
      out.append(",device=");
      escapeKey(out, record.getDeviceId());
    }
    char separator = ' ';
    for (Reading reading : telemetry.getReadingsList()) {
      int mark = out.length();
      out.append(separator);
      escapeKey(out, reading.getMetric());
      out.append('=');
      switch (reading.getValueCase()) {
        case NUMBER -> {
          double v = reading.getNumber();
          if (!Double.isFinite(v)) {
            out.setLength(mark);
            continue;
          }
          out.append(v);
        }
        case INTEGER -> out.append(reading.getInteger()).append('i');
        case FLAG -> out.append(reading.getFlag());
        case TEXT -> escapeString(out, reading.getText());
        default -> {
          out.setLength(mark);
          continue;
        }
      }
      separator = ',';
    }
    if (separator == ' ') {
      out.setLength(start);
      return false;
    }
    out.append(' ').append(record.getCaptureTimeMs());
    return true;
  }

  static void escapeMeasurement(StringBuilder out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case ',', ' ' -> out.append('\\').append(c);
        case '\n', '\r' -> out.append(' ');
        default -> out.append(c);
      }
    }
  }

  /** Tag keys, tag values and field keys: escape comma, equals sign and space. */
  static void escapeKey(StringBuilder out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case ',', '=', ' ' -> out.append('\\').append(c);
        case '\n', '\r' -> out.append("\\ ");
        default -> out.append(c);
      }
    }
    if (!s.isEmpty() && s.charAt(s.length() - 1) == '\\') {
      out.append(' ');
    }
  }

  static void escapeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"', '\\' -> out.append('\\').append(c);
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    out.append('"');
  }
}
