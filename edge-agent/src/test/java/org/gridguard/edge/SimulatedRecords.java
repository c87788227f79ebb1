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

  private static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile(
      "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) (\\d+) (PRIORITY|BULK) "
          + "(\\d+)");

  /**
   * The claims in an ack log. kill -9 can cut the last line of a run, and the next run then
   * appends to that fragment; only whole, well-formed lines count (a torn one is no claim: the
   * process died before it finished saying so).
   */
  static List<Acked> readAckLog(Path file) throws IOException {
    String text = Files.readString(file);
    int end = text.lastIndexOf('\n');
    if (end < 0) {
      return List.of();
    }
    List<Acked> out = new java.util.ArrayList<>();
    for (String line : text.substring(0, end).split("\n")) {
      java.util.regex.Matcher m = LINE.matcher(line);
      if (m.matches()) {
        out.add(new Acked(new SimulatedRecords(m.group(1), Long.parseLong(m.group(2))),
            Lane.valueOf(m.group(3)), Long.parseLong(m.group(4))));
      }
    }
    return out;
  }
}
