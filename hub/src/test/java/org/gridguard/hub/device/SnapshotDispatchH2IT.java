package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.gridguard.hub.gateway.CredentialHasher;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.ingest.IngestServer;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.protocol.v1.Command;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On H2 (no NOTIFY): a request another instance wrote to {@code camera_snapshot} reaches this
 * instance's session through the poll within a second, once; the database refuses a second
 * pending request of the camera until the first is answered or has timed out.
 */
@SpringBootTest
class SnapshotDispatchH2IT {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-snap-h2");
    HubTestProperties.localHub(registry, influxd, "gg_snap_h2", dir);
    registry.add("gridguard.device.secret-key-file", () -> dir.resolve("key").toString());
    registry.add("gridguard.config-push.sweep-interval", () -> "10m");
  }

  @Autowired SnapshotRepository snapshots;
  @Autowired SnapshotDispatch dispatch;
  @Autowired GatewayRepository gateways;
  @Autowired IngestServer ingest;

  @Test
  void requestWrittenElsewhere_polledAndSentOnce_secondPendingRefusedUntilTimeout()
      throws Exception {
    gateways.insert(new Gateway("gw-poll", new CredentialHasher(1000).hash("pw"),
        "330102001001001", false));
    EventLoopGroup group = new NioEventLoopGroup(1);
    try (ScriptedEdge edge = ScriptedEdge.connect(group, ingest.port())) {
      edge.hello("gw-poll", "pw", 0, "command.v1", "evidence.v1");
      edge.next(ConfigPush.class, Duration.ofSeconds(15));
      edge.send(CommandResult.newBuilder().setCommandId("config:1").setOk(true).build());

      snapshots.insert("cmd-1", "gw-poll", "cam-1", "tech-a", Instant.now());
      long t0 = System.nanoTime();
      Command command = edge.next(Command.class, Duration.ofSeconds(3));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1500));
      assertThat(command.getCommandId()).isEqualTo("cmd-1");
      assertThat(command.getRequestSnapshot().getDeviceId()).isEqualTo("cam-1");
      assertThat(dispatch.poll()).isZero();
      edge.expectNothing(Duration.ofMillis(1200)); // two more polls at 500 ms: nothing again

      assertThatThrownBy(() -> snapshots.insert("cmd-2", "gw-poll", "cam-1", "tech-b",
          Instant.now())).isInstanceOf(DuplicateKeyException.class);
      assertThat(snapshots.expire("gw-poll", "cam-1", Instant.now().minusSeconds(60))).isZero();
      assertThat(snapshots.expire("gw-poll", "cam-1", Instant.now().plusSeconds(1))).isEqualTo(1);
      snapshots.insert("cmd-3", "gw-poll", "cam-1", "tech-b", Instant.now());
      assertThat(edge.next(Command.class, Duration.ofSeconds(3)).getCommandId())
          .isEqualTo("cmd-3");
      // the late answer of the timed-out request is still stored
      assertThat(snapshots.answered("cmd-1", false, "camera busy", null, Instant.now())).isTrue();
      assertThat(snapshots.find("cmd-3", "gw-poll").orElseThrow().pending()).isTrue();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }
}
