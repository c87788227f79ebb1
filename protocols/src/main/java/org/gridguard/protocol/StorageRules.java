package org.gridguard.protocol;

import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;

/**
 * The storage rules (PROTOCOL.md §2.6): bounds a well-formed item (one that passed
 * {@link MessageValidator}) must keep to be storable at all — ids that become file names and
 * keys ({@link Ids}), names that become InfluxDB measurements, tags and fields
 * ({@link TelemetryNames}), values no column can hold (NUL, which PostgreSQL refuses; widths of
 * the hub's columns), evidence sizes. A receiver answers a breach by dead-lettering the item
 * with the reason and acknowledging it, since resending would fail the same way for ever; the
 * edge checks the same rules where it makes the values.
 */
public final class StorageRules {
  /** The hub's {@code evidence_item.content_type} column. */
  public static final int MAX_CONTENT_TYPE = 128;

  private StorageRules() {}

  /**
   * Why a record that passed {@link MessageValidator#validate} can never be stored (PROTOCOL.md §2.6), or
   * {@code null} when it can: {@code device_id} is not a valid device id ({@link Ids}), an
   * alarm id holds a control character, or a telemetry {@code device_type} or reading metric is
   * not a valid {@link TelemetryNames telemetry name}. The receiver dead-letters such a record
   * with this reason and acknowledges it. The reason names the field and quotes the value
   * printably ({@link Ids#printable}).
   */
  public static String problem(Record record) {
    String problem;
    if (record.getBodyCase() == Record.BodyCase.TELEMETRY) {
      // in line order: measurement, device tag, field keys
      problem = TelemetryNames.problem(record.getTelemetry().getDeviceType());
      if (problem != null) {
        return "telemetry.device_type " + problem;
      }
    }
    problem = Ids.deviceIdProblem(record.getDeviceId());
    if (problem != null) {
      return "device_id " + problem;
    }
    switch (record.getBodyCase()) {
      case TELEMETRY -> {
        Telemetry telemetry = record.getTelemetry();
        for (int i = 0, n = telemetry.getReadingsCount(); i < n; i++) {
          problem = TelemetryNames.problem(telemetry.getReadings(i).getMetric());
          if (problem != null) {
            return "telemetry.readings[" + i + "].metric " + problem;
          }
        }
      }
      case ALARM -> {
        String id = record.getAlarm().getAlarmId();
        if (controlCharacter(id) >= 0) {
          return "alarm.alarm_id contains a control character: " + Ids.printable(id);
        }
      }
      default -> {
        // stored whole as bytes: no further bound
      }
    }
    return null;
  }

  /**
   * Why an evidence chunk that passed {@link MessageValidator#validate} can never be stored (PROTOCOL.md §2.6,
   * §7), or {@code null} when it can: its {@code evidence_id} is not a valid evidence id
   * ({@link Ids}), {@code content_type} is over {@value #MAX_CONTENT_TYPE} characters or holds
   * a control character, {@code device_id} is not a valid device id, {@code total_size} is over
   * {@code maxEvidenceSize}, or {@code count} is more than the item has bytes. Whether the chunk
   * agrees with the item's earlier chunks is the receiver's to check.
   */
  public static String problem(EvidenceChunk chunk, long maxEvidenceSize) {
    String problem = Ids.evidenceIdProblem(chunk.getEvidenceId());
    if (problem != null) {
      return "evidence_id " + problem;
    }
    String contentType = chunk.getContentType();
    if (contentType.length() > MAX_CONTENT_TYPE || controlCharacter(contentType) >= 0) {
      return "content_type must be at most " + MAX_CONTENT_TYPE
          + " characters without control characters, was " + Ids.printable(contentType)
          + " (" + contentType.length() + " characters)";
    }
    problem = Ids.deviceIdProblem(chunk.getDeviceId());
    if (problem != null) {
      return "device_id " + problem;
    }
    // offset + data <= total_size is structural (validate); total_size is uint64
    if (Long.compareUnsigned(chunk.getTotalSize(), maxEvidenceSize) > 0) {
      return "total_size " + Long.toUnsignedString(chunk.getTotalSize())
          + " bytes is over the maximum evidence size of " + maxEvidenceSize + " bytes";
    }
    if (Integer.toUnsignedLong(chunk.getCount()) > Math.max(1, chunk.getTotalSize())) {
      return "count " + Integer.toUnsignedString(chunk.getCount()) + " is more chunks than the "
          + chunk.getTotalSize() + " bytes of total_size";
    }
    return null;
  }

  /** Index of the first control character (U+0000-U+001F, U+007F-U+009F), or -1. */
  static int controlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
