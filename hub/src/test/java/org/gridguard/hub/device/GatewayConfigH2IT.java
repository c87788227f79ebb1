package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.gridguard.hub.grid.GridImporter;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.Role;
import org.gridguard.hub.security.TestUsers;
import org.gridguard.hub.security.TokenService;
import org.gridguard.hub.security.UserRepository;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code GET /api/v1/gateways/{id}/config} on the embedded H2 database with real tokens: the
 * assembled YAML with the registry's devices, its version as ETag (304), redaction and the
 * audited reveal, roles and grid scope.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class GatewayConfigH2IT {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  static final String A1 = DeviceContract.A1;
  static final String A2 = DeviceContract.A2;
  static final String SECRET = DeviceContract.SECRET;

  @Autowired MockMvc mvc;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired GridImporter gridImporter;
  @Autowired JdbcTemplate jdbc;

  final ObjectMapper json = new ObjectMapper();
  final Map<String, String> bearers = new HashMap<>();
  TestUsers testUsers;

  @org.springframework.test.context.DynamicPropertySource
  static void properties(org.springframework.test.context.DynamicPropertyRegistry registry)
      throws Exception {
    Path dir = Files.createTempDirectory("gg-gwconfig-h2");
    HubTestProperties.localHub(registry, influxd, "gg_gwconfig", dir);
    registry.add("gridguard.security.sign-in-max-failures", () -> "1000");
    registry.add("gridguard.device.secret-key-file", () -> dir.resolve("device-secret-key").toString());
  }

  @BeforeEach
  void world() {
    testUsers = new TestUsers(users, tokens, encoder, gridImporter);
    testUsers.gridsExist(A1, A2, DeviceContract.B1);
    testUsers.create("tech-a", GridScope.of(Set.of(DeviceContract.VILLAGE_A)), Role.TECHNICIAN);
    testUsers.create("tech-a1", GridScope.of(Set.of(A1)), Role.TECHNICIAN);
    testUsers.create("tech-b", GridScope.of(Set.of("330102002001")), Role.TECHNICIAN);
    testUsers.create("viewer-a", GridScope.of(Set.of(DeviceContract.VILLAGE_A)), Role.VIEWER);
    testUsers.create("disp-a", GridScope.of(Set.of(DeviceContract.VILLAGE_A)), Role.DISPATCHER);
  }

  MvcResult raw(String method, String path, String user, String body, String ifNoneMatch)
      throws Exception {
    MockHttpServletRequestBuilder r = request(HttpMethod.valueOf(method), path)
        .header("Authorization", bearers.computeIfAbsent(user, testUsers::bearer));
    if (body != null) {
      r.contentType(MediaType.APPLICATION_JSON).content(body);
    }
    if (ifNoneMatch != null) {
      r.header("If-None-Match", ifNoneMatch);
    }
    return mvc.perform(r).andReturn();
  }

  JsonNode call(String method, String path, String user, String body, int status)
      throws Exception {
    MvcResult result = raw(method, path, user, body, null);
    String text = result.getResponse().getContentAsString();
    assertThat(result.getResponse().getStatus()).as(method + " " + path + " as " + user + ": "
        + text).isEqualTo(status);
    return text.isEmpty() ? json.nullNode() : json.readTree(text);
  }

  /** A gateway in A1 with a camera, a door and a gauge; returns the gauge's registry id. */
  long gatewayWithDevices(String gw) throws Exception {
    call("POST", "/api/v1/gateways", "tech-a", "{\"gatewayId\":\"" + gw + "\",\"gridCode\":\""
        + A1 + "\"}", 201);
    call("POST", "/api/v1/gateways/" + gw + "/devices", "tech-a",
        DeviceContract.camera("cam-gate", A1), 201);
    call("POST", "/api/v1/gateways/" + gw + "/devices", "tech-a", "{\"deviceId\":\"door-east\","
        + "\"kind\":\"DOOR\",\"settings\":{\"channels\":[{\"channel\":\"1\"}],"
        + "\"door_held_open\":\"90s\"}}", 201);
    return call("POST", "/api/v1/gateways/" + gw + "/devices", "tech-a", gauge(0.6), 201)
        .get("id").asLong();
  }

  static String gauge(double above) {
    return "{\"deviceId\":\"WL-1\",\"kind\":\"SENSOR\",\"settings\":{\"sensor_type\":"
        + "\"water_level\",\"expected_interval\":\"30m\",\"thresholds\":[{\"metric\":"
        + "\"water_level\",\"above\":" + above + ",\"clear_below\":0.5}]}}";
  }

  @Test
  void config_asTechnician_redactedYamlWithItsVersionAsETag() throws Exception {
    long gauge = gatewayWithDevices("cfg-gw-1");

    MvcResult first = raw("GET", "/api/v1/gateways/cfg-gw-1/config", "tech-a", null, null);
    assertThat(first.getResponse().getStatus()).isEqualTo(200);
    JsonNode body = json.readTree(first.getResponse().getContentAsString());
    String version = body.get("version").asText();
    assertThat(version).matches("[0-9a-f]{16}");
    assertThat(first.getResponse().getHeader("ETag")).isEqualTo("\"" + version + "\"");
    assertThat(body.get("credentialsRedacted").asBoolean()).isTrue();
    assertThat(body.get("yaml").asText())
        .contains("- id: cam-gate").contains("url: rtsp://admin:***@192.168.1.64:554/ch1")
        .contains("door-east:").contains("door_held_open: 90s").contains("WL-1:")
        .contains("above: 0.6");
    assertThat(first.getResponse().getContentAsString()).doesNotContain(SECRET);

    MvcResult unchanged = raw("GET", "/api/v1/gateways/cfg-gw-1/config", "tech-a", null,
        "\"" + version + "\"");
    assertThat(unchanged.getResponse().getStatus()).isEqualTo(304);
    assertThat(unchanged.getResponse().getContentAsString()).isEmpty();

    call("PUT", "/api/v1/devices/" + gauge, "tech-a", gauge(0.7), 200);
    MvcResult changed = raw("GET", "/api/v1/gateways/cfg-gw-1/config", "tech-a", null,
        "\"" + version + "\"");
    assertThat(changed.getResponse().getStatus()).isEqualTo(200);
    JsonNode after = json.readTree(changed.getResponse().getContentAsString());
    assertThat(after.get("version").asText()).isNotEqualTo(version);
    assertThat(after.get("yaml").asText()).contains("above: 0.7");
  }

  @Test
  void config_reveal_hasTheCredentialsIsAuditedAndNeverLogged(CapturedOutput output)
      throws Exception {
    gatewayWithDevices("cfg-gw-2");
    String redactedVersion = call("GET", "/api/v1/gateways/cfg-gw-2/config", "tech-a", null, 200)
        .get("version").asText();

    MvcResult revealed = raw("GET", "/api/v1/gateways/cfg-gw-2/config?reveal=true", "tech-a",
        null, null);
    assertThat(revealed.getResponse().getStatus()).isEqualTo(200);
    JsonNode body = json.readTree(revealed.getResponse().getContentAsString());
    assertThat(body.get("yaml").asText())
        .contains("url: rtsp://admin:" + SECRET + "@192.168.1.64:554/ch1");
    assertThat(body.get("credentialsRedacted").asBoolean()).isFalse();
    assertThat(body.get("version").asText()).isEqualTo(redactedVersion);
    assertThat(revealed.getResponse().getHeader("Cache-Control")).contains("no-store");

    assertThat(jdbc.queryForList("SELECT actor FROM audit_event WHERE action = "
        + "'gateway.config.reveal' AND object_id = 'cfg-gw-2'", String.class))
        .containsExactly("tech-a");
    assertThat(String.join("\n", jdbc.queryForList("SELECT COALESCE(detail, '') || "
        + "COALESCE(after_json, '') FROM audit_event", String.class))).doesNotContain(SECRET);
    assertThat(output.getAll()).doesNotContain(SECRET);
  }

  @Test
  void config_otherRolesAndScopes_refusedAsTheMatrixSays() throws Exception {
    gatewayWithDevices("cfg-gw-3");

    call("GET", "/api/v1/gateways/cfg-gw-3/config", "viewer-a", null, 403);
    call("GET", "/api/v1/gateways/cfg-gw-3/config?reveal=true", "disp-a", null, 403);
    call("GET", "/api/v1/gateways/cfg-gw-3/config", "tech-b", null, 404);
    call("GET", "/api/v1/gateways/cfg-gw-3/config", "tech-a1", null, 200);

    // a device in A2 (outside tech-a1's scope): no partial document for tech-a1
    call("POST", "/api/v1/gateways/cfg-gw-3/devices", "tech-a", "{\"deviceId\":\"smoke-a2\","
        + "\"kind\":\"SENSOR\",\"gridCode\":\"" + A2 + "\",\"settings\":{\"sensor_type\":"
        + "\"smoke\",\"expected_interval\":\"1h\"}}", 201);
    JsonNode refused = call("GET", "/api/v1/gateways/cfg-gw-3/config?reveal=true", "tech-a1",
        null, 403);
    assertThat(refused.get("detail").asText()).contains("1 device(s) in grids outside your");
    assertThat(call("GET", "/api/v1/gateways/cfg-gw-3/config", "tech-a", null, 200)
        .get("yaml").asText()).contains("smoke-a2:");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = "
        + "'gateway.config.reveal' AND object_id = 'cfg-gw-3'", Long.class)).isZero();
  }
}
