package org.gridguard.edge.spool;

import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;

/** Sample records for spool tests. */
public final class SpoolRecords {
  private SpoolRecords() {}

  public static Record telemetry(String device, long n) {
    return Record.newBuilder()
        .setCaptureTimeMs(1_700_000_000_000L + n)
        .setDeviceId(device)
        .setBootId("boot-test")
        .setTelemetry(Telemetry.newBuilder().setDeviceType("temp_humidity")
            .addReadings(Reading.newBuilder().setMetric("n").setInteger(n))
            .addReadings(Reading.newBuilder().setMetric("temperature").setNumber(21.5)
                .setUnit("Cel")))
        .build();
  }

  public static Record alarm(String device, long n) {
    return Record.newBuilder()
        .setCaptureTimeMs(1_700_000_000_000L + n)
        .setDeviceId(device)
        .setBootId("boot-test")
        .setAlarm(Alarm.newBuilder().setAlarmId("alarm-" + n).setType(AlarmType.DOOR_FORCED_OPEN)
            .setPhase(AlarmPhase.BEGIN).setPriority(1).setBeginTimeMs(n))
        .build();
  }

  /** The "n" reading of a telemetry record, or the number in an alarm id. */
  public static long number(Record r) {
    if (r.hasAlarm()) {
      return Long.parseLong(r.getAlarm().getAlarmId().substring("alarm-".length()));
    }
    return r.getTelemetry().getReadings(0).getInteger();
  }
}
