package org.gridguard.edge;

import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridguard.edge.mapping.MappingResult;
import org.gridguard.edge.mapping.PayloadMapper;
import org.gridguard.edge.mapping.BadTimestamps;
import org.gridguard.edge.rules.RulesDryRun;
import org.gridguard.protocol.v1.Record;

/**
 * {@code --map <topic> <payload-file|->}: runs one payload through the configured mappings
 * and rules offline — no broker, no hub, no spool — and prints the records and alarms it would
 * produce, or why it would be dead-lettered. The loop a technician needs while writing a
 * mapping. Exit 0 when the payload maps, 3 when it would be dead-lettered or ignored.
 */
final class MapCommand {
  static final int EXIT_NOT_MAPPED = 3;
  /** The tick shown after the message: past every built-in debounce (at most 30 s). */
  static final long TICK_AFTER_MS = 60_000;

  private MapCommand() {}

  static int run(AgentConfig config, String topic, String payloadArg, InputStream stdin,
      PrintStream out) throws IOException {
    if (config.mapping() == null) {
      out.println("the configuration has no mapping section: nothing to map with");
      return Agent.EXIT_USAGE;
    }
    byte[] payload = payloadArg.equals("-") ? stdin.readAllBytes()
        : Files.readAllBytes(Path.of(payloadArg));
    BadTimestamps bad = config.mqtt() == null ? BadTimestamps.REPLACE
        : config.mqtt().badTimestamps();
    PayloadMapper mapper = new PayloadMapper(config.mapping(), "map-tool", bad);
    long now = System.currentTimeMillis();
    MappingResult result = mapper.map(topic, payload, now);
    if (result instanceof MappingResult.Rejected r) {
      out.println("DEAD-LETTERED: " + r.reason());
      return EXIT_NOT_MAPPED;
    }
    if (result instanceof MappingResult.Ignored i) {
      out.println("IGNORED by rule '" + i.rule() + "': " + i.reason()
          + " (acknowledged, no record)");
      return EXIT_NOT_MAPPED;
    }
    MappingResult.Mapped m = (MappingResult.Mapped) result;
    out.println("mapped by rule '" + m.rule() + "' into " + m.records().size()
        + " record(s):");
    for (Record r : m.records()) {
      out.println("  " + TextFormat.shortDebugString(r));
    }
    if (mapper.clockFallbacks() > 0) {
      out.println("  note: the device timestamp is outside 2000–2100; receive time used "
          + "(time_replaced)");
    }
    m.droppedFields().forEach(d -> out.println("  field dead-lettered: " + d));
    if (m.eventSkipped() != null) {
      out.println("  event left out: " + m.eventSkipped());
    }
    if (m.rulesProfile() != null) {
      out.println("  rules profile (mapping rule's rules:): " + m.rulesProfile());
    }
    RulesDryRun.Outcome rules = RulesDryRun.run(config.rules(), m.rulesProfile(), m.records(),
        now, TICK_AFTER_MS);
    print(out, "rules on this message", rules.onMessage());
    print(out, "rules after " + TICK_AFTER_MS / 1000 + " s with no further message",
        rules.afterTick());
    out.println("rules counters: " + rules.metrics());
    return 0;
  }

  private static void print(PrintStream out, String what, List<Record> records) {
    out.println(what + ": " + (records.isEmpty() ? "nothing" : records.size() + " record(s)"));
    for (Record r : records) {
      out.println("  " + TextFormat.shortDebugString(r.hasAlarm() ? r.getAlarm() : r.getStatus()));
    }
  }
}
