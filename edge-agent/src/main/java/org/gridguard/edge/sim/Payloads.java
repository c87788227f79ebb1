package org.gridguard.edge.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The vendor payloads, exactly in the forms the edge's shipped mapping presets map
 * ({@code org/gridguard/edge/mapping/presets/*.yml}): acme-access events and status,
 * senscity-sensors uplinks per product, gridguard-canonical telemetry.
 * {@code PayloadsMappingTest} feeds each through the edge's {@code PayloadMapper}.
 */
final class Payloads {
  /** acme-access writes China Standard Time, whatever the simulated day's zone. */
  private static final DateTimeFormatter ACME_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.ofHours(8));
  private static final ObjectMapper JSON = new ObjectMapper();

  /** senscity alarm codes (the same for every product). */
  static final int ALARM = 1;
  static final int CLEARED = 2;
  static final int LOW_BATTERY = 9;

  /** acme event codes. */
  static final int CARD_GRANTED = 1;
  static final int CARD_DENIED = 2;
  static final int QR_GRANTED = 4;
  static final int QR_DENIED = 5;
  static final int FACE_GRANTED = 6;
  static final int FACE_DENIED = 7;
  static final int EXIT_BUTTON = 8;
  static final int FORCED = 30;

  private Payloads() {}

  /** An acme-access event; {@code card} null for events without a card. */
  static SimMessage acmeEvent(SimDevice d, long wallMs, int door, int evt, String verify,
      String card, long seq, Anomaly anomaly) {
    ObjectNode o = JSON.createObjectNode();
    o.put("sn", d.id()).put("door", door).put("evt", evt).put("verify", verify);
    if (card != null) {
      o.put("card", card);
    }
    o.put("time", ACME_TIME.format(Instant.ofEpochMilli(wallMs))).put("seq", seq);
    return new SimMessage("acme/access/" + d.id() + "/event", o.toString(), d.id(), d.kind(), anomaly);
  }

  static SimMessage acmeStatus(SimDevice d, long wallMs, int doorsOpen, boolean tamper,
      int battery, Anomaly anomaly) {
    ObjectNode o = JSON.createObjectNode();
    o.put("sn", d.id()).put("time", ACME_TIME.format(Instant.ofEpochMilli(wallMs)))
        .put("doors_open", doorsOpen).put("tamper", tamper).put("battery", battery);
    return new SimMessage("acme/access/" + d.id() + "/status", o.toString(), d.id(), d.kind(), anomaly);
  }

  /** The senscity product name of a kind. */
  static String product(DeviceKind kind) {
    return switch (kind) {
      case WATER_LEVEL -> "water";
      case TEMP_HUMIDITY -> "th";
      case SMOKE -> "smoke";
      case GAS -> "gas";
      case EBIKE_SOCKET -> "ebike";
      case EMERGENCY_BUTTON -> "sos";
      case MANHOLE_COVER -> "manhole";
      default -> throw new IllegalArgumentException(kind + " is not a senscity product");
    };
  }

  /**
   * A senscity uplink: {@code data} holds the vendor readings (the caller puts them, battery
   * included); {@code alarm} 0 for none.
   */
  static SimMessage senscity(SimDevice d, long wallMs, ObjectNode data, int alarm, Anomaly anomaly) {
    ObjectNode o = JSON.createObjectNode();
    o.put("devEui", d.id()).put("product", product(d.kind())).put("ts", wallMs);
    o.set("data", data);
    if (alarm != 0) {
      o.put("alarm", alarm);
    }
    return new SimMessage("senscity/v1/" + d.id() + "/up", o.toString(), d.id(), d.kind(), anomaly);
  }

  static ObjectNode data() {
    return JSON.createObjectNode();
  }

  /** gridguard-canonical telemetry of one numeric reading. */
  static SimMessage canonical(SimDevice d, String deviceType, long wallMs, String metric,
      double value, String unit) {
    ObjectNode o = JSON.createObjectNode();
    o.put("ts", wallMs);
    ObjectNode reading = o.putArray("readings").addObject();
    reading.put("metric", metric).put("value", value).put("unit", unit);
    return new SimMessage("gridguard/" + deviceType + "/" + d.id() + "/telemetry", o.toString(),
        d.id(), d.kind(), null);
  }
}
