package org.gridguard.edge.mapping;

import java.nio.file.Path;
import java.util.Objects;
import org.gridguard.edge.config.ConfigNode;

/**
 * The MQTT dead-letter file: JSON lines, rotated at {@code maxFileBytes} keeping
 * {@code maxFiles} files in all (so at most maxFiles × maxFileBytes on disk), payloads cut to
 * {@code maxPayloadChars}, written by one thread fed through a queue of {@code queueCapacity}.
 */
public record DeadLetterConfig(Path path, long maxFileBytes, int maxFiles, int maxPayloadChars,
    int queueCapacity) {

  public DeadLetterConfig {
    Objects.requireNonNull(path);
    if (maxFileBytes < 4096 || maxFiles < 1 || maxPayloadChars < 16 || queueCapacity < 1) {
      throw new IllegalArgumentException("dead-letter limits out of range");
    }
  }

  static DeadLetterConfig from(ConfigNode node) {
    DeadLetterConfig c = new DeadLetterConfig(
        Path.of(node.string("path", "/var/lib/gridguard/mqtt-dead-letter.jsonl")),
        node.bytes("max_file_bytes", 10L << 20, 4096, 1L << 30),
        (int) node.integer("max_files", 5, 1, 100),
        (int) node.integer("max_payload_chars", 2048, 16, 1 << 20),
        (int) node.integer("queue_capacity", 1024, 1, 1 << 20));
    node.rejectUnknownKeys();
    return c;
  }
}
