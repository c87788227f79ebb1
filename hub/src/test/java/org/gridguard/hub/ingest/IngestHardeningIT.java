package org.gridguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.gridguard.hub.evidence.EvidenceProperties;
import org.gridguard.hub.evidence.EvidenceStore;
import org.gridguard.hub.gateway.CredentialHasher;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.record.CursorRepository;
import org.gridguard.hub.record.IngestDeadLetters;
import org.gridguard.hub.record.PriorityRecordStore;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.hub.sim.GatewaySimulator;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.hub.sim.Records;
import org.gridguard.hub.telemetry.DeadLetterRepository;
import org.gridguard.protocol.v1.DeviceEvent;
import org.gridguard.protocol.v1.EventKind;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;
import org.gridguard.protocol.v1.Telemetry;
import org.gridguard.testkit.InfluxDbServer;
import org.gridguard.testkit.NettyLeakCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 10, part A, over real TCP with the real influxd and the H2 file database laid out as in
 * the example configuration (database and evidence side by side): path-safe gateway ids,
 * evidence that can neither fill the disk nor hold up alarms, records that can never be stored
 * dead-lettered and acknowledged, telemetry names InfluxDB would misread refused with a reason.
 * One PRIORITY store thread, so that anything sharing it with evidence would show at once.
 */
@ExtendWith(NettyLeakCheck.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class IngestHardeningIT {
  private static final Duration ACK_WAIT = Duration.ofSeconds(10);
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();
  private static Path dbDir;
  private static final EventLoopGroup group = new NioEventLoopGroup(2);
  /** Evidence of gateways named slow-* waits for this: a disk that stalls. */
  static final CountDownLatch slowDisk = new CountDownLatch(1);
  /** Counted down when a slow gateway's chunk has reached the stalled store. */
  static final CountDownLatch slowEntered = new CountDownLatch(1);

  @Autowired IngestServer server;
  @Autowired GatewayRepository gateways;
  @Autowired PriorityRecordStore priorityStore;
  @Autowired EvidenceStore evidenceStore;
  @Autowired IngestDeadLetters ingestDeadLetters;
  @Autowired DeadLetterRepository telemetryDeadLetters;
  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry meters;

  @TestConfiguration
  static class SlowDisk {
    @Bean
    @Primary
    EvidenceStore slowEvidenceStore(JdbcTemplate jdbc, TransactionTemplate tx,
        CursorRepository cursors, IngestDeadLetters deadLetters, EvidenceProperties config) {
      return new EvidenceStore(jdbc, tx, cursors, deadLetters, config) {
        @Override
        public boolean store(StreamKey key, EvidenceChunk chunk) {
          if (key.gatewayId().startsWith("slow-")) {
            slowEntered.countDown();
            try {
              slowDisk.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return super.store(key, chunk);
        }
      };
    }
  }

  @DynamicPropertySource
  static synchronized void properties(DynamicPropertyRegistry registry) throws Exception {
    if (dbDir == null) {
      dbDir = Files.createTempDirectory("gg-hub-hardening-");
    }
    HubTestProperties.localHub(registry, influxd, "gg_hardening", dbDir);
    registry.add("gridguard.ingest.store-threads", () -> "1");
  }

  @AfterAll
  static void stopAll() {
    slowDisk.countDown();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private String register(String id) {
    String credential = "secret-" + id;
    gateways.insert(new Gateway(id, new CredentialHasher(1000).hash(credential), "330102001001",
        false));
    return credential;
  }

  private GatewaySimulator open(String id, String credential, String... features)
      throws Exception {
    GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1", server.port());
    MessageLite answer = sim.hello(id, credential, UUID.randomUUID().toString(), features);
    assertThat(answer).isInstanceOf(HelloAck.class);
    return sim;
  }

  private static EvidenceChunk chunk(long sequence, String id, byte[] data, long offset,
      long total, byte[] sha) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    return EvidenceChunk.newBuilder().setSequence(sequence).setCaptureTimeMs(1_700_000_000_000L)
        .setDeviceId("cam-1").setEvidenceId(id).setContentType("image/jpeg").setIndex(0)
        .setCount(1).setOffset(offset).setTotalSize(total).setData(ByteString.copyFrom(data))
        .setCrc32C((int) crc.getValue()).setSha256(ByteString.copyFrom(sha)).build();
  }

  private static EvidenceChunk whole(long sequence, String id, byte[] item) throws Exception {
    return chunk(sequence, id, item, 0, item.length,
        MessageDigest.getInstance("SHA-256").digest(item));
  }

  private static long bytesUnder(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  @Test
  void gatewayDotDot_refusedAtRegistrationAndHello_databaseFileUntouched() throws Exception {
    String hash = new CredentialHasher(1000).hash("pw");
    assertThatThrownBy(() -> gateways.insert(new Gateway("..", hash, "330102", false)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gateway id");
    // a row registered before the rule existed
    jdbc.update("INSERT INTO gateway (gateway_id, credential_hash, grid_code) VALUES (?,?,?)",
        "..", hash, "330102");
    Path database = dbDir.resolve("hub.mv.db");
    Object inode = Files.readAttributes(database, BasicFileAttributes.class).fileKey();
    try (GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1", server.port())) {
      // the attack: evidence id hub.mv.db of gateway '..' is <evidence>/../hub.mv.db
      MessageLite answer = sim.hello("..", "pw", UUID.randomUUID().toString(), "evidence.v1");
      assertThat(answer).isInstanceOf(Reject.class);
      assertThat(((Reject) answer).getReason()).isEqualTo(RejectReason.PROTOCOL_ERROR);
      assertThat(((Reject) answer).getMessage()).contains("Hello.gateway_id must be 1-64 "
          + "characters of [A-Za-z0-9._-] starting with a letter or digit, was '..'");
      sim.send(whole(1, "hub.mv.db", "not a database".getBytes()));
      assertThat(sim.awaitClosed(Duration.ofSeconds(5))).isTrue();
    } finally {
      jdbc.update("DELETE FROM gateway WHERE gateway_id = ?", "..");
    }
    assertThat(Files.readAttributes(database, BasicFileAttributes.class).fileKey())
        .isEqualTo(inode);
    try (Stream<Path> beside = Files.list(dbDir)) {
      assertThat(beside.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.contains(".part"));
    }
    assertThat(gateways.find("..")).isEmpty(); // the database still answers
  }

  @Test
  void evidenceChunkAt64GiB_deadLetteredAndAckedAtOnce_noLargeFileAndAlarmsFlow()
      throws Exception {
    String credential = register("gw-big");
    byte[] data = new byte[16];
    try (GatewaySimulator sim = open("gw-big", credential, "evidence.v1")) {
      long start = System.nanoTime();
      sim.sendChunk(chunk(1, UUID.randomUUID().toString(), data, 64L << 30, (64L << 30) + 16,
          new byte[32]));
      sim.awaitAck(Lane.EVIDENCE, 1, ACK_WAIT);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      sim.sendBatch(Lane.PRIORITY, Records.alarms("door-1", 1, 3));
      sim.awaitAck(Lane.PRIORITY, 3, ACK_WAIT);
      assertThat(sim.channel().isActive()).isTrue();
    }
    assertThat(bytesUnder(dbDir.resolve("evidence").resolve("gw-big"))).isZero();
    assertThat(ingestDeadLetters.ofGateway("gw-big")).singleElement().satisfies(d -> {
      assertThat(d.lane()).isEqualTo(Lane.EVIDENCE);
      assertThat(d.reason()).isEqualTo("EvidenceChunk total_size 68719476752 bytes is over the "
          + "maximum evidence size of 67108864 bytes");
    });
    assertThat(meters.counter("gridguard.ingest.dead.letters", "lane", "EVIDENCE").count())
        .isPositive();
  }

  @Test
  void evidenceStalledOnDisk_priorityOfAnotherGatewayAckedPromptly() throws Exception {
    String slow = register("slow-camera-gw");
    String alarms = register("gw-alarms");
    byte[] item = new byte[100_000];
    new java.util.Random(3).nextBytes(item);
    String evidenceId = UUID.randomUUID().toString();
    try (GatewaySimulator camera = open("slow-camera-gw", slow, "evidence.v1");
        GatewaySimulator doors = open("gw-alarms", alarms)) {
      camera.sendChunk(whole(1, evidenceId, item));
      // the chunk has reached the (stalled) evidence store first
      assertThat(slowEntered.await(10, TimeUnit.SECONDS)).as("chunk at the store").isTrue();
      long start = System.nanoTime();
      doors.sendBatch(Lane.PRIORITY, Records.alarms("door-9", 1, 5));
      doors.awaitAck(Lane.PRIORITY, 5, Duration.ofSeconds(3));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      assertThat(camera.acked(Lane.EVIDENCE)).isZero();
      slowDisk.countDown();
      camera.awaitAck(Lane.EVIDENCE, 1, ACK_WAIT);
    }
    assertThat(evidenceStore.status("slow-camera-gw", evidenceId)).isEqualTo("COMPLETE");
  }

  @Test
  void recordsNoColumnCanHold_deadLetteredWithReasonAcked_sessionStaysOpen() throws Exception {
    String credential = register("gw-poison");
    List<Record> priority = new ArrayList<>(Records.alarms("door-1", 1, 4));
    priority.set(1, priority.get(1).toBuilder().setAlarm(priority.get(1).getAlarm().toBuilder()
        .setAlarmId("alarm\u0000-2")).build());
    priority.set(2, Record.newBuilder().setSequence(3).setCaptureTimeMs(1_700_000_000_003L)
        .setDeviceId("d".repeat(129)).setEvent(DeviceEvent.newBuilder().setDeviceType("door")
            .setKind(EventKind.DOOR_OPENED)).build());
    try (GatewaySimulator sim = open("gw-poison", credential, "evidence.v1")) {
      sim.sendBatch(Lane.PRIORITY, priority);
      sim.awaitAck(Lane.PRIORITY, 4, ACK_WAIT);
      EvidenceChunk wideType = whole(1, UUID.randomUUID().toString(), new byte[10]).toBuilder()
          .setContentType("image/" + "x".repeat(200)).build();
      sim.sendChunk(wideType);
      sim.sendChunk(whole(2, UUID.randomUUID().toString(), new byte[10]));
      sim.awaitAck(Lane.EVIDENCE, 2, ACK_WAIT);
      assertThat(sim.reject()).isNotDone();
      assertThat(sim.channel().isActive()).isTrue();
    }
    assertThat(ingestDeadLetters.ofGateway("gw-poison"))
        .extracting(d -> d.lane() + " " + d.sequence() + " " + d.kind() + ": " + d.reason())
        .satisfiesExactly(
            d -> assertThat(d).isEqualTo("PRIORITY 2 ALARM: alarm.alarm_id contains a control "
                + "character: 'alarm\\u0000-2'"),
            d -> assertThat(d).startsWith("PRIORITY 3 EVENT: device_id is 129 characters"),
            d -> assertThat(d).startsWith("EVIDENCE 1 EVIDENCE_CHUNK: EvidenceChunk content_type "
                + "must be at most 128 characters"));
  }

  @Test
  void telemetryNamesInfluxWouldMisread_deadLetteredWithReason_othersLandOnce() throws Exception {
    String credential = register("gw-names");
    List<Record> records = new ArrayList<>(Records.telemetry("tank-1", 1, 6, 1_700_000_600_000L));
    records.set(1, withType(records.get(1), "water_level\\"));
    records.set(2, withType(records.get(2), "#water_level"));
    records.set(3, records.get(3).toBuilder().setDeviceId("tank\u00001").build());
    records.set(4, withType(records.get(4), "水位 东门,\"1\"=x"));
    try (GatewaySimulator sim = open("gw-names", credential)) {
      sim.sendBatch(Lane.BULK, records);
      sim.awaitAck(Lane.BULK, 6, ACK_WAIT);
    }
    assertThat(influxd.query("gg_hardening",
        "SELECT count(level) FROM water_level WHERE gateway='gw-names'")).contains(",2]");
    assertThat(influxd.query("gg_hardening",
        "SELECT level FROM \"水位 东门,\\\"1\\\"=x\" WHERE gateway='gw-names'"))
        .contains("\"values\":[[\"2023-11-14T22:23:20.005Z\",0.05]]");
    assertThat(influxd.query("gg_hardening", "SHOW MEASUREMENTS"))
        .doesNotContain("gateway=").doesNotContain("#");
    assertThat(telemetryDeadLetters.list(org.gridguard.hub.security.GridScope.all(), 100, Long.MAX_VALUE).stream()
        .filter(d -> d.gatewayId().equals("gw-names")).map(DeadLetterRepository.DeadLetter::reason))
        .containsExactlyInAnyOrder(
            "telemetry.device_type contains a backslash at index 11 (line protocol's escape "
                + "character): 'water_level\\\\'",
            "telemetry.device_type starts with '#' (InfluxDB would read the line as a comment): "
                + "'#water_level'",
            "device_id contains control character U+0000 at index 4: 'tank\\u00001'");
  }

  private static Record withType(Record record, String type) {
    Telemetry telemetry = record.getTelemetry().toBuilder().setDeviceType(type).build();
    return record.toBuilder().setTelemetry(telemetry).build();
  }
}
