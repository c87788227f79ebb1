package org.gridguard.hub.incident;

import java.time.Instant;
import java.util.Objects;
import org.gridguard.hub.value.GridCode;

/**
 * An alarm as the alarm package hands it to {@link IncidentIntake}.
 *
 * @param alarmKey the alarm's stable identity (one incident per key), 1–200 characters
 * @param gatewayId the gateway that raised it
 * @param deviceId the device, or null for a gateway-level alarm
 * @param gridCode the device's (else the gateway's) registered GRID node, 15 digits
 * @param category a four-digit incident category code (DOMAIN.md), e.g. {@code 9101}
 * @param priority 1 (highest) – 4
 * @param at when the alarm began (capture time)
 * @param lat WGS-84 latitude of the device, or null; given together with {@code lon}
 * @param lon WGS-84 longitude of the device, or null
 */
public record AlarmRef(String alarmKey, String gatewayId, String deviceId, String gridCode,
    String category, int priority, Instant at, Double lat, Double lon) {
  public AlarmRef {
    if (alarmKey == null || alarmKey.isBlank() || alarmKey.length() > 200) {
      throw new IllegalArgumentException("alarmKey: 1-200 characters required, was '" + alarmKey
          + "'");
    }
    Objects.requireNonNull(gatewayId, "gatewayId");
    if (!GridCode.levelOf(gridCode).equals(java.util.Optional.of(GridCode.Level.GRID))) {
      throw new IllegalArgumentException("gridCode: a GRID node code (15 digits), was '"
          + gridCode + "'");
    }
    if (category == null || !category.matches("[0-9]{4}")) {
      throw new IllegalArgumentException("category: four digits (e.g. 9101), was '" + category + "'");
    }
    if (priority < 1 || priority > 4) {
      throw new IllegalArgumentException("priority: 1-4, was " + priority);
    }
    Objects.requireNonNull(at, "at");
    Location.check(lat, lon);
  }
}
