package org.gridguard.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The agent config around the mapping rules of a {@code --map}/{@code --check} test, and
 * running {@link MapCommand} on one payload with its printout captured.
 */
final class MapFixture {
  /** Everything but the rules: append {@code "  rules:"} (under {@code mapping:}) and the items. */
  static final String HEAD = """
      gateway: {id: village-1, credential: s3cret}
      hub: {host: 127.0.0.1, port: 7000, tls: {enabled: false}}
      spool: {directory: /tmp/spool}
      mqtt: {client_id: edge-1}
      mapping:
        credential_salt: a-long-salt
        dead_letter: {path: /tmp/dl.jsonl}
      """;

  private MapFixture() {}

  /** What {@code --map topic -} prints for {@code payload}, its exit code checked. */
  static String map(String config, String topic, String payload, int expectedExit)
      throws Exception {
    AgentConfig parsed = AgentConfigLoader.parse(config, "agent.yml");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = MapCommand.run(parsed, topic, "-",
        new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(out).isEqualTo(expectedExit);
    return out;
  }
}
