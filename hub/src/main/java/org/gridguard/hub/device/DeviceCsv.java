package org.gridguard.hub.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * The device CSV format, one device a row, header required, columns by name in any order:
 * {@value #HEADER}. {@code settings} is the type-specific settings as JSON (edge YAML keys). The
 * stream columns are write-only: an export leaves them empty, and an empty stream on an existing
 * camera keeps the stored one, so an export imports back unchanged.
 */
final class DeviceCsv {
  static final String HEADER = "deviceId,kind,name,vendor,model,gridCode,lat,lon,installedOn,"
      + "notes,settings,streamUrl,streamUsername,streamPassword";
  static final List<String> COLUMNS = List.of(HEADER.split(","));
  static final List<String> REQUIRED = List.of("deviceId", "kind");
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeviceCsv() {}

  /** The row as input; a bad number or JSON is an {@link InvalidDeviceException} on its column. */
  static DeviceInput input(Map<String, String> row) {
    String url = blank(row.get("streamUrl"));
    DeviceInput.StreamInput stream = url == null ? null : new DeviceInput.StreamInput(url,
        blank(row.get("streamUsername")), blank(row.get("streamPassword")));
    if (url == null && (blank(row.get("streamUsername")) != null
        || blank(row.get("streamPassword")) != null)) {
      throw new InvalidDeviceException("streamUrl", "is required with stream credentials");
    }
    return new DeviceInput(blank(row.get("deviceId")), blank(row.get("kind")),
        blank(row.get("name")), blank(row.get("vendor")), blank(row.get("model")),
        blank(row.get("gridCode")), number(row.get("lat"), "lat"), number(row.get("lon"), "lon"),
        blank(row.get("installedOn")), blank(row.get("notes")),
        settings(row.get("settings")), stream);
  }

  static String row(Device d, DeviceSettingsJson settings) {
    String s = settings.write(d.settings());
    List<String> values = List.of(d.deviceId(), d.kind().name(), text(d.name()),
        text(d.vendor()), text(d.model()), d.gridCode(), text(d.lat()), text(d.lon()),
        text(d.installedOn()), text(d.notes()), "{}".equals(s) ? "" : s, "", "", "");
    StringBuilder line = new StringBuilder();
    for (String v : values) {
      if (!line.isEmpty()) {
        line.append(',');
      }
      line.append(field(v));
    }
    return line.append("\r\n").toString();
  }

  /** RFC 4180: quoted when it holds a comma, quote or line break, or starts/ends with a space. */
  static String field(String v) {
    boolean quote = !v.isEmpty() && (v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' '
        || v.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n'));
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  private static String text(Object o) {
    return o == null ? "" : o.toString();
  }

  private static String blank(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static Double number(String v, String column) {
    String t = blank(v);
    if (t == null) {
      return null;
    }
    try {
      return Double.valueOf(t);
    } catch (NumberFormatException e) {
      throw new InvalidDeviceException(column, "must be a number, was '" + Checks.cut(t) + "'");
    }
  }

  private static JsonNode settings(String v) {
    String t = blank(v);
    if (t == null) {
      return null;
    }
    try {
      return JSON.readTree(t);
    } catch (JsonProcessingException e) {
      throw new InvalidDeviceException("settings", "is not JSON ("
          + e.getOriginalMessage().split("\n")[0] + ")");
    }
  }
}
