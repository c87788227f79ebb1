package org.gridguard.protocol;

import java.util.regex.Pattern;

/**
 * The rules for ids that become file names, database keys or InfluxDB tags (PROTOCOL.md §2.4):
 * one place, used by Hello validation, gateway registration at the hub, the edge's
 * {@code gateway.id} check and every evidence path.
 *
 * <ul>
 *   <li><b>Gateway ids</b>: 1–64 characters of {@code [A-Za-z0-9._-]}, the first a letter or
 *       digit. So never {@code .} or {@code ..}, never hidden, never an option-like {@code -x}:
 *       a gateway id is a directory name under the hub's evidence directory.
 *   <li><b>Evidence ids</b>: 1–128 characters of the same set, the first a letter or digit (UUID
 *       text fits): a file name inside the gateway's directory.
 *   <li><b>Device ids</b>: empty (the gateway itself) or a {@link TelemetryNames telemetry name}:
 *       they become the {@code device} tag and a database column, never a path.
 * </ul>
 */
public final class Ids {
  /** Longest gateway id (the hub's {@code gateway_id} columns hold 64). */
  public static final int MAX_GATEWAY_ID = 64;
  /** Longest evidence id (the hub's {@code evidence_id} columns hold 128). */
  public static final int MAX_EVIDENCE_ID = 128;

  /** Gateway ids: what a technician can type and a file system holds as one plain name. */
  public static final Pattern GATEWAY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  /** Evidence ids: UUID text and similar, safe as a file name. */
  public static final Pattern EVIDENCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private Ids() {}

  /** Whether {@code id} is a valid gateway id. */
  public static boolean isGatewayId(String id) {
    return id != null && GATEWAY_ID.matcher(id).matches();
  }

  /** Why {@code id} is not a valid gateway id, or {@code null} when it is. */
  public static String gatewayIdProblem(String id) {
    return isGatewayId(id) ? null
        : "must be 1-" + MAX_GATEWAY_ID + " characters of [A-Za-z0-9._-] starting with a letter "
            + "or digit, was " + printable(id);
  }

  /** Whether {@code id} is a valid evidence id. */
  public static boolean isEvidenceId(String id) {
    return id != null && EVIDENCE_ID.matcher(id).matches();
  }

  /** Why {@code id} is not a valid evidence id, or {@code null} when it is. */
  public static String evidenceIdProblem(String id) {
    return isEvidenceId(id) ? null
        : "must be 1-" + MAX_EVIDENCE_ID + " characters of [A-Za-z0-9._-] starting with a letter "
            + "or digit (a UUID), was " + printable(id);
  }

  /** Why {@code id} is not a valid device id (empty is valid), or {@code null} when it is. */
  public static String deviceIdProblem(String id) {
    return id.isEmpty() ? null : TelemetryNames.problem(id);
  }

  /**
   * {@code value} quoted for an error message, log line or database column: backslashes doubled,
   * control characters and unpaired surrogates as {@code \}{@code uXXXX}, cut to about 80
   * characters. Never contains a control character itself.
   */
  public static String printable(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), 80) + 2).append('\'');
    int n = value.length();
    for (int i = 0; i < n; i++) {
      if (out.length() > 80) {
        if (Character.isHighSurrogate(out.charAt(out.length() - 1))) {
          out.setLength(out.length() - 1);
        }
        out.append("...(").append(n).append(" chars)");
        break;
      }
      char c = value.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (Character.isISOControl(c) || unpaired(value, i)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('\'').toString();
  }

  private static boolean unpaired(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
