package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.gridguard.hub.grid.GridImporter;
import org.gridguard.hub.ingest.IngestServer;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.Role;
import org.gridguard.hub.security.TestUsers;
import org.gridguard.hub.security.TokenService;
import org.gridguard.hub.security.UserRepository;
import org.gridguard.protocol.v1.Command;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.HelloAck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Configuration pushed to live gateways and the camera snapshot command, against a real hub
 * (ingest over TCP, REST with real tokens) on the database the subclass chooses, with a
 * {@link ScriptedEdge}: Hello with config_version 0 → ConfigPush → CommandResult ok / with
 * problems; a registry change while connected → version + 1; resends and failure of an
 * unanswered push (controlled clock, sweeps called by the test); the status in each state; two
 * writers raising one version once; snapshot → evidence → preview.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class ConfigPushContract {
  static final String VILLAGE_A = DeviceContract.VILLAGE_A;
  static final String A1 = DeviceContract.A1;
  static final String SECRET = DeviceContract.SECRET;
  static final Duration WAIT = Duration.ofSeconds(15);
  /** One per test class (the subclasses run in one JVM, one after the other). */
  private static EventLoopGroup group;

  /** The hub's clock, moved by the tests (result timeouts). */
  @TestConfiguration
  static class TestClock {
    @Bean
    @Primary
    Clock testClock() {
      return new MutableClock(Instant.now());
    }
  }

  @Autowired MockMvc mvc;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired GridImporter gridImporter;
  @Autowired JdbcTemplate jdbc;
  @Autowired IngestServer ingest;
  @Autowired ConfigPusher pusher;
  @Autowired GatewayConfigRepository rows;
  @Autowired ConfigVersions versions;
  @Autowired Clock clock;

  final ObjectMapper json = new ObjectMapper();
  final Map<String, String> bearers = new HashMap<>();
  TestUsers testUsers;

  @org.junit.jupiter.api.BeforeAll
  static void startGroup() {
    group = new NioEventLoopGroup(1);
  }

  @AfterAll
  static void stopGroup() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  @BeforeEach
  void world() {
    testUsers = new TestUsers(users, tokens, encoder, gridImporter);
    testUsers.gridsExist(A1, DeviceContract.B1);
    testUsers.create("tech-a", GridScope.of(Set.of(VILLAGE_A)), Role.TECHNICIAN);
    testUsers.create("viewer-a", GridScope.of(Set.of(VILLAGE_A)), Role.VIEWER);
    testUsers.create("viewer-b", GridScope.of(Set.of("330102002001")), Role.VIEWER);
    testUsers.create("disp-a", GridScope.of(Set.of(VILLAGE_A)), Role.DISPATCHER);
  }

  // --- the scripts ---

  @Test
  void hello_configVersionZero_pushedAndAnsweredOk_inSync(CapturedOutput output)
      throws Exception {
    String credential = gateway("cp-hello");
    long cam = camera("cp-hello", "cam-gate");
    JsonNode before = status("cp-hello", "tech-a");
    assertThat(before.get("state").asText()).isEqualTo("offline");
    assertThat(before.get("desiredVersion").asLong()).isEqualTo(1);
    try (ScriptedEdge edge = ScriptedEdge.connect(group, ingest.port())) {
      HelloAck ack = edge.hello("cp-hello", credential, 0, "command.v1", "evidence.v1");
      assertThat(ack.getFeaturesList()).contains("command.v1");
      ConfigPush push = edge.next(ConfigPush.class, WAIT);
      assertThat(push.getConfigVersion()).isEqualTo(1);
      assertThat(push.getContentType()).isEqualTo("application/yaml");
      String yaml = push.getDocument().toString(StandardCharsets.UTF_8);
      // the edge needs the real credentials; nothing else does
      assertThat(yaml).contains("cameras:", "id: cam-gate",
          "rtsp://admin:" + SECRET + "@192.168.1.64:554/ch1");
      assertThat(awaitState("cp-hello", "pending").get("appliedVersion").asLong()).isZero();
      edge.send(result("config:1", true, ""));
      JsonNode synced = awaitState("cp-hello", "in_sync");
      assertThat(synced.get("appliedVersion").asLong()).isEqualTo(1);
      assertThat(synced.get("lastResultOk").asBoolean()).isTrue();
      assertThat(synced.get("problems")).isEmpty();
      JsonNode view = call("GET", "/api/v1/gateways/cp-hello", "viewer-a", null, 200);
      assertThat(view.at("/config/state").asText()).isEqualTo("in_sync");
      assertThat(view.at("/config/desiredVersion").asLong()).isEqualTo(1);
      assertThat(view.at("/config/appliedVersion").asLong()).isEqualTo(1);
      assertThat(call("GET", "/api/v1/gateways?limit=1000", "viewer-a", null, 200).get("items")
          .findValuesAsText("state")).contains("in_sync");
    }
    assertThat(cam).isPositive();
    assertThat(output.getAll()).doesNotContain(SECRET);
  }

  @Test
  void registryChange_whileConnected_pushesNextVersion_refusalShowsProblems_forcedPushResends(
      CapturedOutput output) throws Exception {
    String credential = gateway("cp-change");
    long cam = camera("cp-change", "cam-1");
    try (ScriptedEdge edge = ScriptedEdge.connect(group, ingest.port())) {
      edge.hello("cp-change", credential, 0, "command.v1");
      assertThat(edge.next(ConfigPush.class, WAIT).getConfigVersion()).isEqualTo(1);
      edge.send(result("config:1", true, ""));
      awaitState("cp-change", "in_sync");

      call("PUT", "/api/v1/devices/" + cam, "tech-a", camera("cam-1", 3), 200);
      ConfigPush second = edge.next(ConfigPush.class, WAIT);
      assertThat(second.getConfigVersion()).isEqualTo(2);
      assertThat(second.getDocument().toString(StandardCharsets.UTF_8)).contains("analysis_fps: 3");
      // the answer of the write already shows the new desired version
      assertThat(status("cp-change", "tech-a").get("desiredVersion").asLong()).isEqualTo(2);
      edge.send(result("config:2", false, "video.cameras[0].analysis_fps: too high for this box\n"
          + "video.cameras[0].url: rtsp://admin:" + SECRET + "@192.168.1.64:554/ch1 unreachable"));
      JsonNode failed = awaitState("cp-change", "failed");
      assertThat(failed.get("appliedVersion").asLong()).isEqualTo(1);
      assertThat(failed.get("lastResultOk").asBoolean()).isFalse();
      assertThat(failed.get("problems")).hasSize(2);
      assertThat(failed.get("problems").get(0).asText())
          .isEqualTo("video.cameras[0].analysis_fps: too high for this box");
      assertThat(failed.get("problems").get(1).asText()).contains("rtsp://admin:***@");
      assertThat(failed.get("detail").asText()).contains("refused version 2");
      assertThat(audits("gateway.config.refused", "cp-change")).isEqualTo(1);

      // a refused version is not pushed again by itself …
      assertThat(pusher.sweep()).isZero();
      edge.expectNothing(Duration.ofMillis(300));
      // … but on request
      call("POST", "/api/v1/gateways/cp-change/config/push", "viewer-a", null, 403);
      JsonNode forced = call("POST", "/api/v1/gateways/cp-change/config/push", "tech-a", null,
          202);
      assertThat(forced.get("desiredVersion").asLong()).isEqualTo(2);
      assertThat(edge.next(ConfigPush.class, WAIT).getConfigVersion()).isEqualTo(2);
      assertThat(audits("gateway.config.push", "cp-change")).isEqualTo(1);
      edge.send(result("config:2", true, ""));
      JsonNode synced = awaitState("cp-change", "in_sync");
      assertThat(synced.get("appliedVersion").asLong()).isEqualTo(2);
      assertThat(synced.get("problems")).isEmpty();

      // a write that changes nothing the edge gets raises nothing
      call("PUT", "/api/v1/devices/" + cam, "tech-a", camera("cam-1", 3)
          .replace("Village gate", "Village gate (north)"), 200);
      assertThat(status("cp-change", "tech-a").get("desiredVersion").asLong()).isEqualTo(2);
      edge.expectNothing(Duration.ofMillis(300));
      call("DELETE", "/api/v1/devices/" + cam, "tech-a", null, 204);
      assertThat(edge.next(ConfigPush.class, WAIT).getConfigVersion()).isEqualTo(3);
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE detail LIKE ?",
        Integer.class, "%" + SECRET + "%")).isZero();
    assertThat(output.getAll()).doesNotContain(SECRET);
  }

  @Test
  void edgeProfileChange_whileConnected_pushesMappingKeysOnce_refusalShowsTheEdgesProblems()
      throws Exception {
    String credential = gateway("cp-profile");
    camera("cp-profile", "cam-1");
    String profilePath = "/api/v1/gateways/cp-profile/edge-profile";
    String profile = json.createObjectNode()
        .<com.fasterxml.jackson.databind.node.ObjectNode>set("mappingPresets",
            json.createArrayNode().add("acme-access"))
        .put("mappingRules", EdgeConfigAssemblerTest.PROFILE_RULES)
        .put("deviceTypeRules", EdgeConfigAssemblerTest.PROFILE_TYPES).toString();
    try (ScriptedEdge edge = ScriptedEdge.connect(group, ingest.port())) {
      edge.hello("cp-profile", credential, 0, "command.v1");
      String first = edge.next(ConfigPush.class, WAIT).getDocument()
          .toString(StandardCharsets.UTF_8);
      assertThat(first).doesNotContain("mapping:").doesNotContain("device_types");
      edge.send(result("config:1", true, ""));
      awaitState("cp-profile", "in_sync");

      call("PUT", profilePath, "tech-a", profile, 200);
      ConfigPush second = edge.next(ConfigPush.class, WAIT);
      assertThat(second.getConfigVersion()).isEqualTo(2);
      String yaml = second.getDocument().toString(StandardCharsets.UTF_8);
      @SuppressWarnings("unchecked")
      Map<String, Object> doc = (Map<String, Object>) EdgeProfileValidator.parse(yaml, 1 << 20);
      assertThat(doc).containsKeys("video", "mapping", "rules");
      assertThat(((Map<?, ?>) doc.get("mapping")).get("presets"))
          .isEqualTo(List.of("acme-access"));
      assertThat(((Map<?, ?>) doc.get("mapping")).get("rules"))
          .isEqualTo(EdgeProfileValidator.parse(EdgeConfigAssemblerTest.PROFILE_RULES, 1 << 20));
      assertThat(((Map<?, ?>) doc.get("rules")).get("device_types"))
          .isEqualTo(EdgeProfileValidator.parse(EdgeConfigAssemblerTest.PROFILE_TYPES, 1 << 20));
      // raised once: the answer of the write already shows it, nothing else is pushed
      assertThat(status("cp-profile", "tech-a").get("desiredVersion").asLong()).isEqualTo(2);
      edge.expectNothing(Duration.ofMillis(300));

      // the edge judges what the hub cannot (vendor paths, codes): its problems show
      edge.send(result("config:2", false, "mapping.rules[0].event.codes.30: unknown event kind "
          + "'DOOR_FORCEDX'"));
      JsonNode failed = awaitState("cp-profile", "failed");
      assertThat(failed.get("problems")).hasSize(1);
      assertThat(failed.get("problems").get(0).asText()).startsWith("mapping.rules[0].event");
      assertThat(failed.get("appliedVersion").asLong()).isEqualTo(1);

      // the same profile again is no change; a corrected one is the next version
      call("PUT", profilePath, "tech-a", profile, 200);
      edge.expectNothing(Duration.ofMillis(300));
      call("PUT", profilePath, "tech-a", profile.replace("acme-access",
          "gridguard-canonical"), 200);
      ConfigPush third = edge.next(ConfigPush.class, WAIT);
      assertThat(third.getConfigVersion()).isEqualTo(3);
      assertThat(third.getDocument().toString(StandardCharsets.UTF_8))
          .contains("presets: [gridguard-canonical]");
      edge.send(result("config:3", true, ""));
      assertThat(awaitState("cp-profile", "in_sync").get("appliedVersion").asLong())
          .isEqualTo(3);
    }
  }

  @Test
  void unansweredPush_resentAfterTimeout_thenFailedAndAudited() throws Exception {
    String credential = gateway("cp-silent");
    camera("cp-silent", "cam-1");
    try (ScriptedEdge edge = ScriptedEdge.connect(group, ingest.port())) {
      edge.hello("cp-silent", credential, 0, "command.v1");
      assertThat(edge.next(ConfigPush.class, WAIT).getConfigVersion()).isEqualTo(1);
      assertThat(pusher.sweep()).as("within the result timeout").isZero();
      for (int attempt = 2; attempt <= 3; attempt++) {
        ((MutableClock) clock).advance(Duration.ofSeconds(61));
        assertThat(pusher.sweep()).as("resend " + attempt).isEqualTo(1);
        assertThat(edge.next(ConfigPush.class, WAIT).getConfigVersion()).isEqualTo(1);
      }
      ((MutableClock) clock).advance(Duration.ofSeconds(61));
      assertThat(pusher.sweep()).as("after max-attempts").isZero();
      JsonNode failed = status("cp-silent", "tech-a");
      assertThat(failed.get("state").asText()).isEqualTo("failed");
      assertThat(failed.get("detail").asText()).contains("unanswered after 3");
      assertThat(audits("gateway.config.unanswered", "cp-silent")).isEqualTo(1);
      assertThat(pusher.sweep()).as("a failed version is not pushed again by itself").isZero();
      edge.expectNothing(Duration.ofMillis(300));
      // a late answer still counts
      edge.send(result("config:1", true, ""));
      awaitState("cp-silent", "in_sync");
    }
  }

  @Test
  void hello_edgeRunsDesiredVersion_nothingPushed_wipedEdgeGetsItAgain() throws Exception {
    String credential = gateway("cp-again");
    camera("cp-again", "cam-1");
    try (ScriptedEdge edge = ScriptedEdge.connect(group, ingest.port())) {
      edge.hello("cp-again", credential, 0, "command.v1");
      edge.next(ConfigPush.class, WAIT);
      edge.send(result("config:1", true, ""));
      awaitState("cp-again", "in_sync");
    }
    try (ScriptedEdge edge = ScriptedEdge.connect(group, ingest.port())) {
      edge.hello("cp-again", credential, 1, "command.v1");
      edge.expectNothing(Duration.ofMillis(500));
      assertThat(pusher.sweep()).isZero();
      assertThat(status("cp-again", "tech-a").get("state").asText()).isEqualTo("in_sync");
    }
    try (ScriptedEdge edge = ScriptedEdge.connect(group, ingest.port())) {
      edge.hello("cp-again", credential, 0, "command.v1");
      assertThat(edge.next(ConfigPush.class, WAIT).getConfigVersion()).isEqualTo(1);
      assertThat(status("cp-again", "tech-a").get("appliedVersion").asLong()).isZero();
    }
  }

  @Test
  void hello_edgeAheadOfHub_versionRaisedAboveTheEdges() throws Exception {
    String credential = gateway("cp-ahead");
    camera("cp-ahead", "cam-1");
    try (ScriptedEdge edge = ScriptedEdge.connect(group, ingest.port())) {
      edge.hello("cp-ahead", credential, 7, "command.v1");
      assertThat(edge.next(ConfigPush.class, WAIT).getConfigVersion()).isEqualTo(8);
    }
  }

  @Test
  void sessionWithoutCommandFeature_nothingPushed_pendingSaysWhy() throws Exception {
    String credential = gateway("cp-old");
    long cam = camera("cp-old", "cam-1");
    try (ScriptedEdge edge = ScriptedEdge.connect(group, ingest.port())) {
      HelloAck ack = edge.hello("cp-old", credential, 0, "evidence.v1");
      assertThat(ack.getFeaturesList()).doesNotContain("command.v1");
      edge.expectNothing(Duration.ofMillis(500));
      assertThat(pusher.sweep()).isZero();
      JsonNode s = awaitState("cp-old", "pending");
      assertThat(s.get("detail").asText()).contains("command.v1");
      assertThat(call("POST", "/api/v1/gateways/cp-old/config/push", "tech-a", null, 409)
          .get("detail").asText()).contains("command.v1");
      assertThat(call("POST", "/api/v1/devices/" + cam + "/snapshot", "tech-a", null, 409)
          .get("detail").asText()).contains("command.v1");
    }
  }

  @Test
  void status_scopedAndRoles() throws Exception {
    gateway("cp-scope");
    assertThat(status("cp-scope", "viewer-a").get("state").asText()).isEqualTo("offline");
    call("GET", "/api/v1/gateways/cp-scope/config/status", "viewer-b", null, 404);
    call("GET", "/api/v1/gateways/cp-scope/config/status", "disp-a", null, 403);
    call("GET", "/api/v1/gateways/nope/config/status", "tech-a", null, 404);
    assertThat(call("POST", "/api/v1/gateways/cp-scope/config/push", "tech-a", null, 409)
        .get("detail").asText()).contains("no session on this hub instance");
  }

  @Test
  void versionOf_twoWritersSameContent_raisedOnce() throws Exception {
    gateway("cp-race");
    camera("cp-race", "cam-1");
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        long before = rows.find("cp-race").orElseThrow().version();
        String hash = "race-" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          results.add(two.submit(() -> {
            start.await();
            return rows.versionOf("cp-race", hash, 0, clock.instant());
          }));
        }
        start.countDown();
        assertThat(results.get(0).get(30, TimeUnit.SECONDS)).isEqualTo(before + 1);
        assertThat(results.get(1).get(30, TimeUnit.SECONDS)).isEqualTo(before + 1);
        assertThat(rows.find("cp-race").orElseThrow().version()).isEqualTo(before + 1);
      }
      // two assemblers of the unchanged registry (the content went back to the real one once)
      long real = versions.desired("cp-race", 0).orElseThrow().version();
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Long>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        results.add(two.submit(() -> {
          start.await();
          return versions.desired("cp-race", 0).orElseThrow().version();
        }));
      }
      start.countDown();
      assertThat(results.get(0).get(30, TimeUnit.SECONDS)).isEqualTo(real);
      assertThat(results.get(1).get(30, TimeUnit.SECONDS)).isEqualTo(real);
    } finally {
      two.shutdownNow();
    }
  }

  @Test
  void snapshot_commandEvidenceResult_previewServed() throws Exception {
    String credential = gateway("cp-snap");
    long cam = camera("cp-snap", "cam-gate");
    long sensor = call("POST", "/api/v1/gateways/cp-snap/devices", "tech-a",
        "{\"deviceId\":\"wl-1\",\"kind\":\"sensor\",\"gridCode\":\"" + A1
            + "\",\"settings\":{\"sensor_type\":\"water_level\"}}", 201)
        .get("id").asLong();
    assertThat(call("GET", "/api/v1/devices/" + cam + "/preview", "tech-a", null, 404)
        .get("detail").asText()).contains("no preview yet", "/snapshot");
    assertThat(call("POST", "/api/v1/devices/" + cam + "/snapshot", "tech-a", null, 409)
        .get("detail").asText()).contains("no session");
    try (ScriptedEdge edge = ScriptedEdge.connect(group, ingest.port())) {
      edge.hello("cp-snap", credential, 0, "command.v1", "evidence.v1");
      edge.next(ConfigPush.class, WAIT);
      edge.send(result("config:1", true, ""));
      call("POST", "/api/v1/devices/" + sensor + "/snapshot", "tech-a", null, 409);
      call("POST", "/api/v1/devices/" + cam + "/snapshot", "viewer-a", null, 403);
      JsonNode requested = call("POST", "/api/v1/devices/" + cam + "/snapshot", "tech-a", null,
          202);
      Command command = edge.next(Command.class, WAIT);
      assertThat(command.getCommandId()).isEqualTo(requested.get("commandId").asText());
      assertThat(command.getRequestSnapshot().getDeviceId()).isEqualTo("cam-gate");
      assertThat(call("POST", "/api/v1/devices/" + cam + "/snapshot", "tech-a", null, 409)
          .get("detail").asText()).contains("not answered yet");
      assertThat(call("GET", "/api/v1/devices/" + cam + "/preview", "tech-a", null, 404)
          .get("detail").asText()).contains("not answered yet");

      byte[] picture = "\u00ff\u00d8 a tiny jpeg".getBytes(StandardCharsets.ISO_8859_1);
      String evidenceId = java.util.UUID.randomUUID().toString();
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      crc.update(picture);
      edge.send(EvidenceChunk.newBuilder().setSequence(1).setCaptureTimeMs(1_700_000_000_000L)
          .setDeviceId("cam-gate").setBootId("boot-1").setEvidenceId(evidenceId)
          .setContentType("image/jpeg").setIndex(0).setCount(1).setOffset(0)
          .setTotalSize(picture.length).setData(ByteString.copyFrom(picture))
          .setCrc32C((int) crc.getValue())
          .setSha256(ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(picture)))
          .build());
      edge.send(CommandResult.newBuilder().setCommandId(command.getCommandId()).setOk(true)
          .addEvidenceIds(evidenceId).build());

      long deadline = System.nanoTime() + WAIT.toNanos();
      MvcResult image;
      while ((image = raw("GET", "/api/v1/devices/" + cam + "/preview", "tech-a", null, null))
          .getResponse().getStatus() != 200) {
        assertThat(System.nanoTime()).as("preview served; last answer "
            + image.getResponse().getContentAsString()).isLessThan(deadline);
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
      assertThat(image.getResponse().getContentAsByteArray()).isEqualTo(picture);
      assertThat(image.getResponse().getContentType()).isEqualTo("image/jpeg");
      assertThat(audits("device.preview.view", "cp-snap/" + evidenceId)).isEqualTo(1);
      assertThat(audits("device.snapshot", "cp-snap/cam-gate")).isEqualTo(1);
      assertThat(call("GET", "/api/v1/devices/" + cam, "tech-a", null, 200)
          .at("/preview/evidenceId").asText()).isEqualTo(evidenceId);
      call("GET", "/api/v1/devices/" + cam + "/preview", "disp-a", null, 403);
    }
  }

  // --- helpers ---

  static CommandResult result(String id, boolean ok, String message) {
    return CommandResult.newBuilder().setCommandId(id).setOk(ok).setMessage(message).build();
  }

  /** A new gateway in A1 registered by tech-a; returns its credential. */
  String gateway(String id) throws Exception {
    return call("POST", "/api/v1/gateways", "tech-a", "{\"gatewayId\":\"" + id
        + "\",\"gridCode\":\"" + A1 + "\"}", 201).get("credential").asText();
  }

  long camera(String gateway, String deviceId) throws Exception {
    return call("POST", "/api/v1/gateways/" + gateway + "/devices", "tech-a",
        DeviceContract.camera(deviceId, A1), 201).get("id").asLong();
  }

  static String camera(String deviceId, int fps) {
    return DeviceContract.camera(deviceId, A1).replace("\"analysis_fps\":5",
        "\"analysis_fps\":" + fps);
  }

  JsonNode status(String gateway, String user) throws Exception {
    return call("GET", "/api/v1/gateways/" + gateway + "/config/status", user, null, 200);
  }

  JsonNode awaitState(String gateway, String state) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonNode s = status(gateway, "tech-a");
      if (s.get("state").asText().equals(state)) {
        return s;
      }
      assertThat(System.nanoTime()).as("state " + state + " of " + gateway + "; now " + s)
          .isLessThan(deadline);
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  int audits(String action, String objectId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = ? AND "
        + "object_id = ?", Integer.class, action, objectId);
  }

  String bearer(String user) {
    return bearers.computeIfAbsent(user, testUsers::bearer);
  }

  MvcResult raw(String method, String path, String user, String contentType, String body)
      throws Exception {
    MockHttpServletRequestBuilder r = request(HttpMethod.valueOf(method), path);
    if (user != null) {
      r.header("Authorization", bearer(user));
    }
    if (body != null) {
      r.contentType(contentType).content(body);
    }
    return mvc.perform(r).andReturn();
  }

  JsonNode call(String method, String path, String user, String body, int status)
      throws Exception {
    MvcResult result = raw(method, path, user, MediaType.APPLICATION_JSON_VALUE, body);
    String text = result.getResponse().getContentAsString();
    assertThat(result.getResponse().getStatus()).as(method + " " + path + " as " + user + ": "
        + text).isEqualTo(status);
    assertThat(text).doesNotContain(SECRET);
    return text.isEmpty() ? json.nullNode() : json.readTree(text);
  }
}
