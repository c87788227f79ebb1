package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.gridguard.hub.grid.GridImporter;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.Role;
import org.gridguard.hub.security.TestUsers;
import org.gridguard.hub.security.TokenService;
import org.gridguard.hub.security.UserRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
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
 * The device registry through the REST API with real bearer tokens, on the database the subclass
 * chooses: create, read, change and delete devices as each role, scoping, validation with field
 * paths, camera credentials encrypted and never in an answer, the audit log or a log line.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class DeviceContract implements PlacedDevicesContract {
  static final String VILLAGE_A = "330102001001";
  static final String A1 = VILLAGE_A + "001";
  static final String A2 = VILLAGE_A + "002";
  static final String B1 = "330102002001001";
  static final String SECRET = "Cam-Pass-4711";

  @Autowired MockMvc mvc;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired GridImporter gridImporter;
  @Autowired JdbcTemplate jdbc;
  @Autowired DeviceDirectory directory;
  @Autowired org.gridguard.hub.gateway.GatewayRepository gatewayRows;
  @Autowired org.gridguard.hub.gateway.GatewayAuthenticator authenticator;
  @Autowired DeviceConsole deviceConsole;

  final ObjectMapper json = new ObjectMapper();
  TestUsers testUsers;
  final java.util.Map<String, String> bearers = new java.util.HashMap<>();

  @BeforeEach
  void world() {
    testUsers = new TestUsers(users, tokens, encoder, gridImporter);
    testUsers.gridsExist(A1, A2, B1);
    testUsers.create("tech-a", GridScope.of(Set.of(VILLAGE_A)), Role.TECHNICIAN);
    testUsers.create("tech-b", GridScope.of(Set.of("330102002001")), Role.TECHNICIAN);
    testUsers.create("viewer-a", GridScope.of(Set.of(VILLAGE_A)), Role.VIEWER);
    testUsers.create("disp-a", GridScope.of(Set.of(VILLAGE_A)), Role.DISPATCHER);
    testUsers.create("patrol-a", GridScope.of(Set.of(VILLAGE_A)), Role.PATROL);
  }

  @Override
  public DeviceConsole console() {
    return deviceConsole;
  }

  @Override
  public JdbcTemplate jdbc() {
    return jdbc;
  }

  @Override
  public UserRepository users() {
    return users;
  }

  @Override
  public void gatewayIn(String id, String grid, String user) throws Exception {
    call("POST", "/api/v1/gateways", user, "{\"gatewayId\":\"" + id + "\",\"gridCode\":\""
        + grid + "\"}", 201);
  }

  @Override
  public void door(String gateway, String deviceId, String grid, Double lat, Double lon,
      String user) throws Exception {
    call("POST", "/api/v1/gateways/" + gateway + "/devices", user, "{\"deviceId\":\"" + deviceId
        + "\",\"kind\":\"door\",\"gridCode\":\"" + grid + "\""
        + (lat == null ? "" : ",\"lat\":" + lat + ",\"lon\":" + lon) + "}", 201);
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

  /** A new gateway in A1, registered by tech-a; returns its id. */
  String gateway(String id) throws Exception {
    call("POST", "/api/v1/gateways", "tech-a", "{\"gatewayId\":\"" + id + "\",\"gridCode\":\""
        + A1 + "\"}", 201);
    return id;
  }

  static String camera(String deviceId, String grid) {
    return "{\"deviceId\":\"" + deviceId + "\",\"kind\":\"camera\",\"name\":\"Village gate\","
        + "\"vendor\":\"Hikvision\",\"model\":\"DS-2CD\",\"gridCode\":\"" + grid + "\","
        + "\"lat\":30.05,\"lon\":120.05,\"installedOn\":\"2025-10-01\","
        + "\"settings\":{\"analysis_fps\":5,\"zones\":[{\"name\":\"gate\",\"polygon\":"
        + "[[0,0.45],[1,0.45],[1,1],[0,1]]}]},"
        + "\"stream\":{\"url\":\"rtsp://192.168.1.64:554/ch1\",\"username\":\"admin\","
        + "\"password\":\"" + SECRET + "\"}}";
  }

  @Test
  void createCamera_asTechnician_storedEncryptedAndShownRedacted(CapturedOutput output)
      throws Exception {
    String gw = gateway("dev-gw-1");
    long config0 = call("GET", "/api/v1/gateways/" + gw, "tech-a", null, 200)
        .at("/config/desiredVersion").asLong();
    JsonNode created = call("POST", "/api/v1/gateways/" + gw + "/devices", "tech-a",
        camera("cam-gate", A1), 201);
    assertThat(created.get("kind").asText()).isEqualTo("CAMERA");
    assertThat(created.at("/stream/url").asText()).isEqualTo("rtsp://admin:***@192.168.1.64:554/ch1");
    assertThat(created.at("/stream/credentialsStored").asBoolean()).isTrue();
    assertThat(created.at("/settings/zones/0/name").asText()).isEqualTo("gate");
    long id = created.get("id").asLong();

    String stored = jdbc.queryForObject("SELECT stream_secret FROM device WHERE id = ?",
        String.class, id);
    assertThat(stored).startsWith("v1:").doesNotContain(SECRET).doesNotContain("192.168");
    String audited = String.join("\n", jdbc.queryForList(
        "SELECT COALESCE(after_json, '') FROM audit_event WHERE action = 'device.create'",
        String.class));
    assertThat(audited).contains("CAMERA").doesNotContain(SECRET);

    for (String reader : new String[] {"viewer-a", "disp-a", "tech-a"}) {
      call("GET", "/api/v1/devices/" + id, reader, null, 200);
      assertThat(call("GET", "/api/v1/gateways/" + gw + "/devices", reader, null, 200)
          .get("total").asLong()).isEqualTo(1);
    }
    call("GET", "/api/v1/devices/" + id, "patrol-a", null, 403);
    call("GET", "/api/v1/devices/" + id, "tech-b", null, 404);
    assertThat(call("GET", "/api/v1/gateways/" + gw, "tech-a", null, 200)
        .at("/config/desiredVersion").asLong()).isEqualTo(config0 + 1);
    assertThat(directory.place(gw, "cam-gate")).contains(
        new DevicePlace(A1, 30.05, 120.05, "Village gate"));
    assertThat(directory.place(gw, "nope")).isEmpty();
    assertThat(output.getAll()).doesNotContain(SECRET);
  }

  @Test
  void updateCamera_withoutStream_keepsTheStoredCredentials() throws Exception {
    String gw = gateway("dev-gw-2");
    long id = call("POST", "/api/v1/gateways/" + gw + "/devices", "tech-a",
        camera("cam-1", A1), 201).get("id").asLong();
    JsonNode updated = call("PUT", "/api/v1/devices/" + id, "tech-a", "{\"deviceId\":\"cam-1\","
        + "\"kind\":\"CAMERA\",\"gridCode\":\"" + A2 + "\",\"notes\":\"moved to the pond\"}", 200);
    assertThat(updated.get("gridCode").asText()).isEqualTo(A2);
    assertThat(updated.at("/stream/credentialsStored").asBoolean()).isTrue();
    assertThat(updated.get("name")).isNull();
    // a new device id needs its stream again (the ciphertext is bound to the id)
    JsonNode renamed = call("PUT", "/api/v1/devices/" + id, "tech-a",
        "{\"deviceId\":\"cam-2\",\"kind\":\"CAMERA\"}", 400);
    assertThat(renamed.get("detail").asText()).startsWith("stream.url: is required");
  }

  @Test
  void createCamera_whatTheEdgeWouldRefuse_400NamingTheField() throws Exception {
    String path = "/api/v1/gateways/" + gateway("dev-gw-edge") + "/devices";
    assertThat(call("POST", path, "tech-a", camera("cam:gate", A1), 400).get("detail").asText())
        .startsWith("deviceId: a camera's id is its video.cameras[].id at the edge");
    assertThat(call("POST", path, "tech-a", camera("cam-gate", A1).replace("\"analysis_fps\":5",
        "\"analysis_fps\":5,\"analysis_size\":\"321x180\""), 400).get("detail").asText())
        .startsWith("settings.analysis_size: must be WIDTHxHEIGHT with even sides");
    assertThat(call("POST", path, "tech-a", camera("cam-gate", A1).replace("\"analysis_fps\":5",
        "\"analysis_fps\":5,\"detect\":{\"video_loss_after\":\"30s\"}"), 400)
        .get("detail").asText()).startsWith("settings.detect.video_loss_after: must be between");
    call("POST", path, "tech-a", camera("cam-gate", A1), 201);
  }

  @Test
  void create_badInput_namesTheField() throws Exception {
    String gw = gateway("dev-gw-3");
    String path = "/api/v1/gateways/" + gw + "/devices";
    assertThat(call("POST", path, "tech-a", "{\"deviceId\":\"d1\",\"kind\":\"lamp\"}", 400)
        .get("detail").asText()).startsWith("kind: must be CAMERA, DOOR or SENSOR");
    assertThat(call("POST", path, "tech-a", "{\"deviceId\":\"bad id\",\"kind\":\"door\"}", 400)
        .get("detail").asText()).startsWith("deviceId: is required");
    assertThat(call("POST", path, "tech-a", "{\"deviceId\":\"d1\",\"kind\":\"door\","
        + "\"lat\":30.0}", 400).get("detail").asText()).startsWith("lon: give lat and lon");
    assertThat(call("POST", path, "tech-a", "{\"deviceId\":\"d1\",\"kind\":\"sensor\","
        + "\"settings\":{\"sensor_type\":\"water_level\",\"thresholds\":[{\"metric\":\"l\"}]}}",
        400).get("detail").asText()).startsWith("settings.thresholds[0]: give exactly one of");
    assertThat(call("POST", path, "tech-a", "{\"deviceId\":\"c1\",\"kind\":\"camera\"}", 400)
        .get("detail").asText()).startsWith("stream.url: is required for a camera");
    assertThat(call("POST", path, "tech-a", "{\"deviceId\":\"d1\",\"kind\":\"door\","
        + "\"gridCode\":\"330102001001999\"}", 400).get("detail").asText())
        .startsWith("gridCode: no grid 330102001001999");
    call("POST", path, "tech-a", "{\"deviceId\":\"d1\",\"kind\":\"door\",\"gridCode\":\"" + B1
        + "\"}", 403);
    call("POST", path, "viewer-a", "{\"deviceId\":\"d1\",\"kind\":\"door\"}", 403);
    call("POST", path, "tech-b", "{\"deviceId\":\"d1\",\"kind\":\"door\"}", 404);
    JsonNode door = call("POST", path, "tech-a", "{\"deviceId\":\"d1\",\"kind\":\"door\","
        + "\"settings\":{\"channels\":[{\"channel\":\"1\",\"name\":\"north gate\"}]}}", 201);
    assertThat(door.get("gridCode").asText()).isEqualTo(A1);
    assertThat(door.get("stream")).isNull();
    call("POST", path, "tech-a", "{\"deviceId\":\"d1\",\"kind\":\"door\"}", 409);
    call("DELETE", "/api/v1/devices/" + door.get("id").asLong(), "viewer-a", null, 403);
    call("DELETE", "/api/v1/devices/" + door.get("id").asLong(), "tech-a", null, 204);
    call("GET", "/api/v1/devices/" + door.get("id").asLong(), "tech-a", null, 404);
  }

  @Test
  void updateGateway_place_isShownWithTheEdgeReport() throws Exception {
    String gw = gateway("dev-gw-4");
    JsonNode view = call("PUT", "/api/v1/gateways/" + gw, "tech-a", "{\"address\":\"Village hall\","
        + "\"lat\":30.1,\"lon\":120.1,\"notes\":\"in the cabinet\"}", 200);
    assertThat(view.get("address").asText()).isEqualTo("Village hall");
    assertThat(view.get("revoked").asBoolean()).isFalse();
    call("PUT", "/api/v1/gateways/" + gw, "tech-a", "{\"lat\":91,\"lon\":0}", 400);
    call("PUT", "/api/v1/gateways/" + gw, "viewer-a", "{}", 403);
  }

  JsonNode csv(String gw, String query, String body, int status) throws Exception {
    MvcResult r = raw("POST", "/api/v1/gateways/" + gw + "/devices/import" + query, "tech-a",
        "text/csv", body);
    String text = r.getResponse().getContentAsString();
    assertThat(r.getResponse().getStatus()).as(text).isEqualTo(status);
    assertThat(text).doesNotContain(SECRET);
    return json.readTree(text);
  }

  @Test
  void importCsv_badRows_reportsEachAndStoresNothing() throws Exception {
    String gw = gateway("dev-gw-csv1");
    String file = DeviceCsv.HEADER + "\n"
        + "cam-1,CAMERA,Gate,,,," + "30.1,120.1,2025-10-01,,,rtsp://10.0.0.5/ch1,admin," + SECRET + "\n"
        + "door-1,DOOR,North door,,,,abc,120.1,,,,,,\n"
        + "wl-1,SENSOR,River gauge,,,,,,,,\"{\"\"sensor_type\"\":\"\"water_level\"\","
        + "\"\"expected_interval\"\":\"\"soon\"\"}\",,,\n"
        + "cam-1,DOOR,,,,,,,,,,,,\n"
        + "x-1,DOOR,,,," + B1 + ",,,,,,,,\n"
        + "door-2,DOOR,,,,,,,2025-13-01,,,,,\n";
    JsonNode report = csv(gw, "", file, 422);
    assertThat(report.get("stored").asBoolean()).isFalse();
    assertThat(report.get("rows").asInt()).isEqualTo(6);
    assertThat(report.get("problemCount").asLong()).isEqualTo(5);
    assertThat(report.get("problems").toString())
        .contains("{\"line\":3,\"field\":\"lat\",\"reason\":\"must be a number, was 'abc'\"}")
        .contains("{\"line\":4,\"field\":\"settings.expected_interval\"")
        .contains("{\"line\":5,\"field\":\"deviceId\",\"reason\":\"'cam-1' is in the file twice\"}")
        .contains("{\"line\":6,\"field\":\"gridCode\"")
        .contains("{\"line\":7,\"field\":\"installedOn\"");
    assertThat(call("GET", "/api/v1/gateways/" + gw + "/devices", "tech-a", null, 200)
        .get("total").asLong()).isZero();
    JsonNode header = csv(gw, "", "deviceId,kind,colour\n", 422);
    assertThat(header.at("/problems/0/field").asText()).isEqualTo("colour");
  }

  @Test
  void importCsv_dryRunThenStoreThenExport_roundTrips() throws Exception {
    String gw = gateway("dev-gw-csv2");
    String file = DeviceCsv.HEADER + "\r\n"
        + "cam-1,CAMERA,Gate,Dahua,IPC,," + "30.1,120.1,2025-10-01,\"by the gate, left\","
        + "\"{\"\"analysis_fps\"\":4}\",rtsp://10.0.0.5/ch1,admin," + SECRET + "\r\n"
        + "door-1,DOOR,North door,,," + A2 + ",,,,,\"{\"\"channels\"\":[{\"\"channel\"\":\"\"1\"\"}]}\",,,\r\n";
    JsonNode dry = csv(gw, "?dryRun=true", file, 200);
    assertThat(dry.get("stored").asBoolean()).isFalse();
    assertThat(dry.get("created").asInt()).isEqualTo(2);
    assertThat(call("GET", "/api/v1/gateways/" + gw + "/devices", "tech-a", null, 200)
        .get("total").asLong()).isZero();
    JsonNode stored = csv(gw, "", file, 200);
    assertThat(stored.get("stored").asBoolean()).isTrue();
    assertThat(stored.get("created").asInt()).isEqualTo(2);

    MvcResult export = raw("GET", "/api/v1/gateways/" + gw + "/devices/export", "viewer-a",
        null, null);
    assertThat(export.getResponse().getStatus()).isEqualTo(200);
    String exported = export.getResponse().getContentAsString();
    assertThat(exported).startsWith(DeviceCsv.HEADER + "\r\n").contains("\"by the gate, left\"")
        .doesNotContain(SECRET).doesNotContain("10.0.0.5");
    JsonNode again = csv(gw, "", exported, 200);
    assertThat(again.get("unchanged").asInt()).isEqualTo(2);
    assertThat(again.get("updated").asInt()).isZero();
    JsonNode cam = call("GET", "/api/v1/gateways/" + gw + "/devices", "tech-a", null, 200)
        .at("/items/0");
    assertThat(cam.at("/stream/credentialsStored").asBoolean()).isTrue();
    assertThat(cam.at("/settings/analysis_fps").asInt()).isEqualTo(4);
  }

  JsonNode enrol(String code, int status) throws Exception {
    return call("POST", "/api/v1/enrol", null, "{\"code\":\"" + code + "\"}", status);
  }

  @Test
  void enrol_code_isExchangedOnceForANewCredentialThatReplacesTheOld() throws Exception {
    String gw = gateway("dev-gw-enrol");
    String before = gatewayRows.find(gw).orElseThrow().credentialHash();
    call("POST", "/api/v1/gateways/" + gw + "/enrolment", "viewer-a", null, 403);
    call("POST", "/api/v1/gateways/" + gw + "/enrolment", "tech-b", null, 404);
    JsonNode issued = call("POST", "/api/v1/gateways/" + gw + "/enrolment", "tech-a", null, 201);
    String code = issued.get("code").asText();
    assertThat(code).matches("[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM enrolment_code WHERE code_hash = ?",
        Integer.class, code)).as("stored hashed").isZero();

    JsonNode enrolled = enrol(code.substring(0, 4) + "-" + code.substring(4).toLowerCase(), 200);
    assertThat(enrolled.get("gatewayId").asText()).isEqualTo(gw);
    String credential = enrolled.get("credential").asText();
    var row = gatewayRows.find(gw).orElseThrow();
    assertThat(row.credentialHash()).isNotEqualTo(before);
    assertThat(authenticator.hasher().matches(credential, row.credentialHash())).isTrue();

    assertThat(enrol(code, 410).get("detail").asText()).contains("already used");
    assertThat(enrol("AAAAAAAAAA", 400).get("detail").asText()).contains("unknown enrolment code");
    assertThat(enrol("short", 400).get("detail").asText()).startsWith("code: an enrolment code is");
    assertThat(jdbc.queryForList("SELECT action || ':' || outcome FROM audit_event WHERE "
        + "object_id = ? ORDER BY id", String.class, gw))
        .contains("gateway.enrolment-code:SUCCESS", "gateway.enrol:SUCCESS", "gateway.enrol:FAILURE");
  }

  @Test
  void enrol_expiredOrWithdrawnCode_isRefused() throws Exception {
    String gw = gateway("dev-gw-enrol2");
    String first = call("POST", "/api/v1/gateways/" + gw + "/enrolment", "tech-a", null, 201)
        .get("code").asText();
    String second = call("POST", "/api/v1/gateways/" + gw + "/enrolment", "tech-a", null, 201)
        .get("code").asText();
    assertThat(enrol(first, 410).get("detail").asText()).contains("expired or was withdrawn");
    jdbc.update("UPDATE enrolment_code SET expires_at = ? WHERE code_hash = ?",
        java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)),
        EnrolmentCodes.hash(second));
    assertThat(enrol(second, 410).get("detail").asText()).contains("expired");
  }
}
