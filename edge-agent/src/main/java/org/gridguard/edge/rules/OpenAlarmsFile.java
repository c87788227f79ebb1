package org.gridguard.edge.rules;

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
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridguard.protocol.v1.AlarmType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open alarms on disk, so that an alarm begun before a restart still gets its END (with
 * the same alarm id) after it. Written atomically (temporary file, fsync, rename) by the rules
 * thread at most once per tick when something changed, and on close; a kill -9 therefore loses
 * at most the changes of the last tick. A missing file is an empty book; unreadable entries are
 * skipped with a warning, never fatal.
 */
final class OpenAlarmsFile {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAlarmsFile.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  OpenAlarmsFile(Path file) {
    this.file = file;
  }

  Map<AlarmBook.Key, AlarmBook.Open> load(int max) {
    Map<AlarmBook.Key, AlarmBook.Open> open = new LinkedHashMap<>();
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
        AlarmBook.Key key = new AlarmBook.Key(text(n, "device"),
            AlarmType.valueOf(text(n, "type")), text(n, "zone"));
        AlarmBook.Open o = new AlarmBook.Open(text(n, "alarm_id"), n.get("begin_ms").asLong(),
            text(n, "rule"), n.get("priority").asInt(), n.get("category").asInt(),
            n.get("hold_ms").asLong());
        o.lastTriggerMs = n.get("last_trigger_ms").asLong();
        open.put(key, o);
      } catch (RuntimeException e) {
        LOG.warn("{}[{}]: skipped unreadable open alarm ({})", file, i, e.toString());
      }
    }
    return open;
  }

  void save(Map<AlarmBook.Key, AlarmBook.Open> open) throws IOException {
    ArrayNode array = JSON.createArrayNode();
    open.forEach((key, o) -> {
      ObjectNode n = array.addObject();
      n.put("device", key.deviceId());
      n.put("type", key.type().name());
      n.put("zone", key.zone());
      n.put("alarm_id", o.alarmId);
      n.put("begin_ms", o.beginMs);
      n.put("rule", o.rule);
      n.put("priority", o.priority);
      n.put("category", o.category);
      n.put("hold_ms", o.holdMs);
      n.put("last_trigger_ms", o.lastTriggerMs);
    });
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
}
