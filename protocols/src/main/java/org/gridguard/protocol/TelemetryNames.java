package org.gridguard.protocol;

/**
 * The one rule for names that become InfluxDB measurement names, tag values and field keys:
 * {@code Telemetry.device_type}, {@code Record.device_id} and {@code Reading.metric}
 * (PROTOCOL.md §2.6). The edge checks it when mapping a payload, the hub again before writing a
 * line; a record breaking it is dead-lettered with the reason, never written.
 *
 * <p>A name is 1–{@value #MAX_LENGTH} UTF-16 characters (any script, spaces, commas, {@code =}
 * and quotes included) and has
 *
 * <ul>
 *   <li>no control character (U+0000–U+001F, U+007F–U+009F): line protocol is line-based, and
 *       PostgreSQL refuses NUL in text;
 *   <li>no backslash: it is line protocol's escape character, read differently by InfluxDB 1.x
 *       ({@code \} literal except before {@code , = space "}) and 3.x ({@code \\} is an escape),
 *       and a trailing one swallows the separator after the name;
 *   <li>no {@code #} as its first character: a line starting with {@code #} is a comment;
 *   <li>no unpaired surrogate (it would travel as {@code ?}).
 * </ul>
 *
 * Everything else is escaped by the writer and reads back exactly.
 */
public final class TelemetryNames {
  /** Longest name, in UTF-16 characters (the hub's {@code device_id} columns hold 128). */
  public static final int MAX_LENGTH = 128;

  private TelemetryNames() {}

  /** Whether {@code name} follows the rule. */
  public static boolean valid(String name) {
    return problem(name) == null;
  }

  /**
   * Why {@code name} breaks the rule, for an error message after the field's name
   * ({@code "telemetry.device_type " + problem}), or {@code null} when it follows it. Cheap on
   * the hot path: one pass over the characters, nothing allocated for a valid name.
   */
  public static String problem(String name) {
    int n = name.length();
    if (n == 0) {
      return "is empty";
    }
    if (n > MAX_LENGTH) {
      return "is " + n + " characters, at most " + MAX_LENGTH + " allowed: "
          + Ids.printable(name);
    }
    if (name.charAt(0) == '#') {
      return "starts with '#' (InfluxDB would read the line as a comment): "
          + Ids.printable(name);
    }
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (c >= ' ' && c < 0x7f && c != '\\') {
        continue; // printable ASCII, the common case
      }
      if (c == '\\') {
        return "contains a backslash at index " + i + " (line protocol's escape character): "
            + Ids.printable(name);
      }
      if (Character.isISOControl(c)) {
        return "contains control character " + String.format("U+%04X", (int) c) + " at index "
            + i + ": " + Ids.printable(name);
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(name.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "contains an unpaired surrogate at index " + i + ": " + Ids.printable(name);
      }
    }
    return null;
  }
}
