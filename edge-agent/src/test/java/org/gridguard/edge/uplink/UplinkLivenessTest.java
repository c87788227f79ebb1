package org.gridguard.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;
import org.gridguard.edge.config.GatewayConfig;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.spool.Spool;
import org.gridguard.edge.spool.SpoolConfig;
import org.gridguard.edge.testhub.TestHub;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.testkit.NettyLeakCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Heartbeats, idle timeout and the evidence lane against the test hub. */
@ExtendWith(NettyLeakCheck.class)
class UplinkLivenessTest {
  @TempDir Path dir;
  private final TestHub hub = new TestHub();
  private Spool spool;
  private Uplink uplink;

  @AfterEach
  void tearDown() {
    if (uplink != null) {
      uplink.close();
    }
    if (spool != null) {
      spool.close();
    }
    hub.close();
  }

  private void startEdge() throws Exception {
    spool = Spool.open(SpoolConfig.defaults(dir), new Metrics());
    uplink = new Uplink(new GatewayConfig("gw-live", "x"),
        new HubAddress("127.0.0.1", hub.port(), null),
        UplinkConfig.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(100)),
        spool, Uplink.newBootId(), "test", spool.metrics());
    uplink.start();
  }

  @Test
  void idle_hubAnswersHeartbeats_sessionStaysOpen() throws Exception {
    hub.heartbeatMs(400);
    hub.replyToHeartbeats(true);
    hub.start();
    startEdge();
    // 5 heartbeats at 400 ms: longer than the 3-interval idle timeout the session must survive
    await("5 heartbeats").atMost(Duration.ofSeconds(20)).until(() -> hub.heartbeats() >= 5);
    assertThat(hub.hellos()).isEqualTo(1);
    assertThat(uplink.connected()).isTrue();
  }

  @Test
  void idle_hubSilent_edgeClosesAfterThreeIntervalsAndReconnects() throws Exception {
    hub.heartbeatMs(200);
    hub.start();
    startEdge();
    await("an idle timeout and a reconnect").atMost(Duration.ofSeconds(20)).until(() ->
        spool.metrics().counterValue("uplink.idle_timeouts") > 0 && hub.hellos() >= 2);
    assertThat(hub.heartbeats()).isPositive();
  }

  @Test
  void appendEvidence_chunks_arriveInOrderOnTheEvidenceLane() throws Exception {
    hub.start();
    startEdge();
    byte[] item = new byte[600_000];
    new java.util.Random(7).nextBytes(item);
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(item);
    int chunk = 256 << 10;
    int count = (item.length + chunk - 1) / chunk;
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int off = i * chunk;
      int len = Math.min(chunk, item.length - off);
      CRC32C crc = new CRC32C();
      crc.update(item, off, len);
      futures.add(spool.appendEvidence(EvidenceChunk.newBuilder()
          .setCaptureTimeMs(1).setDeviceId("cam-1").setBootId("b")
          .setEvidenceId("ev-1").setContentType("image/jpeg")
          .setIndex(i).setCount(count).setOffset(off).setTotalSize(item.length)
          .setData(ByteString.copyFrom(item, off, len)).setCrc32C((int) crc.getValue())
          .setSha256(ByteString.copyFrom(sha)).build()));
    }
    for (CompletableFuture<Long> f : futures) {
      f.get();
    }
    assertThat(TestHub.await(Duration.ofSeconds(20), () -> hub.storedEvidence().size() == count))
        .isTrue();
    assertThat(hub.storedEvidence()).extracting(EvidenceChunk::getIndex)
        .containsExactly(0, 1, 2);
    assertThat(hub.storedEvidence()).extracting(EvidenceChunk::getSequence)
        .containsExactly(1L, 2L, 3L);
    assertThat(TestHub.await(Duration.ofSeconds(20),
        () -> spool.acknowledged(Lane.EVIDENCE) == 3)).isTrue();
  }
}
