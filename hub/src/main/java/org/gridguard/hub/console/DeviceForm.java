package org.gridguard.hub.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridguard.hub.device.DeviceInput;
import org.gridguard.hub.device.DeviceView;

/**
 * The add/edit device form as typed, and its translation into the REST API's
 * {@link DeviceInput} (settings in the edge's YAML key names). What the API checks is left to the
 * API; this only reads the form's own line formats (door channels, sensor thresholds) and numbers,
 * naming the form field when one cannot be read. The camera password is never put back into a
 * form: the fields stay empty and an empty stream URL keeps the stored stream.
 *
 * @param channels a door's channels, one per line: {@code <channel> <name>}
 * @param thresholds a sensor's thresholds, one per line:
 *     {@code <metric> above|below <value> [clear <value>] [debounce=30s] [priority=2] [type=SMOKE]
 *     [category=9104]}
 * @param cameraSettings a camera's further settings as JSON (zones, detectors), may be empty
 */
record DeviceForm(String kind, String deviceId, String name, String vendor, String model,
    String gridCode, String lat, String lon, String installedOn, String notes, String streamUrl,
    String streamUsername, String streamPassword, String cameraSettings, String channels,
    String doorHeldOpen, String sensorType, String unit, String thresholds,
    String expectedInterval) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern THRESHOLD = Pattern.compile(
      "(\\S+)\\s+(above|below|>|<)\\s+(\\S+)(?:\\s+clear\\s+(\\S+))?((?:\\s+\\w+=\\S+)*)\\s*",
      Pattern.CASE_INSENSITIVE);

  /** A line or value of the form that cannot be read: which field, and why. */
  static final class FormProblem extends RuntimeException {
    final String field;

    FormProblem(String field, String message) {
      super(message);
      this.field = field;
    }
  }

  /**
   * The form field an API refusal ("settings.thresholds[0].above: …") is about, or null when it
   * is about the device as a whole.
   */
  static String fieldOf(String reason) {
    if (reason == null) {
      return null;
    }
    int colon = reason.indexOf(": ");
    String path = colon < 0 ? "" : reason.substring(0, colon);
    String[][] prefixes = {{"settings.thresholds", "thresholds"}, {"settings.channels", "channels"},
        {"settings.sensor_type", "sensorType"}, {"settings.unit", "unit"},
        {"settings.door_held_open", "doorHeldOpen"},
        {"settings.expected_interval", "expectedInterval"}, {"settings", "cameraSettings"},
        {"stream", "streamUrl"}, {"deviceId", "deviceId"}, {"gridCode", "gridCode"},
        {"kind", "kind"}, {"name", "name"}, {"vendor", "vendor"}, {"model", "model"},
        {"lat", "lat"}, {"lon", "lon"}, {"installedOn", "installedOn"}, {"notes", "notes"}};
    for (String[] p : prefixes) {
      if (path.startsWith(p[0])) {
        return p[1];
      }
    }
    return null;
  }

  static DeviceForm empty(String kind) {
    return new DeviceForm(kind, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null);
  }

  /** The form of a stored device (stream fields empty: they are write-only). */
  static DeviceForm of(DeviceView d) {
    JsonNode s = d.settings() == null ? JSON.createObjectNode() : d.settings();
    String camera = null;
    StringBuilder channels = new StringBuilder();
    StringBuilder thresholds = new StringBuilder();
    switch (d.kind()) {
      case CAMERA -> camera = s.isEmpty() ? "" : s.toPrettyString();
      case DOOR -> s.path("channels").forEach(c -> channels.append(c.path("channel").asText())
          .append(c.hasNonNull("name") ? " " + c.get("name").asText() : "").append('\n'));
      case SENSOR -> s.path("thresholds").forEach(t -> thresholds.append(threshold(t))
          .append('\n'));
      default -> { }
    }
    return new DeviceForm(d.kind().name(), d.deviceId(), d.name(), d.vendor(), d.model(),
        d.gridCode(), d.lat() == null ? null : d.lat().toString(),
        d.lon() == null ? null : d.lon().toString(),
        d.installedOn() == null ? null : d.installedOn().toString(), d.notes(), null, null, null,
        camera, channels.toString().strip(), text(s, "door_held_open"), text(s, "sensor_type"),
        text(s, "unit"), thresholds.toString().strip(), text(s, "expected_interval"));
  }

  /** @throws FormProblem naming the form field */
  DeviceInput input() {
    String k = kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT);
    ObjectNode settings = JSON.createObjectNode();
    DeviceInput.StreamInput stream = null;
    switch (k) {
      case "CAMERA" -> {
        if (!blank(cameraSettings)) {
          try {
            JsonNode given = JSON.readTree(cameraSettings);
            if (!given.isObject()) {
              throw new FormProblem("cameraSettings", "must be a JSON object like {\"analysis_fps\": 2}");
            }
            settings = (ObjectNode) given;
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FormProblem("cameraSettings", "is not JSON: "
                + e.getOriginalMessage());
          }
        }
        if (!blank(streamUrl)) {
          stream = new DeviceInput.StreamInput(streamUrl.strip(), orNull(streamUsername),
              streamPassword == null || streamPassword.isEmpty() ? null : streamPassword);
        } else if (!blank(streamUsername) || !(streamPassword == null || streamPassword.isEmpty())) {
          throw new FormProblem("streamUrl", "give the stream URL again to change the "
              + "credentials (the stored URL is not shown)");
        }
      }
      case "DOOR" -> {
        ArrayNode list = settings.putArray("channels");
        int n = 0;
        for (String line : lines(channels)) {
          n++;
          String[] parts = line.split("\\s+", 2);
          ObjectNode c = list.addObject().put("channel", parts[0]);
          if (parts.length > 1) {
            c.put("name", parts[1]);
          }
        }
        if (n == 0) {
          settings.remove("channels");
        }
        put(settings, "door_held_open", doorHeldOpen);
        put(settings, "expected_interval", expectedInterval);
      }
      case "SENSOR" -> {
        put(settings, "sensor_type", sensorType);
        put(settings, "unit", unit);
        ArrayNode list = settings.putArray("thresholds");
        int line = 0;
        for (String t : lines(thresholds)) {
          line++;
          list.add(threshold(t, line));
        }
        put(settings, "expected_interval", expectedInterval);
      }
      default -> { }
    }
    return new DeviceInput(orNull(deviceId), k, orNull(name), orNull(vendor), orNull(model),
        orNull(gridCode), number("lat", lat), number("lon", lon), orNull(installedOn),
        orNull(notes), settings, stream);
  }

  private static ObjectNode threshold(String text, int line) {
    Matcher m = THRESHOLD.matcher(text);
    if (!m.matches()) {
      throw new FormProblem("thresholds", "line " + line + " '" + cut(text) + "': write "
          + "<metric> above|below <value> [clear <value>], e.g. level above 1.5 clear 1.2");
    }
    ObjectNode t = JSON.createObjectNode().put("metric", m.group(1));
    boolean above = m.group(2).equalsIgnoreCase("above") || m.group(2).equals(">");
    t.put(above ? "above" : "below", thresholdNumber(m.group(3), line));
    if (m.group(4) != null) {
      t.put(above ? "clear_below" : "clear_above", thresholdNumber(m.group(4), line));
    }
    for (String option : m.group(5).strip().split("\\s+")) {
      if (option.isEmpty()) {
        continue;
      }
      String[] kv = option.split("=", 2);
      switch (kv[0].toLowerCase(Locale.ROOT)) {
        case "debounce" -> t.put("debounce", kv[1]);
        case "type" -> t.put("type", kv[1]);
        case "priority", "category" -> {
          try {
            t.put(kv[0].toLowerCase(Locale.ROOT), Integer.parseInt(kv[1]));
          } catch (NumberFormatException e) {
            throw new FormProblem("thresholds", "line " + line + ": " + kv[0]
                + " must be a whole number, was '" + cut(kv[1]) + "'");
          }
        }
        default -> throw new FormProblem("thresholds", "line " + line + ": unknown option '"
            + cut(kv[0]) + "'; known: debounce, priority, type, category");
      }
    }
    return t;
  }

  private static String threshold(JsonNode t) {
    StringBuilder s = new StringBuilder(t.path("metric").asText());
    if (t.has("above")) {
      s.append(" above ").append(t.get("above").asText());
      if (t.has("clear_below")) {
        s.append(" clear ").append(t.get("clear_below").asText());
      }
    } else {
      s.append(" below ").append(t.path("below").asText());
      if (t.has("clear_above")) {
        s.append(" clear ").append(t.get("clear_above").asText());
      }
    }
    for (String key : new String[] {"debounce", "priority", "type", "category"}) {
      if (t.hasNonNull(key)) {
        s.append(' ').append(key).append('=').append(t.get(key).asText());
      }
    }
    return s.toString();
  }

  private static double thresholdNumber(String text, int line) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new FormProblem("thresholds", "line " + line + ": '" + cut(text)
          + "' is not a number (use a dot: 1.5)");
    }
  }

  private static Double number(String field, String text) {
    if (blank(text)) {
      return null;
    }
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new FormProblem(field, "must be a number in WGS-84 degrees like 30.27, was '"
          + cut(text) + "'");
    }
  }

  private static java.util.List<String> lines(String text) {
    return text == null ? java.util.List.of()
        : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private static void put(ObjectNode node, String key, String value) {
    if (!blank(value)) {
      node.put(key, value.strip());
    }
  }

  private static String text(JsonNode node, String key) {
    return node.hasNonNull(key) ? node.get(key).asText() : null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String orNull(String s) {
    return blank(s) ? null : s.strip();
  }

  private static String cut(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
