package org.gridguard.hub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.gridguard.hub.grid.GridImporter;
import org.gridguard.hub.ingest.IngestServer;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.Role;
import org.gridguard.hub.security.TestUsers;
import org.gridguard.hub.security.TokenService;
import org.gridguard.hub.security.UserRepository;
import org.gridguard.hub.sim.GatewaySimulator;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issuing a new gateway credential through the REST API, against the real ingest server and a
 * protocol client: the live session is closed, the old credential is refused at once (or after
 * the grace window), the new one is accepted, and the rotation is audited.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CredentialRotationIT {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();
  private static final EventLoopGroup group = new NioEventLoopGroup(1);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-rotation");
    HubTestProperties.localHub(registry, influxd, "gg_rotation", dir);
  }

  @AfterAll
  static void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired IngestServer server;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired GridImporter grids;
  @Autowired JdbcTemplate jdbc;
  String bearer;

  @BeforeEach
  void technician() {
    TestUsers testUsers = new TestUsers(users, tokens, encoder, grids);
    testUsers.create("rot-tech", GridScope.of(Set.of("330102001001")), Role.TECHNICIAN);
    testUsers.gridsExist("330102001001001");
    bearer = testUsers.bearer("rot-tech");
  }

  private String call(String path) throws Exception {
    return mvc.perform(post(path).header("Authorization", bearer)
            .contentType(MediaType.APPLICATION_JSON)
            .content(path.endsWith("/gateways")
                ? "{\"gatewayId\":\"" + gatewayOf + "\",\"gridCode\":\"330102001001001\"}" : ""))
        .andReturn().getResponse().getContentAsString();
  }

  private String gatewayOf;

  private String register(String id) throws Exception {
    gatewayOf = id;
    return json.readTree(call("/api/v1/gateways")).get("credential").asText();
  }

  private String rotate(String id, String grace) throws Exception {
    return json.readTree(call("/api/v1/gateways/" + id + "/credential"
        + (grace == null ? "" : "?grace=" + grace))).get("credential").asText();
  }

  private Object hello(String id, String credential) throws Exception {
    try (GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1", server.port())) {
      return sim.hello(id, credential, UUID.randomUUID().toString());
    }
  }

  @Test
  void rotate_withoutGrace_liveSessionClosedOldRefusedNewAccepted() throws Exception {
    String old = register("gw-rot-1");
    try (GatewaySimulator live = GatewaySimulator.connect(group, "127.0.0.1", server.port())) {
      assertThat(live.hello("gw-rot-1", old, UUID.randomUUID().toString()))
          .isInstanceOf(HelloAck.class);
      String fresh = rotate("gw-rot-1", null);
      Reject reject = live.reject().get(10, TimeUnit.SECONDS);
      assertThat(reject.getReason()).isEqualTo(RejectReason.REVOKED);
      assertThat(live.awaitClosed(Duration.ofSeconds(5))).isTrue();
      assertThat(hello("gw-rot-1", old)).isInstanceOf(Reject.class)
          .extracting(r -> ((Reject) r).getReason()).isEqualTo(RejectReason.BAD_CREDENTIAL);
      assertThat(hello("gw-rot-1", fresh)).isInstanceOf(HelloAck.class);
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = "
        + "'gateway.credential-issue' AND object_id = 'gw-rot-1' AND actor = 'rot-tech'",
        Integer.class)).isEqualTo(1);
  }

  @Test
  void rotate_withGrace_bothValidDuringWindowOldRefusedAfter() throws Exception {
    String old = register("gw-rot-2");
    String fresh = rotate("gw-rot-2", "3s");
    assertThat(hello("gw-rot-2", fresh)).isInstanceOf(HelloAck.class);
    assertThat(hello("gw-rot-2", old)).isInstanceOf(HelloAck.class);
    AtomicReference<Object> answer = new AtomicReference<>();
    await("old credential refused after the 3 s window").atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> {
          answer.set(hello("gw-rot-2", old));
          return !(answer.get() instanceof HelloAck);
        });
    assertThat(answer.get()).as("the old credential's answer after the window")
        .isInstanceOf(Reject.class);
    assertThat(hello("gw-rot-2", fresh)).isInstanceOf(HelloAck.class);
  }

  @Test
  void rotate_badGrace_400() throws Exception {
    register("gw-rot-3");
    mvc.perform(post("/api/v1/gateways/gw-rot-3/credential?grace=forever")
            .header("Authorization", bearer))
        .andExpect(status().isBadRequest());
    mvc.perform(post("/api/v1/gateways/gw-rot-3/credential?grace=400d")
            .header("Authorization", bearer))
        .andExpect(status().isBadRequest());
  }
}
