package org.gridguard.edge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;

/** Identity of records made by the simulator source: boot id and number. */
record SimulatedRecords(String boot, long n) {
  static SimulatedRecords of(Record r) {
    if (r.hasAlarm()) {
      String id = r.getAlarm().getAlarmId();
      int colon = id.lastIndexOf(':');
      return new SimulatedRecords(id.substring(0, colon), Long.parseLong(id.substring(colon + 1)));
    }
    return new SimulatedRecords(r.getBootId(), r.getTelemetry().getReadings(0).getInteger());
  }

  /** One line of the simulator's ack log: the record and where the spool put it. */
  record Acked(SimulatedRecords id, Lane lane, long sequence) {}

  static List<Acked> readAckLog(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .filter(l -> !l.isBlank())
        .map(l -> l.split(" "))
        .filter(p -> p.length == 4) // a line cut by kill -9 is not a claim
        .map(p -> new Acked(new SimulatedRecords(p[0], Long.parseLong(p[1])), Lane.valueOf(p[2]),
            Long.parseLong(p[3])))
        .toList();
  }
}
