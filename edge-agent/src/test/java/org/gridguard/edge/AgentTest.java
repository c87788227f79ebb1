package org.gridguard.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureErr() {
    originalErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreErr() {
    System.setErr(originalErr);
  }

  @Test
  void run_invalidConfig_exits2ListingEveryProblem() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yml"), """
        gateway: {id: "bad id!"}
        hub: {host: "", port: 7000}
        spool: {directory: /tmp/x, fsync_interval: 5 minutes}
        """);
    assertThat(Agent.run(new String[] {"--config", file.toString()})).isEqualTo(2);
    String out = err.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("has 3 problems")
        .contains("gateway.id: must be 1-64 characters of [A-Za-z0-9._-] starting with a letter "
            + "or digit, was 'bad id!'")
        .contains("hub.host: must not be empty")
        .contains("spool.fsync_interval: must be a duration");
  }

  @Test
  void run_noArguments_exits2WithUsage() {
    assertThat(Agent.run(new String[0])).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar");
  }

  @Test
  void run_checkValidConfig_exits0() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yml"), """
        gateway: {id: gw-1, credential: x}
        hub: {host: 127.0.0.1, port: 7000, tls: {enabled: false}}
        spool: {directory: %s}
        """.formatted(dir.resolve("spool")));
    assertThat(Agent.run(new String[] {"--config", file.toString(), "--check"})).isZero();
  }
}
