package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.gridguard.hub.HubApplication;
import org.gridguard.hub.gateway.CredentialHasher;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
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
import org.gridguard.testkit.InfluxDbServer;
import org.gridguard.testkit.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Two hub instances on one PostgreSQL and one evidence store: a scripted edge connected to B, a
 * technician's "snapshot now" through A's REST API. B is woken by NOTIFY (the safety polls are
 * set to 10 minutes, so nothing else could deliver it), the edge receives the command exactly
 * once (further polls of both instances send nothing), a second request while it is pending is
 * refused by the database's one-pending-per-camera key, and the picture the edge sends to B is
 * served as the preview through A.
 */
class SnapshotTwoInstancesIT {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();
  static final String VILLAGE = "330102001001";
  static final String A1 = VILLAGE + "001";
  static final Duration WAIT = Duration.ofSeconds(15);

  private ConfigurableApplicationContext hub(Path dir, boolean web) {
    return new SpringApplicationBuilder(HubApplication.class)
        .web(web ? WebApplicationType.SERVLET : WebApplicationType.NONE)
        .run(
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--spring.datasource.url=" + postgres.jdbcUrl(),
            "--spring.datasource.username=" + postgres.username(),
            "--spring.datasource.password=" + postgres.password(),
            "--gridguard.influx.url=" + influxd.url(),
            "--gridguard.influx.database=gg_snap_two",
            "--gridguard.ingest.host=127.0.0.1",
            "--gridguard.ingest.port=0",
            "--gridguard.gateway.pbkdf2-iterations=1000",
            "--gridguard.evidence.directory=" + dir.resolve("evidence"),
            "--gridguard.device.secret-key-file=" + dir.resolve("device-secret-key"),
            "--gridguard.security.bootstrap-password-file=" + dir.resolve("admin-password"),
            "--gridguard.config-push.sweep-interval=10m",
            "--gridguard.camera-snapshot.safety-poll-interval=10m");
  }

  @Test
  void snapshotThroughA_edgeOnB_commandOnceViaNotify_previewServedThroughA() throws Exception {
    Path dir = Files.createTempDirectory("gg-snap-two");
    EventLoopGroup group = new NioEventLoopGroup(1);
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    try (ConfigurableApplicationContext a = hub(dir, true);
        ConfigurableApplicationContext b = hub(dir, false)) {
      TestUsers users = new TestUsers(a.getBean(UserRepository.class),
          a.getBean(TokenService.class), a.getBean(PasswordEncoder.class),
          a.getBean(GridImporter.class));
      users.gridsExist(A1);
      users.create("tech-a", GridScope.of(Set.of(VILLAGE)), Role.TECHNICIAN);
      String bearer = users.bearer("tech-a");
      String api = "http://127.0.0.1:" + a.getEnvironment().getProperty("local.server.port")
          + "/api/v1/devices/";
      a.getBean(GatewayRepository.class).insert(new Gateway("gw-snap2",
          new CredentialHasher(1000).hash("pw"), A1, false));
      JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);

      try (ScriptedEdge edge = ScriptedEdge.connect(group, b.getBean(IngestServer.class).port())) {
        edge.hello("gw-snap2", "pw", 0, "command.v1", "evidence.v1");
        edge.next(ConfigPush.class, WAIT);
        edge.send(CommandResult.newBuilder().setCommandId("config:1").setOk(true).build());
        // the camera registered after the push (no stream: nothing to push for this test)
        jdbc.update("INSERT INTO device (gateway_id, device_id, kind, grid_code, settings) VALUES "
            + "('gw-snap2', 'cam-gate', 'CAMERA', ?, '{}')", A1);
        long cam = jdbc.queryForObject("SELECT id FROM device WHERE device_id = 'cam-gate'",
            Long.class);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (jdbc.queryForObject("SELECT COUNT(*) FROM gateway WHERE gateway_id = 'gw-snap2' "
            + "AND last_seen_at IS NOT NULL", Long.class) == 0) {
          assertThat(System.nanoTime()).as("B marks the gateway seen at Hello")
              .isLessThan(deadline);
          LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }

        HttpResponse<String> asked = http.send(HttpRequest.newBuilder(URI.create(api + cam
            + "/snapshot")).header("Authorization", bearer)
            .POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        JsonNode requested = json.readTree(asked.body());
        assertThat(requested.get("delivery").asText()).isEqualTo("queued");

        Command command = edge.next(Command.class, WAIT);
        assertThat(command.getCommandId()).isEqualTo(requested.get("commandId").asText());
        assertThat(command.getRequestSnapshot().getDeviceId()).isEqualTo("cam-gate");
        // once: neither instance's look sends it again, nor a repeated notification
        assertThat(b.getBean(SnapshotDispatch.class).poll()).isZero();
        assertThat(a.getBean(SnapshotDispatch.class).poll()).isZero();
        b.getBean(SnapshotDispatch.class).announce("gw-snap2");
        edge.expectNothing(Duration.ofMillis(700));

        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(api + cam
            + "/snapshot")).header("Authorization", bearer)
            .POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("not answered yet");

        byte[] picture = "\u00ff\u00d8 a tiny jpeg".getBytes(StandardCharsets.ISO_8859_1);
        String evidenceId = UUID.randomUUID().toString();
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

        deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<byte[]> image;
        while ((image = http.send(HttpRequest.newBuilder(URI.create(api + cam + "/preview"))
            .header("Authorization", bearer).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray())).statusCode() != 200) {
          assertThat(System.nanoTime()).as("preview served through A; last answer "
              + new String(image.body(), StandardCharsets.UTF_8)).isLessThan(deadline);
          LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        assertThat(image.body()).isEqualTo(picture);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM camera_snapshot WHERE gateway_id = "
            + "'gw-snap2' AND pending_key IS NULL AND ok = TRUE", Long.class)).isEqualTo(1);
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }
}
