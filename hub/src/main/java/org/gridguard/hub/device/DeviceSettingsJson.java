package org.gridguard.hub.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.springframework.stereotype.Component;

/**
 * Reads and writes {@link DeviceSettings} as JSON, strictly: an unknown key, a wrong type or an
 * invalid value is an {@link InvalidDeviceException} naming its path under {@code settings}.
 */
@Component
class DeviceSettingsJson {
  private final ObjectMapper json = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
      .build();

  DeviceSettings read(DeviceKind kind, JsonNode settings) {
    JsonNode given = settings == null || settings.isNull() ? json.createObjectNode() : settings;
    if (!given.isObject()) {
      throw new InvalidDeviceException("settings", "must be a JSON object");
    }
    if (kind == DeviceKind.SENSOR && !given.has("sensor_type")) {
      throw new InvalidDeviceException("settings.sensor_type",
          "is required for a sensor (e.g. water_level)");
    }
    try {
      return json.treeToValue(given, kind.settingsType());
    } catch (JsonProcessingException e) {
      throw problem(e);
    }
  }

  DeviceSettings read(DeviceKind kind, String stored) {
    try {
      return read(kind, json.readTree(stored));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored device settings are not JSON", e);
    }
  }

  JsonNode tree(DeviceSettings settings) {
    return json.valueToTree(settings);
  }

  String write(DeviceSettings settings) {
    try {
      return json.writeValueAsString(settings);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("device settings cannot be written", e);
    }
  }

  private static InvalidDeviceException problem(JsonProcessingException e) {
    String path = "settings";
    if (e instanceof JsonMappingException m) {
      StringBuilder p = new StringBuilder("settings");
      for (JsonMappingException.Reference r : m.getPath()) {
        if (r.getFieldName() != null) {
          p.append('.').append(r.getFieldName());
        } else if (r.getIndex() >= 0) {
          p.append('[').append(r.getIndex()).append(']');
        }
      }
      path = p.toString();
    }
    Throwable cause = e;
    while (cause != null && !(cause instanceof InvalidDeviceException)) {
      cause = cause.getCause();
    }
    if (cause instanceof InvalidDeviceException invalid) {
      return invalid.under(path);
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return new InvalidDeviceException(path, "unknown key; known: " + u.getKnownPropertyIds());
    }
    return new InvalidDeviceException(path, "has the wrong type or shape ("
        + e.getOriginalMessage().replaceAll("\\s+", " ").split(" at \\[")[0] + ")");
  }
}
