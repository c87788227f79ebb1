package org.gridguard.edge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterFileTest {
  @TempDir Path dir;

  @Test
  void add_entry_writesJsonLineWithTopicReasonAndTruncatedPayload() throws Exception {
    Path file = dir.resolve("dl/mqtt.jsonl");
    try (DeadLetterFile dl = new DeadLetterFile(new DeadLetterConfig(file, 1 << 20, 3, 20, 16))) {
      dl.add(1763701000000L, "a/b", "$.x: expected a number, found \"hot\"",
          "{\"x\": \"hot\", \"padding\": \"............\"}".getBytes(StandardCharsets.UTF_8));
      dl.add(1763701000001L, "a/c", "payload: not valid JSON", new byte[] {(byte) 0xff, 0, 'a'});
      assertThat(dl.drain(5000)).isTrue();
      assertThat(dl.written()).isEqualTo(2);
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("time").asText()).isEqualTo("2025-11-21T04:56:40Z");
    assertThat(first.get("topic").asText()).isEqualTo("a/b");
    assertThat(first.get("reason").asText()).isEqualTo("$.x: expected a number, found \"hot\"");
    assertThat(first.get("payload").asText()).isEqualTo("{\"x\": \"hot\", \"paddin");
    assertThat(first.get("truncated").asBoolean()).isTrue();
    assertThat(first.get("payload_bytes").asInt()).isEqualTo(39);
    JsonNode second = new ObjectMapper().readTree(lines.get(1));
    assertThat(second.get("payload").asText()).isEqualTo("\uFFFD\u0000a");
    assertThat(second.get("truncated").asBoolean()).isFalse();
  }

  @Test
  void add_pastFileSize_rotatesAndKeepsAtMostMaxFiles() throws Exception {
    Path file = dir.resolve("mqtt.jsonl");
    try (DeadLetterFile dl = new DeadLetterFile(new DeadLetterConfig(file, 4096, 3, 100, 10_000))) {
      for (int i = 0; i < 500; i++) {
        dl.add(0, "t", "reason " + i, new byte[80]);
      }
      assertThat(dl.drain(10_000)).isTrue();
    }
    assertThat(Files.exists(dir.resolve("mqtt.jsonl"))).isTrue();
    assertThat(Files.exists(dir.resolve("mqtt.jsonl.1"))).isTrue();
    assertThat(Files.exists(dir.resolve("mqtt.jsonl.2"))).isTrue();
    assertThat(Files.exists(dir.resolve("mqtt.jsonl.3"))).isFalse();
    try (var files = Files.list(dir)) {
      assertThat(files.mapToLong(p -> p.toFile().length()).max().orElseThrow()).isLessThanOrEqualTo(4096);
    }
    assertThat(Files.readAllLines(file).get(Files.readAllLines(file).size() - 1))
        .contains("reason 499");
  }

  @Test
  void add_queueFull_dropsAndCountsWithoutBlocking() throws Exception {
    Path file = dir.resolve("mqtt.jsonl");
    try (DeadLetterFile dl = new DeadLetterFile(new DeadLetterConfig(file, 1 << 20, 2, 100, 1))) {
      int accepted = 0;
      for (int i = 0; i < 10_000; i++) {
        accepted += dl.add(0, "t", "r", new byte[10]) ? 1 : 0;
      }
      assertThat(dl.drain(10_000)).isTrue();
      assertThat(dl.dropped()).isEqualTo(10_000 - accepted).isPositive();
      assertThat(dl.written()).isEqualTo(accepted);
    }
  }
}
