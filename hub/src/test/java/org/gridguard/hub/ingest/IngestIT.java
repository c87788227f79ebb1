package org.gridguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.MessageLite;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.gridguard.hub.gateway.CredentialHasher;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.record.PriorityRecordStore;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.hub.sim.GatewaySimulator;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.hub.sim.Records;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.LaneSequence;
import org.gridguard.protocol.v1.Reading;
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
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The hub end to end: real TCP, real influxd, H2 file database. */
@ExtendWith(NettyLeakCheck.class)
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestIT {
  private static final Duration ACK_WAIT = Duration.ofSeconds(30);
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();
  private static Path dbDir;
  private static final EventLoopGroup group = new NioEventLoopGroup(2);

  @Autowired IngestServer server;
  @Autowired GatewayRepository gateways;
  @Autowired PriorityRecordStore priorityStore;
  @Autowired org.gridguard.hub.telemetry.TelemetryPipeline telemetry;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;
  @Autowired org.gridguard.hub.evidence.EvidenceStore evidenceStore;

  @Autowired org.gridguard.hub.security.UserRepository users;
  @Autowired org.gridguard.hub.security.TokenService tokens;
  @Autowired org.springframework.security.crypto.password.PasswordEncoder encoder;
  @Autowired org.gridguard.hub.grid.GridImporter gridImporter;

  /** The REST calls of these tests are made as a global-scope administrator. */
  @org.junit.jupiter.api.BeforeEach
  void signIn() {
    var admin = new org.gridguard.hub.security.TestUsers(users, tokens, encoder, gridImporter);
    admin.create("ingest-admin", org.gridguard.hub.security.GridScope.all(),
        org.gridguard.hub.security.Role.ADMIN);
    String bearer = admin.bearer("ingest-admin");
    admin.gridsExist("330102001001008");
    var interceptors = rest.getRestTemplate().getInterceptors();
    interceptors.clear();
    interceptors.add((request, body, execution) -> {
      request.getHeaders().set("Authorization", bearer);
      return execution.execute(request, body);
    });
  }

  @DynamicPropertySource
  static synchronized void properties(DynamicPropertyRegistry registry) throws Exception {
    if (dbDir == null) {
      dbDir = Files.createTempDirectory("gg-hub-db-");
    }
    HubTestProperties.localHub(registry, influxd, "gg_it", dbDir);
    registry.add("gridguard.ingest.hello-timeout", () -> "2s");
  }

  @AfterAll
  static void stopAll() throws Exception {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private String register(String id, String grid) {
    String credential = "secret-" + id;
    gateways.insert(new Gateway(id, new CredentialHasher(1000).hash(credential), grid, false));
    return credential;
  }

  private GatewaySimulator connect() throws InterruptedException {
    return GatewaySimulator.connect(group, "127.0.0.1", server.port());
  }

  private GatewaySimulator open(String id, String credential, String stream) throws Exception {
    GatewaySimulator sim = connect();
    MessageLite answer = sim.hello(id, credential, stream);
    assertThat(answer).isInstanceOf(HelloAck.class);
    return sim;
  }

  private long count(String where) throws Exception {
    String json = influxd.query("gg_it", "SELECT count(level) FROM water_level WHERE " + where);
    var m = java.util.regex.Pattern.compile("\"values\":\\[\\[[^,\\]]+,(\\d+)\\]\\]").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  @Test
  void batch_telemetry_landsWithMeasurementTagsFieldsAndTimestamp() throws Exception {
    String credential = register("gw-land", "330102001001");
    try (GatewaySimulator sim = open("gw-land", credential, UUID.randomUUID().toString())) {
      sim.sendBatch(Lane.BULK, Records.telemetry("wl-7", 1, 100, 1_700_000_000_000L));
      sim.awaitAck(Lane.BULK, 100, ACK_WAIT);
    }
    String json = influxd.query("gg_it",
        "SELECT level, battery, device, grid FROM water_level WHERE gateway='gw-land' AND time = 1700000000042ms");
    assertThat(json).contains("[\"2023-11-14T22:13:20.042Z\",0.42,42,\"wl-7\",\"330102001001\"]");
    String tags = influxd.query("gg_it", "SHOW TAG KEYS FROM water_level");
    assertThat(tags).contains("gateway").contains("grid").contains("device");
    assertThat(count("gateway='gw-land'")).isEqualTo(100);

    // read API: 100 readings 1 ms apart in 10 ms buckets → 10 means; the first bucket 1..9
    String series = rest.getForObject("/api/v1/telemetry/gw-land/wl-7/level?from=2023-11-14T22:13:20Z"
        + "&to=2023-11-14T22:13:20.101Z&every=10ms", String.class);
    assertThat(series).contains("\"everyMs\":10").contains("{\"timeMs\":1700000000000,\"value\":0.05")
        .contains("{\"timeMs\":1700000000090,\"value\":0.945");
    assertThat(rest.getForEntity("/api/v1/telemetry/gw-land/wl-7/level?every=1ms", String.class)
        .getStatusCode().value()).isEqualTo(400);
  }

  @Test
  void hello_afterReconnect_replayedBatchAckedWithoutDuplicates() throws Exception {
    String credential = register("gw-replay", "330102001001");
    String stream = UUID.randomUUID().toString();
    try (GatewaySimulator sim = open("gw-replay", credential, stream)) {
      sim.sendBatch(Lane.BULK, Records.telemetry("d1", 1, 50, 1_700_000_100_000L));
      sim.sendBatch(Lane.PRIORITY, Records.alarms("d1", 1, 10));
      sim.awaitAck(Lane.BULK, 50, ACK_WAIT);
      sim.awaitAck(Lane.PRIORITY, 10, ACK_WAIT);
    }
    // the BULK cursor reaches the database within 100 ms of the ack
    org.awaitility.Awaitility.await("BULK cursor committed").atMost(Duration.ofSeconds(10))
        .until(() -> jdbc.queryForList("SELECT sequence FROM stream_cursor WHERE gateway_id = ? "
            + "AND stream_id = ? AND lane = ?", Long.class, "gw-replay", stream,
            Lane.BULK.getNumber()).contains(50L));
    try (GatewaySimulator sim = connect()) {
      HelloAck ack = (HelloAck) sim.hello("gw-replay", credential, stream);
      assertThat(ack.getCommittedList()).contains(
          LaneSequence.newBuilder().setLane(Lane.BULK).setSequence(50).build(),
          LaneSequence.newBuilder().setLane(Lane.PRIORITY).setSequence(10).build());
      // an edge that lost its acks resends everything, plus new records
      sim.sendBatch(Lane.BULK, Records.telemetry("d1", 1, 60, 1_700_000_100_000L));
      sim.sendBatch(Lane.PRIORITY, Records.alarms("d1", 1, 12));
      sim.awaitAck(Lane.BULK, 60, ACK_WAIT);
      sim.awaitAck(Lane.PRIORITY, 12, ACK_WAIT);
    }
    assertThat(count("gateway='gw-replay'")).isEqualTo(60);
    assertThat(priorityStore.count(new StreamKey("gw-replay", stream, Lane.PRIORITY))).isEqualTo(12);
  }

  @Test
  void influxStoppedMidStream_nothingAckedUntilBack_thenEveryPointOnce() throws Exception {
    String credential = register("gw-outage", "330102001002");
    try (GatewaySimulator sim = open("gw-outage", credential, UUID.randomUUID().toString())) {
      sim.sendBatch(Lane.BULK, Records.telemetry("d1", 1, 1000, 1_700_000_200_000L));
      sim.awaitAck(Lane.BULK, 1000, ACK_WAIT);
      influxd.stop();
      try {
        sim.sendBatch(Lane.BULK, Records.telemetry("d1", 1001, 2000, 1_700_000_200_000L));
        // the failed write shows the batch reached the writer: only from then is "no ack" a result
        org.awaitility.Awaitility.await("a failed InfluxDB write").atMost(ACK_WAIT)
            .until(() -> telemetry.failure() != null);
        // an ack must not come: that can only be observed over time, 1.5 s of it, checked
        // throughout
        org.awaitility.Awaitility.await("no ack while InfluxDB is down")
            .during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
            .until(() -> sim.acked(Lane.BULK) == 1000);
        assertThat(sim.acked(Lane.BULK)).isEqualTo(1000);
        String health = rest.getForObject("/actuator/health", String.class);
        assertThat(health).contains("\"influx\":{\"status\":\"DOWN\"");
      } finally {
        influxd.start();
      }
      sim.awaitAck(Lane.BULK, 2000, Duration.ofSeconds(60));
    }
    assertThat(count("gateway='gw-outage'")).isEqualTo(2000);
    assertThat(rest.getForObject("/actuator/health", String.class))
        .contains("\"influx\":{\"status\":\"UP\"");
  }

  @Test
  void hello_badUnknownOrRevokedCredential_rejectedAndClosed() throws Exception {
    String credential = register("gw-auth", "330102001003");
    gateways.insert(new Gateway("gw-revoked", new CredentialHasher(1000).hash("x"), "1", true));
    record Case(String id, String credential, RejectReason reason) {}
    for (Case c : List.of(new Case("gw-auth", credential + "x", RejectReason.BAD_CREDENTIAL),
        new Case("gw-nobody", "whatever", RejectReason.UNKNOWN_GATEWAY),
        new Case("gw-revoked", "x", RejectReason.REVOKED))) {
      try (GatewaySimulator sim = connect()) {
        MessageLite answer = sim.hello(c.id(), c.credential(), "s");
        assertThat(answer).isInstanceOf(Reject.class);
        assertThat(((Reject) answer).getReason()).isEqualTo(c.reason());
        assertThat(((Reject) answer).getRetryAfterMs()).isGreaterThanOrEqualTo(30_000);
        assertThat(sim.awaitClosed(Duration.ofSeconds(5))).isTrue();
      }
    }
    String metrics = rest.getForObject("/actuator/prometheus", String.class);
    assertThat(metrics).contains("gridguard_ingest_rejects_total{reason=\"BAD_CREDENTIAL\"}");
  }

  @Test
  void garbageAndOversizeFrames_closeOnlyTheOffender_othersKeepStreaming() throws Exception {
    String credential = register("gw-good", "330102001004");
    try (GatewaySimulator good = open("gw-good", credential, UUID.randomUUID().toString())) {
      good.sendBatch(Lane.BULK, Records.telemetry("d1", 1, 500, 1_700_000_300_000L));

      try (Socket garbage = new Socket("127.0.0.1", server.port())) {
        garbage.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        Reject reject = readReject(garbage.getInputStream());
        assertThat(reject.getReason()).isEqualTo(RejectReason.PROTOCOL_ERROR);
        assertThat(reject.getMessage()).contains("BAD_MAGIC");
        assertThat(garbage.getInputStream().read()).isEqualTo(-1);
      }
      try (Socket oversize = new Socket("127.0.0.1", server.port())) {
        OutputStream out = oversize.getOutputStream();
        out.write(ByteBuffer.allocate(8).put((byte) 'G').put((byte) 'G').put((byte) 1)
            .put((byte) 0x01).putInt(Integer.MAX_VALUE).array());
        Reject reject = readReject(oversize.getInputStream());
        assertThat(reject.getMessage()).contains("FRAME_TOO_LARGE").contains("2147483647");
        assertThat(oversize.getInputStream().read()).isEqualTo(-1);
      }

      good.sendBatch(Lane.BULK, Records.telemetry("d1", 501, 1000, 1_700_000_300_000L));
      good.awaitAck(Lane.BULK, 1000, ACK_WAIT);
      assertThat(good.channel().isActive()).isTrue();
    }
    assertThat(count("gateway='gw-good'")).isEqualTo(1000);
  }

  @Test
  void hello_secondConnectionOfGateway_replacesFirstWithReject() throws Exception {
    String credential = register("gw-twice", "330102001005");
    String stream = UUID.randomUUID().toString();
    try (GatewaySimulator first = open("gw-twice", credential, stream);
        GatewaySimulator second = open("gw-twice", credential, stream)) {
      Reject reject = first.reject().get(5, TimeUnit.SECONDS);
      assertThat(reject.getReason()).isEqualTo(RejectReason.REPLACED);
      assertThat(first.awaitClosed(Duration.ofSeconds(5))).isTrue();
      second.sendBatch(Lane.BULK, Records.telemetry("d1", 1, 10, 1_700_000_400_000L));
      second.awaitAck(Lane.BULK, 10, ACK_WAIT);
    }
  }

  @Test
  void revoke_liveSession_rejectedWithRevokedAndNewHelloRefused() throws Exception {
    String credential = register("gw-revoke", "330102001007");
    try (GatewaySimulator sim = open("gw-revoke", credential, UUID.randomUUID().toString())) {
      assertThat(rest.postForEntity("/api/v1/gateways/gw-revoke/revoke", null, String.class)
          .getStatusCode().value()).isEqualTo(204);
      assertThat(sim.reject().get(5, TimeUnit.SECONDS).getReason()).isEqualTo(RejectReason.REVOKED);
      assertThat(sim.awaitClosed(Duration.ofSeconds(5))).isTrue();
    }
    try (GatewaySimulator again = connect()) {
      assertThat(((Reject) again.hello("gw-revoke", credential, "s")).getReason())
          .isEqualTo(RejectReason.REVOKED);
    }
  }

  @Test
  void register_viaRest_credentialReturnedOnceAndAccepted() throws Exception {
    var response = rest.postForEntity("/api/v1/gateways",
        java.util.Map.of("gatewayId", "gw-rest", "gridCode", "330102001001008"), java.util.Map.class);
    assertThat(response.getStatusCode().value()).isEqualTo(201);
    String credential = (String) response.getBody().get("credential");
    assertThat(rest.getForObject("/api/v1/gateways", String.class)).contains("gw-rest")
        .doesNotContain(credential);
    assertThat(rest.postForEntity("/api/v1/gateways",
        java.util.Map.of("gatewayId", "gw-rest", "gridCode", "330102001001008"), String.class)
        .getStatusCode().value()).isEqualTo(409);
    try (GatewaySimulator sim = open("gw-rest", credential, "s-rest")) {
      sim.sendBatch(Lane.PRIORITY, Records.alarms("d", 1, 3));
      sim.awaitAck(Lane.PRIORITY, 3, ACK_WAIT);
    }
  }

  private static List<org.gridguard.protocol.v1.EvidenceChunk> chunks(String id, byte[] data,
      byte[] sha, long firstSequence) {
    List<org.gridguard.protocol.v1.EvidenceChunk> chunks = new ArrayList<>();
    int size = 128 * 1024;
    int count = (data.length + size - 1) / size;
    for (int i = 0; i < count; i++) {
      int from = i * size;
      byte[] part = java.util.Arrays.copyOfRange(data, from, Math.min(data.length, from + size));
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      crc.update(part);
      chunks.add(org.gridguard.protocol.v1.EvidenceChunk.newBuilder()
          .setSequence(firstSequence + i).setCaptureTimeMs(1_700_000_000_000L).setDeviceId("cam-1")
          .setEvidenceId(id).setContentType("image/jpeg").setIndex(i).setCount(count)
          .setOffset(from).setTotalSize(data.length)
          .setData(com.google.protobuf.ByteString.copyFrom(part)).setCrc32C((int) crc.getValue())
          .setSha256(com.google.protobuf.ByteString.copyFrom(sha)).build());
    }
    return chunks;
  }

  @Test
  void evidence_chunks_assembledVerifiedFsyncedAckedAndPurgedAfterRetention() throws Exception {
    String credential = register("gw-evidence", "330102001009");
    String stream = UUID.randomUUID().toString();
    byte[] data = new byte[300_000];
    new java.util.Random(7).nextBytes(data);
    byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(data);
    String good = UUID.randomUUID().toString();
    String bad = UUID.randomUUID().toString();
    try (GatewaySimulator sim = connect()) {
      HelloAck ack = (HelloAck) sim.hello("gw-evidence", credential, stream, "evidence.v1");
      assertThat(ack.getFeaturesList()).containsExactly("evidence.v1");
      for (var chunk : chunks(good, data, sha, 1)) {
        sim.sendChunk(chunk);
      }
      byte[] wrong = sha.clone();
      wrong[0] ^= 1;
      for (var chunk : chunks(bad, data, wrong, 4)) {
        sim.sendChunk(chunk);
      }
      sim.awaitAck(Lane.EVIDENCE, 6, ACK_WAIT);
    }
    assertThat(evidenceStore.status("gw-evidence", good)).isEqualTo("COMPLETE");
    assertThat(Files.readAllBytes(evidenceStore.file("gw-evidence", good))).isEqualTo(data);
    assertThat(evidenceStore.status("gw-evidence", bad)).isEqualTo("CORRUPT");
    assertThat(Files.exists(evidenceStore.file("gw-evidence", bad))).isFalse();

    try (GatewaySimulator sim = connect()) {
      HelloAck ack = (HelloAck) sim.hello("gw-evidence", credential, stream, "evidence.v1");
      assertThat(ack.getCommittedList())
          .contains(LaneSequence.newBuilder().setLane(Lane.EVIDENCE).setSequence(6).build());
      sim.sendChunk(chunks(good, data, sha, 1).get(0)); // replay: acked, not stored again
      sim.awaitAck(Lane.EVIDENCE, 1, ACK_WAIT);
    }

    assertThat(evidenceStore.purgeBefore(java.time.Instant.now().plusSeconds(60))).isPositive();
    assertThat(evidenceStore.status("gw-evidence", good)).isNull();
    assertThat(Files.exists(evidenceStore.file("gw-evidence", good))).isFalse();
  }

  @Test
  void evidence_withoutNegotiatedFeature_protocolErrorClosesOnlyThatSession() throws Exception {
    String credential = register("gw-nofeature", "330102001010");
    try (GatewaySimulator sim = open("gw-nofeature", credential, "s-nf")) {
      sim.sendChunk(chunks(UUID.randomUUID().toString(), new byte[10], new byte[32], 1).get(0));
      assertThat(sim.reject().get(5, TimeUnit.SECONDS).getMessage()).contains("evidence.v1");
    }
  }

  @Test
  void batch_fieldTypeConflict_deadLetteredWithReasonAndAcked() throws Exception {
    String credential = register("gw-conflict", "330102001006");
    List<Record> records = new ArrayList<>(Records.telemetry("d9", 1, 5, 1_700_000_500_000L));
    records.add(Record.newBuilder().setSequence(6).setCaptureTimeMs(1_700_000_500_006L)
        .setDeviceId("d9").setTelemetry(Telemetry.newBuilder().setDeviceType("water_level")
            .addReadings(Reading.newBuilder().setMetric("level").setText("high"))).build());
    records.addAll(Records.telemetry("d9", 7, 10, 1_700_000_500_000L));
    try (GatewaySimulator sim = open("gw-conflict", credential, UUID.randomUUID().toString())) {
      sim.sendBatch(Lane.BULK, records.subList(0, 5));
      sim.awaitAck(Lane.BULK, 5, ACK_WAIT);
      sim.sendBatch(Lane.BULK, records.subList(5, 10));
      sim.awaitAck(Lane.BULK, 10, ACK_WAIT);
    }
    assertThat(count("gateway='gw-conflict'")).isEqualTo(9);
    String letters = rest.getForObject("/api/v1/telemetry/dead-letters", String.class);
    assertThat(letters).contains("gw-conflict").contains("level=\\\"high\\\"").contains("conflict");
    assertThat(rest.getForObject("/actuator/prometheus", String.class))
        .containsPattern("gridguard_telemetry_dead_letters_total [1-9]");
  }

  @Test
  void hello_neverSent_rejectedWithIdleTimeoutAfterHelloTimeout() throws Exception {
    try (Socket idle = new Socket("127.0.0.1", server.port())) {
      idle.setSoTimeout(1000);
      assertThatThrownBy(() -> idle.getInputStream().read())
          .isInstanceOf(java.net.SocketTimeoutException.class);
      idle.setSoTimeout(5000);
      Reject reject = readReject(idle.getInputStream());
      assertThat(reject.getReason()).isEqualTo(RejectReason.IDLE_TIMEOUT);
      assertThat(idle.getInputStream().read()).isEqualTo(-1);
    }
  }

  private static Reject readReject(InputStream in) throws Exception {
    byte[] header = in.readNBytes(8);
    assertThat(header).hasSize(8);
    assertThat(header[3]).isEqualTo((byte) 0x03);
    int length = ByteBuffer.wrap(header, 4, 4).getInt();
    return Reject.parseFrom(in.readNBytes(length));
  }
}
