package org.gridguard.edge.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridguard.protocol.v1.AlarmType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open alarms on disk, so that an alarm begun before a restart still gets its END (with the
 * same alarm id) after it. A JSON array, one object per alarm (the format of the rules'
 * {@code rules-open-alarms.json} since it existed). Written atomically (temporary file, fsync,
 * rename). A missing file is an empty book; unreadable entries are skipped with a warning, never
 * fatal.
 */
public final class OpenAlarmsFile {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAlarmsFile.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  public OpenAlarmsFile(Path file) {
    if (file == null) {
      throw new IllegalArgumentException("an open alarms file needs a path");
    }
    this.file = file;
  }

  public Path path() {
    return file;
  }

  /** At most {@code max} alarms, in file order. */
  public Map<AlarmKey, OpenAlarm> load(int max) {
    Map<AlarmKey, OpenAlarm> open = new LinkedHashMap<>();
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return open;
    } catch (IOException e) {
      LOG.warn("{}: cannot read open alarms ({}); starting without them", file, e.toString());
      return open;
    }
    if (root == null || !root.isArray()) {
      LOG.warn("{}: not a JSON array of open alarms; starting without them", file);
      return open;
    }
    for (int i = 0; i < root.size() && open.size() < max; i++) {
      JsonNode n = root.get(i);
      try {
        AlarmKey key = new AlarmKey(text(n, "device"), AlarmType.valueOf(text(n, "type")),
            text(n, "zone"));
        open.put(key, new OpenAlarm(key, text(n, "alarm_id"), number(n, "begin_ms"),
            text(n, "rule"), (int) number(n, "priority"), (int) number(n, "category"),
            number(n, "hold_ms"), number(n, "last_trigger_ms")));
      } catch (RuntimeException e) {
        LOG.warn("{}[{}]: skipped unreadable open alarm ({})", file, i, e.toString());
      }
    }
    return open;
  }

  public void save(Collection<OpenAlarm> open) throws IOException {
    ArrayNode array = JSON.createArrayNode();
    for (OpenAlarm o : open) {
      ObjectNode n = array.addObject();
      n.put("device", o.key().deviceId());
      n.put("type", o.key().type().name());
      n.put("zone", o.key().zone());
      n.put("alarm_id", o.alarmId());
      n.put("begin_ms", o.beginMs());
      n.put("rule", o.rule());
      n.put("priority", o.priority());
      n.put("category", o.category());
      n.put("hold_ms", o.holdMs());
      n.put("last_trigger_ms", o.lastTriggerMs());
    }
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = parent.resolve(file.getFileName() + ".tmp");
    Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(array));
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' missing or not text");
    }
    return v.asText();
  }

  private static long number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.canConvertToLong()) {
      throw new IllegalArgumentException("'" + field + "' missing or not a whole number");
    }
    return v.asLong();
  }
}
