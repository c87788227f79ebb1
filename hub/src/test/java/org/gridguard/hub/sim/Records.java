package org.gridguard.hub.sim;

import java.util.ArrayList;
import java.util.List;
import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;

/** Test records. */
public final class Records {
  private Records() {}

  /** Telemetry of {@code device} (type water_level), sequences from..to, one per millisecond. */
  public static List<Record> telemetry(String device, long from, long to, long baseTimeMs) {
    List<Record> records = new ArrayList<>((int) (to - from + 1));
    for (long seq = from; seq <= to; seq++) {
      records.add(Record.newBuilder().setSequence(seq).setCaptureTimeMs(baseTimeMs + seq)
          .setDeviceId(device).setBootId("boot-1")
          .setTelemetry(Telemetry.newBuilder().setDeviceType("water_level")
              .addReadings(Reading.newBuilder().setMetric("level").setNumber(seq / 100.0).setUnit("m"))
              .addReadings(Reading.newBuilder().setMetric("battery").setInteger(seq % 100)))
          .build());
    }
    return records;
  }

  public static List<Record> alarms(String device, long from, long to) {
    List<Record> records = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      records.add(Record.newBuilder().setSequence(seq).setCaptureTimeMs(1_700_000_000_000L + seq)
          .setDeviceId(device).setBootId("boot-1")
          .setAlarm(Alarm.newBuilder().setAlarmId("alarm-" + seq).setType(AlarmType.SMOKE)
              .setPhase(AlarmPhase.BEGIN).setPriority(1).setCategoryCode(9101))
          .build());
    }
    return records;
  }
}
