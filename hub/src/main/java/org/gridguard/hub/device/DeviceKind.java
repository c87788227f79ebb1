package org.gridguard.hub.device;

import java.util.Locale;

/** What a registered device is; decides which type-specific settings it has. */
public enum DeviceKind {
  CAMERA(CameraSettings.class),
  DOOR(DoorSettings.class),
  SENSOR(SensorSettings.class);

  private final Class<? extends DeviceSettings> settings;

  DeviceKind(Class<? extends DeviceSettings> settings) {
    this.settings = settings;
  }

  Class<? extends DeviceSettings> settingsType() {
    return settings;
  }

  /** @throws InvalidDeviceException naming {@code field} when {@code text} is no kind */
  static DeviceKind parse(String text, String field) {
    if (text == null || text.isBlank()) {
      throw new InvalidDeviceException(field, "is required: CAMERA, DOOR or SENSOR");
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidDeviceException(field, "must be CAMERA, DOOR or SENSOR, was '"
          + Checks.cut(text) + "'");
    }
  }
}
