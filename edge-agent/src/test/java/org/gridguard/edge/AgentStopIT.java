package org.gridguard.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridguard.edge.testhub.TestHub;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.gridguard.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent (a real JVM from the shaded jar) with 8 unreachable cameras — 4 that accept the
 * connection and never answer (reader threads inside FFmpeg), 4 that refuse it (readers in their
 * reconnect backoff) — exits within a few seconds of SIGTERM, well inside the unit's
 * TimeoutStopSec=30; and the cameras' password appears in no log line and no alarm detail.
 */
class AgentStopIT {
  private static final String PASSWORD = "Pa55-w0rd-xyz";
  @TempDir Path dir;

  @Test
  void sigterm_eightUnreachableCameras_exitsWithinFiveSecondsAndLeaksNoPassword()
      throws Exception {
    Path log = dir.resolve("agent.log");
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    try (TestHub hub = new TestHub().start();
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!silent.isClosed()) {
          try {
            accepted.add(silent.accept()); // accept and never answer
          } catch (IOException e) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      StringBuilder cameras = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        int port = i < 4 ? silent.getLocalPort() : FreePorts.pick();
        cameras.append("""
                - id: cam-%d
                  url: rtsp://admin:%s@127.0.0.1:%d/Streaming/101
                  io_timeout: 20s
                  detect: {video_loss_after: 1s}
            """.formatted(i, PASSWORD, port));
      }
      Path config = Files.writeString(dir.resolve("agent.yml"), """
          gateway: {id: gw-stop, credential: x}
          hub: {host: 127.0.0.1, port: %d, tls: {enabled: false}}
          spool: {directory: %s}
          uplink: {backoff_base: 50ms, backoff_max: 500ms}
          metrics_log_interval: 1h
          video:
            cameras:
          %s""".formatted(hub.port(), dir.resolve("spool"), cameras));

      try (AgentProcess agent = AgentProcess.start(config, log)) {
        await("4 silent connections and video loss of all 8 cameras at the hub")
            .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
            .until(() -> accepted.size() >= 4 && lossBegins(hub).size() >= 8);
        long t0 = System.nanoTime();
        int exit = agent.terminate(30);
        long tookMs = (System.nanoTime() - t0) / 1_000_000;

        assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
        assertThat(tookMs).as("SIGTERM to exit, ms:%n%s", AgentProcess.tail(log, 20))
            .isLessThan(5_000);
      }
      String logText = Files.readString(log);
      assertThat(logText).as("the agent log").doesNotContain(PASSWORD).contains("rtsp://***@");
      assertThat(logText).doesNotContain("setFormat").contains(": ffmpeg: ");
      assertThat(lossBegins(hub)).allSatisfy(r -> assertThat(r.getAlarm().getDetail())
          .doesNotContain(PASSWORD).doesNotContain("admin:").doesNotContain("setFormat"));
    } finally {
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  private static List<Record> lossBegins(TestHub hub) {
    return hub.stored(Lane.PRIORITY).stream()
        .filter(r -> r.hasAlarm() && r.getAlarm().getType() == AlarmType.VIDEO_LOSS
            && r.getAlarm().getPhase() == AlarmPhase.BEGIN)
        .toList();
  }
}
