package org.gridguard.hub.telemetry;

import org.gridguard.protocol.StorageRules;
import org.gridguard.protocol.TelemetryNames;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;

/**
 * InfluxDB line protocol for telemetry records (README "Telemetry schema"): measurement = device
 * type; tags = grid, gateway, device (bounded metadata only); one field per reading; timestamp =
 * capture time in milliseconds. Names (device type, device id, metric) must follow
 * {@link TelemetryNames}; for every name that does, the escaping below reads back exactly in
 * InfluxDB 1.x, 2.x and 3.x (no backslash and no control character ever reaches a name, so only
 * comma, space and, outside measurements, {@code =} need escaping). Stateless.
 */
public final class LineProtocol {
  /** Why a record with no storable reading is not written. */
  static final String NO_STORABLE_READING =
      "no reading with a value InfluxDB can store (NaN, infinity or unset)";

  private LineProtocol() {}

  /** A gateway's tags (gateway, grid), escaped once for all its records. */
  public record GatewayTags(String escaped) {
    public GatewayTags {
      java.util.Objects.requireNonNull(escaped, "escaped");
    }

    public static GatewayTags of(String gridCode, String gatewayId) {
      StringBuilder out = new StringBuilder(",gateway=");
      escapeKey(out, gatewayId);
      out.append(",grid=");
      escapeKey(out, gridCode);
      return new GatewayTags(out.toString());
    }
  }

  /**
   * Appends one line (no trailing newline) for a telemetry record.
   *
   * @return null when the line was appended; otherwise why the record cannot be written, and
   *     nothing was appended: a name breaking {@link TelemetryNames} (the telemetry part of
   *     {@link StorageRules#problem(Record)}, with the same reasons), or no reading
   *     with a value InfluxDB can store (NaN, infinity or unset values are skipped)
   */
  public static String append(StringBuilder out, String gridCode, String gatewayId, Record record) {
    return append(out, GatewayTags.of(gridCode, gatewayId), record);
  }

  /** As {@link #append(StringBuilder, String, String, Record)}, with the tags escaped already. */
  public static String append(StringBuilder out, GatewayTags tags, Record record) {
    Telemetry telemetry = record.getTelemetry();
    int start = out.length();
    String problem = appendName(out, telemetry.getDeviceType(), false);
    if (problem != null) {
      out.setLength(start);
      return "telemetry.device_type " + problem;
    }
    out.append(tags.escaped());
    if (!record.getDeviceId().isEmpty()) {
      out.append(",device=");
      problem = appendName(out, record.getDeviceId(), true);
      if (problem != null) {
        out.setLength(start);
        return "device_id " + problem;
      }
    }
    char separator = ' ';
    for (int r = 0, n = telemetry.getReadingsCount(); r < n; r++) {
      Reading reading = telemetry.getReadings(r);
      int mark = out.length();
      out.append(separator);
      problem = appendName(out, reading.getMetric(), true);
      if (problem != null) {
        out.setLength(start);
        return "telemetry.readings[" + r + "].metric " + problem;
      }
      out.append('=');
      switch (reading.getValueCase()) {
        case NUMBER -> {
          double v = reading.getNumber();
          if (!Double.isFinite(v)) {
            out.setLength(mark);
            continue;
          }
          appendNumber(out, v);
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
      return NO_STORABLE_READING;
    }
    out.append(' ').append(record.getCaptureTimeMs());
    return null;
  }

  /**
   * Appends a telemetry name, escaped as a measurement ({@code key} false) or as a tag value or
   * field key, if it follows {@link TelemetryNames}; otherwise appends nothing and returns why.
   * One pass for the common name (printable ASCII, nothing to escape); anything else is checked
   * by the rule itself and then escaped. The fast path accepts a subset of what the rule does
   * (non-empty, not too long, no leading {@code #}, printable ASCII without backslash), which
   * {@code LineProtocolEquivalenceTest} checks against {@link StorageRules#problem}.
   */
  private static String appendName(StringBuilder out, String s, boolean key) {
    int n = s.length();
    if (n == 0 || n > TelemetryNames.MAX_LENGTH || s.charAt(0) == '#') {
      return TelemetryNames.problem(s);
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == ',' || c == '\\' || (key && c == '=')) {
        return appendUnusualName(out, s, key);
      }
    }
    out.append(s);
    return null;
  }

  /** The slow path of {@link #appendName}, kept apart so that the fast one stays small. */
  private static String appendUnusualName(StringBuilder out, String s, boolean key) {
    String problem = TelemetryNames.problem(s);
    if (problem == null) {
      if (key) {
        escapeKey(out, s);
      } else {
        escapeMeasurement(out, s);
      }
    }
    return problem;
  }

  /**
   * Appends {@code v} exactly as {@link StringBuilder#append(double)} would. Readings are mostly
   * short decimals (12.34, 87.0), which are formatted here from a long: the JDK's
   * {@code FloatingDecimal} costs several times more. A decimal {@code m / 10^k} with the fewest
   * fraction digits k (0–3) that parses back to {@code v} is the shortest, and (the digit grid
   * being far coarser than the double grid here) the only, such decimal, which is what
   * {@code Double.toString} prints in its plain range [1e-3, 1e7) (checked for every m/1000 in
   * [1e-3, 1e5) once, and in part by {@code LineProtocolEquivalenceTest}). Everything else,
   * including -0.0, goes to the JDK.
   */
  static void appendNumber(StringBuilder out, double v) {
    double a = Math.abs(v);
    if (a >= 1e-3 && a < FAST_LIMIT) {
      for (int k = 0; k < POW10.length; k++) {
        long m = Math.round(a * POW10[k]);
        if (m / POW10[k] == a) {
          if (v < 0) {
            out.append('-');
          }
          long scale = (long) POW10[k];
          out.append(m / scale).append('.');
          if (k == 0) {
            out.append('0');
          } else {
            long fraction = m % scale;
            for (long digit = scale / 10; digit > 1 && fraction < digit; digit /= 10) {
              out.append('0');
            }
            out.append(fraction);
          }
          return;
        }
      }
    }
    out.append(v);
  }

  /** Upper bound (exclusive) of {@link #appendNumber}'s fast path. */
  static final double FAST_LIMIT = 1e5;
  private static final double[] POW10 = {1, 10, 100, 1000};

  /** Measurement names (a {@link TelemetryNames telemetry name}): escape comma and space. */
  static void escapeMeasurement(StringBuilder out, String s) {
    if (plain(s, false)) {
      out.append(s);
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == ' ') {
        out.append('\\');
      }
      out.append(c);
    }
  }

  /**
   * Tag keys, tag values and field keys (telemetry names, gateway ids, grid codes): escape
   * comma, equals sign and space.
   */
  static void escapeKey(StringBuilder out, String s) {
    if (plain(s, true)) {
      out.append(s);
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '=' || c == ' ') {
        out.append('\\');
      }
      out.append(c);
    }
  }

  /** Whether {@code s} has none of the characters the escapers above change. */
  private static boolean plain(String s, boolean equalsSign) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == ',' || (equalsSign && c == '=')) {
        return false;
      }
    }
    return true;
  }

  static void escapeString(StringBuilder out, String s) {
    out.append('"');
    if (s.indexOf('"') < 0 && s.indexOf('\\') < 0 && s.indexOf('\n') < 0) {
      out.append(s).append('"');
      return;
    }
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
