package org.gridguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The technician screens through the real filter chain (MockMvc, H2, signed in by the form):
 * gateways with their one-time enrolment code, cameras whose credentials never come back, doors,
 * sensors, the background CSV import and its report, health, orders and the chart data — and
 * that patrols are refused and village B never reaches village A's objects.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TechnicianPagesH2IT {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  static final String VILLAGE_A = "330102001001";
  static final String GRID_A = "330102001001001";
  static final String VILLAGE_B = "330102002001";
  static final String GRID_B = "330102002001001";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-tech-pages");
    HubTestProperties.localHub(registry, influxd, "gg_tech_pages", dir);
    registry.add("gridguard.security.sign-in-max-failures", () -> "1000");
  }

  @Autowired MockMvc mvc;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired GridImporter grids;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void usersExist() {
    TestUsers test = new TestUsers(users, tokens, encoder, grids);
    test.gridsExist(GRID_A, GRID_B);
    test.create("tech-a", GridScope.of(Set.of(VILLAGE_A)), Role.TECHNICIAN);
    test.create("tech-b", GridScope.of(Set.of(VILLAGE_B)), Role.TECHNICIAN);
    test.create("patrol-a", GridScope.of(Set.of(VILLAGE_A)), Role.PATROL);
    test.create("viewer-a", GridScope.of(Set.of(VILLAGE_A)), Role.VIEWER);
  }

  private MockHttpSession signIn(String username) throws Exception {
    MvcResult r = mvc.perform(post("/login").param("username", username)
        .param("password", TestUsers.PASSWORD).with(csrf())).andReturn();
    assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/");
    return (MockHttpSession) r.getRequest().getSession();
  }

  private MvcResult page(MockHttpSession session, String path) throws Exception {
    return mvc.perform(get(path).param("lang", "en").session(session)).andReturn();
  }

  private static String body(MvcResult r) throws Exception {
    return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
  }

  /** Registers {@code id} in grid A as tech-a and returns the enrolment page. */
  private MvcResult register(MockHttpSession tech, String id) throws Exception {
    return mvc.perform(post("/console/gateways").param("gatewayId", id).param("gridCode", GRID_A)
        .param("lang", "en").session(tech).with(csrf())).andReturn();
  }

  private long deviceId(String gateway, String device) {
    return jdbc.queryForObject("SELECT id FROM device WHERE gateway_id = ? AND device_id = ?",
        Long.class, gateway, device);
  }

  @Test
  void signIn_technician_landsOnTheGateways() throws Exception {
    MockHttpSession tech = signIn("tech-a");
    assertThat(mvc.perform(get("/").session(tech)).andReturn().getResponse().getRedirectedUrl())
        .isEqualTo("/console/gateways");
  }

  @Test
  void createGateway_technician_showsTheCodeOnceWithTheEnrolCommandAndExpiry() throws Exception {
    MockHttpSession tech = signIn("tech-a");
    MvcResult r = register(tech, "gw-pages-1");
    assertThat(r.getResponse().getStatus()).isEqualTo(200);
    assertThat(r.getResponse().getHeader("Cache-Control")).isEqualTo("no-store");
    String html = body(r);
    Matcher code = Pattern.compile("id=\"enrol-code\"[^>]*>([A-Z0-9]{10})<").matcher(html);
    assertThat(code.find()).as("the code on the page").isTrue();
    assertThat(html).contains("java -jar gridguard-edge-agent.jar --enrol http://localhost:80 "
        + code.group(1)).contains("id=\"enrol-expires\"").contains("shown only once");
    // the code is stored only as its hash; the list shows the new gateway
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM enrolment_code WHERE gateway_id = ? "
        + "AND code_hash <> ?", Integer.class, "gw-pages-1", code.group(1))).isEqualTo(1);
    assertThat(body(page(tech, "/console/gateways"))).contains("id=\"gateway-gw-pages-1\"");
  }

  @Test
  void createGateway_gridOfAnotherVillage_refusedWithTheReasonAndValuesKept() throws Exception {
    MockHttpSession techB = signIn("tech-b");
    MvcResult r = mvc.perform(post("/console/gateways").param("gatewayId", "gw-sneaky")
        .param("gridCode", GRID_A).param("lang", "en").session(techB).with(csrf())).andReturn();
    assertThat(r.getResponse().getStatus()).isEqualTo(403);
    assertThat(body(r)).contains("id=\"create-error\"").contains("outside your grid scope")
        .contains("value=\"gw-sneaky\"");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM gateway WHERE gateway_id = 'gw-sneaky'",
        Integer.class)).isZero();
  }

  @Test
  void pages_patrol_areRefused() throws Exception {
    MockHttpSession patrol = signIn("patrol-a");
    for (String path : new String[] {"/console/gateways", "/console/health", "/console/orders"}) {
      assertThat(page(patrol, path).getResponse().getStatus()).as(path).isEqualTo(403);
    }
    assertThat(mvc.perform(post("/console/gateways").param("gatewayId", "gw-patrol")
        .param("gridCode", GRID_A).session(patrol).with(csrf())).andReturn().getResponse()
        .getStatus()).isEqualTo(403);
  }

  @Test
  void gatewayPage_otherVillage_isNotFoundAsIfAbsent() throws Exception {
    register(signIn("tech-a"), "gw-pages-scope");
    MockHttpSession techB = signIn("tech-b");
    assertThat(page(techB, "/console/gateways/gw-pages-scope").getResponse().getStatus())
        .isEqualTo(404);
    assertThat(page(techB, "/console/gateways/gw-never-was").getResponse().getStatus())
        .isEqualTo(404);
    assertThat(body(page(techB, "/console/gateways"))).doesNotContain("gw-pages-scope");
  }

  @Test
  void viewer_readsTheGatewayButGetsNoWriteActions() throws Exception {
    register(signIn("tech-a"), "gw-pages-viewer");
    MockHttpSession viewer = signIn("viewer-a");
    String html = body(page(viewer, "/console/gateways/gw-pages-viewer"));
    assertThat(html).contains("Gateway gw-pages-viewer").doesNotContain("id=\"revoke\"")
        .doesNotContain("id=\"add-camera\"");
    assertThat(mvc.perform(post("/console/gateways/gw-pages-viewer/revoke").param("confirm", "yes")
        .session(viewer).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(403);
  }

  @Test
  void camera_credentialsAreStoredButNeverEchoed() throws Exception {
    MockHttpSession tech = signIn("tech-a");
    register(tech, "gw-pages-cam");
    MvcResult created = mvc.perform(post("/console/gateways/gw-pages-cam/devices")
        .param("kind", "CAMERA").param("deviceId", "cam-1").param("name", "East gate")
        .param("streamUrl", "rtsp://192.0.2.7:554/s1").param("streamUsername", "admin")
        .param("streamPassword", "s3cret-Pa55").param("cameraSettings", "{\"analysis_fps\": 2}")
        .session(tech).with(csrf())).andReturn();
    assertThat(created.getResponse().getRedirectedUrl()).isEqualTo("/console/gateways/gw-pages-cam");
    String gateway = body(page(tech, "/console/gateways/gw-pages-cam"));
    assertThat(gateway).contains("id=\"device-cam-1\"").contains(">set<")
        .doesNotContain("s3cret-Pa55");
    long id = deviceId("gw-pages-cam", "cam-1");
    String edit = body(page(tech, "/console/devices/" + id + "/edit"));
    assertThat(edit).doesNotContain("s3cret-Pa55").doesNotContain("192.0.2.7")
        .contains("A stream with credentials is stored").contains("analysis_fps")
        .contains("Snapshot now");
    // saving the form again without a URL keeps the stored stream
    MvcResult saved = mvc.perform(post("/console/devices/" + id).param("kind", "CAMERA")
        .param("deviceId", "cam-1").param("name", "East gate 2").session(tech).with(csrf()))
        .andReturn();
    assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/console/devices/" + id);
    assertThat(jdbc.queryForObject("SELECT stream_secret IS NOT NULL FROM device WHERE id = ?",
        Boolean.class, id)).isTrue();
    assertThat(body(page(tech, "/console/devices/" + id))).contains("East gate 2")
        .doesNotContain("s3cret-Pa55");
  }

  @Test
  void door_channelsOnePerLine_areStoredAsTheEdgesChannels() throws Exception {
    MockHttpSession tech = signIn("tech-a");
    register(tech, "gw-pages-door");
    MvcResult r = mvc.perform(post("/console/gateways/gw-pages-door/devices").param("kind", "DOOR")
        .param("deviceId", "door-1").param("channels", "1 East gate\n2 West gate\n")
        .param("doorHeldOpen", "2m").session(tech).with(csrf())).andReturn();
    assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/console/gateways/gw-pages-door");
    String settings = jdbc.queryForObject("SELECT settings FROM device WHERE gateway_id = ? AND "
        + "device_id = ?", String.class, "gw-pages-door", "door-1");
    assertThat(settings).contains("\"channel\":\"1\"").contains("\"name\":\"West gate\"")
        .contains("\"door_held_open\":\"2m\"");
  }

  @Test
  void sensor_badThresholdLine_formAgainNamingTheFieldWithValuesKept() throws Exception {
    MockHttpSession tech = signIn("tech-a");
    register(tech, "gw-pages-sensor");
    MvcResult bad = mvc.perform(post("/console/gateways/gw-pages-sensor/devices")
        .param("kind", "SENSOR").param("deviceId", "wl-1").param("sensorType", "water_level")
        .param("thresholds", "level above 1.5 clear 1.2\nlevel sideways 3").param("lang", "en")
        .session(tech).with(csrf())).andReturn();
    assertThat(bad.getResponse().getStatus()).isEqualTo(400);
    assertThat(body(bad)).contains("id=\"device-error\"").contains("line 2 &#39;level sideways 3&#39;")
        .contains("value=\"wl-1\"").containsPattern("id=\"thresholds\"[^>]*aria-invalid=\"true\"");
    // a value the API refuses (clear level on the wrong side) is named by its settings path
    MvcResult refused = mvc.perform(post("/console/gateways/gw-pages-sensor/devices")
        .param("kind", "SENSOR").param("deviceId", "wl-1").param("sensorType", "water_level")
        .param("thresholds", "level above 1.5 clear 2").session(tech).with(csrf())).andReturn();
    assertThat(refused.getResponse().getStatus()).isEqualTo(400);
    assertThat(body(refused)).contains("settings.thresholds[0].clear_below");
    MvcResult ok = mvc.perform(post("/console/gateways/gw-pages-sensor/devices")
        .param("kind", "SENSOR").param("deviceId", "wl-1").param("sensorType", "water_level")
        .param("unit", "m").param("expectedInterval", "5m")
        .param("thresholds", "level above 1.5 clear 1.2 priority=2").session(tech).with(csrf()))
        .andReturn();
    assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo("/console/gateways/gw-pages-sensor");
    long id = deviceId("gw-pages-sensor", "wl-1");
    assertThat(body(page(tech, "/console/devices/" + id + "/edit")))
        .contains("level above 1.5 clear 1.2 priority=2");
  }

  @Test
  void reenrol_withoutConfirmation_issuesNothing() throws Exception {
    MockHttpSession tech = signIn("tech-a");
    register(tech, "gw-pages-reenrol");
    MvcResult r = mvc.perform(post("/console/gateways/gw-pages-reenrol/enrolment").session(tech)
        .with(csrf())).andReturn();
    assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/console/gateways/gw-pages-reenrol");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM enrolment_code WHERE gateway_id = ?",
        Integer.class, "gw-pages-reenrol")).isEqualTo(1);
    MvcResult again = mvc.perform(post("/console/gateways/gw-pages-reenrol/enrolment")
        .param("confirm", "yes").session(tech).with(csrf())).andReturn();
    assertThat(body(again)).contains("id=\"enrol-code\"");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = "
        + "'gateway.enrolment-code' AND object_id = ?", Integer.class, "gw-pages-reenrol"))
        .isEqualTo(2);
  }

  @Test
  void revoke_confirmed_revokesThroughTheApi() throws Exception {
    MockHttpSession tech = signIn("tech-a");
    register(tech, "gw-pages-revoke");
    MvcResult r = mvc.perform(post("/console/gateways/gw-pages-revoke/revoke")
        .param("confirm", "yes").session(tech).with(csrf())).andReturn();
    assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/console/gateways/gw-pages-revoke");
    assertThat(jdbc.queryForObject("SELECT revoked FROM gateway WHERE gateway_id = ?",
        Boolean.class, "gw-pages-revoke")).isTrue();
  }

  @Test
  void importCsv_badRow_runsInTheBackgroundAndReportsLineFieldReason() throws Exception {
    MockHttpSession tech = signIn("tech-a");
    register(tech, "gw-pages-import");
    String csv = "deviceId,kind,name,gridCode\r\n"
        + "door-7,DOOR,North door,\r\n"
        + "door-8,DOOR,Far door," + GRID_B + "\r\n";
    MvcResult started = mvc.perform(multipart("/console/gateways/gw-pages-import/devices/import")
        .file(new MockMultipartFile("file", "devices.csv", "text/csv",
            csv.getBytes(StandardCharsets.UTF_8)))
        .header("HX-Request", "true").param("lang", "en").session(tech).with(csrf())).andReturn();
    assertThat(started.getResponse().getStatus()).isEqualTo(202);
    Matcher job = Pattern.compile("data-job=\"([A-Za-z0-9_-]+)\"").matcher(body(started));
    assertThat(job.find()).as("the progress fragment polls its job").isTrue();
    String report = poll(tech, job.group(1));
    assertThat(report).contains("id=\"import-report\"").contains("<td>3</td>")
        .contains("<td>gridCode</td>").contains("outside your grid scope");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM device WHERE gateway_id = ?",
        Integer.class, "gw-pages-import")).as("all or nothing").isZero();
    // another user does not see the job
    assertThat(mvc.perform(get("/console/imports/" + job.group(1)).session(signIn("tech-b")))
        .andReturn().getResponse().getStatus()).isEqualTo(404);
    // the good file is stored; the export has it
    MvcResult good = mvc.perform(multipart("/console/gateways/gw-pages-import/devices/import")
        .file(new MockMultipartFile("file", "devices.csv", "text/csv",
            "deviceId,kind,name\r\ndoor-7,DOOR,North door\r\n".getBytes(StandardCharsets.UTF_8)))
        .header("HX-Request", "true").param("lang", "en").session(tech).with(csrf())).andReturn();
    Matcher second = Pattern.compile("data-job=\"([A-Za-z0-9_-]+)\"").matcher(body(good));
    assertThat(second.find()).isTrue();
    assertThat(poll(tech, second.group(1))).contains("id=\"import-done\"").contains("1 new");
    assertThat(body(page(tech, "/console/gateways/gw-pages-import/devices/export")))
        .contains("door-7,DOOR,North door");
  }

  /** Polls the import job's fragment until it is finished; fails after 20 s. */
  private String poll(MockHttpSession session, String job) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    while (true) {
      String html = body(mvc.perform(get("/console/imports/" + job).header("HX-Request", "true")
          .param("lang", "en").session(session)).andReturn());
      if (html.contains("data-phase=\"DONE\"") || html.contains("data-phase=\"FAILED\"")) {
        return html;
      }
      assertThat(Instant.now()).as("import %s finished in time", job).isBefore(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
    }
  }

  @Test
  void healthPage_badFilterNamedAndGridFilterNarrows() throws Exception {
    MockHttpSession tech = signIn("tech-a");
    MvcResult bad = page(tech, "/console/health?state=SIDEWAYS");
    assertThat(bad.getResponse().getStatus()).isEqualTo(200);
    assertThat(body(bad)).contains("id=\"health-problem\"").contains("ONLINE, DEGRADED or OFFLINE");
    jdbc.update("INSERT INTO gateway (gateway_id, credential_hash, grid_code, revoked) VALUES "
        + "('gw-pages-health', 'x', ?, FALSE)", GRID_A);
    jdbc.update("INSERT INTO health_state (gateway_id, device_id, state, cause, since, "
        + "checked_at, version) VALUES ('gw-pages-health', '', 'OFFLINE', 'no session', ?, ?, 1)",
        Timestamp.from(Instant.now()), Timestamp.from(Instant.now()));
    assertThat(body(page(tech, "/console/health?state=OFFLINE&grid=" + GRID_A)))
        .contains("id=\"health-gw-pages-health\"").contains("data-health=\"OFFLINE\"");
    assertThat(body(page(tech, "/console/health?grid=" + GRID_B)))
        .doesNotContain("gw-pages-health");
    assertThat(body(page(signIn("tech-b"), "/console/health"))).doesNotContain("gw-pages-health");
  }

  @Test
  void orders_closeNeedsANoteAndIsScoped() throws Exception {
    MockHttpSession tech = signIn("tech-a");
    jdbc.update("INSERT INTO maintenance_order (gateway_id, device_id, grid_code, kind, "
        + "active_key, state, cause, opened_at) VALUES ('gw-pages-order', '', ?, "
        + "'GATEWAY_OFFLINE', 'gw-pages-order/', 'OPEN', 'offline for 10 min', ?)", GRID_A,
        Timestamp.from(Instant.now()));
    long id = jdbc.queryForObject("SELECT id FROM maintenance_order WHERE active_key = "
        + "'gw-pages-order/'", Long.class);
    assertThat(body(page(tech, "/console/orders"))).contains("id=\"order-" + id + "\"")
        .contains("Gateway offline");
    assertThat(body(page(signIn("tech-b"), "/console/orders"))).doesNotContain("gw-pages-order");
    MvcResult noNote = mvc.perform(post("/console/orders/" + id + "/close").param("note", " ")
        .param("lang", "en").session(tech).with(csrf())).andReturn();
    assertThat(noNote.getResponse().getStatus()).isEqualTo(400);
    assertThat(body(noNote)).contains("id=\"close-error\"").contains("note is required");
    assertThat(mvc.perform(post("/console/orders/" + id + "/close").param("note", "replaced PSU")
        .session(signIn("tech-b")).with(csrf())).andReturn().getResponse().getStatus())
        .isEqualTo(404);
    MvcResult closed = mvc.perform(post("/console/orders/" + id + "/close")
        .param("note", "replaced PSU").session(tech).with(csrf())).andReturn();
    assertThat(closed.getResponse().getRedirectedUrl()).isEqualTo("/console/orders");
    assertThat(jdbc.queryForObject("SELECT close_note FROM maintenance_order WHERE id = ?",
        String.class, id)).isEqualTo("replaced PSU");
  }

  @Test
  void telemetryJson_downsampledSeriesOfTheDevice_badMetricNamed() throws Exception {
    MockHttpSession tech = signIn("tech-a");
    register(tech, "gw-pages-chart");
    mvc.perform(post("/console/gateways/gw-pages-chart/devices").param("kind", "SENSOR")
        .param("deviceId", "wl-9").param("sensorType", "water_level").session(tech).with(csrf()));
    long id = deviceId("gw-pages-chart", "wl-9");
    long now = System.currentTimeMillis();
    HttpClient http = HttpClient.newHttpClient();
    http.send(HttpRequest.newBuilder(URI.create(influxd.url() + "/query"))
        .POST(HttpRequest.BodyPublishers.ofString("q=CREATE+DATABASE+gg_tech_pages"))
        .header("Content-Type", "application/x-www-form-urlencoded").build(),
        HttpResponse.BodyHandlers.ofString());
    String lines = "water_level,grid=" + GRID_A + ",gateway=gw-pages-chart,device=wl-9 level=1.25 "
        + (now - 600_000) + "\nwater_level,grid=" + GRID_A
        + ",gateway=gw-pages-chart,device=wl-9 level=1.75 " + (now - 300_000);
    HttpResponse<String> written = http.send(HttpRequest.newBuilder(URI.create(influxd.url()
        + "/write?db=gg_tech_pages&precision=ms")).POST(HttpRequest.BodyPublishers.ofString(lines))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(written.statusCode()).as(written.body()).isEqualTo(204);
    MvcResult r = page(tech, "/console/devices/" + id + "/telemetry.json?metric=level&range=hour");
    assertThat(r.getResponse().getStatus()).as(body(r)).isEqualTo(200);
    assertThat(body(r)).contains("\"metric\":\"level\"").contains("1.25").contains("1.75")
        .contains("\"everyMs\":12000");
    // the axis unit: the one the edge reported for this series (telemetry_unit)
    assertThat(body(r)).contains("\"unit\":\"\"");
    jdbc.update("INSERT INTO telemetry_unit (gateway_id, device_id, metric, unit, changed_at) "
        + "VALUES ('gw-pages-chart', 'wl-9', 'level', 'm', CURRENT_TIMESTAMP)");
    assertThat(body(page(tech, "/console/devices/" + id + "/telemetry.json?metric=level&range=hour")))
        .contains("\"unit\":\"m\"").contains("1.75");
    MvcResult bad = page(tech, "/console/devices/" + id + "/telemetry.json?metric=%23x&range=year");
    assertThat(bad.getResponse().getStatus()).isEqualTo(400);
    assertThat(body(bad)).contains("range must be hour, day or week");
    assertThat(page(signIn("tech-b"), "/console/devices/" + id + "/telemetry.json")
        .getResponse().getStatus()).isEqualTo(404);
    assertThat(body(page(tech, "/console/devices/" + id))).contains("id=\"device-chart\"")
        .contains("echarts.min.js");
  }

  @Test
  void edgeProfile_badThenGood_problemsBesideTheFieldsTextKept_thenSavedAndPending()
      throws Exception {
    MockHttpSession tech = signIn("tech-a");
    register(tech, "gw-pages-profile");
    MvcResult form = page(tech, "/console/gateways/gw-pages-profile/edge-profile");
    assertThat(form.getResponse().getStatus()).isEqualTo(200);
    assertThat(body(form)).contains("id=\"preset-acme-access\"")
        .contains("acme/access/&lt;controller-sn&gt;/event").contains("id=\"mappingRules\"")
        .contains("class=\"mono\"").contains("id=\"push-state\"");
    assertThat(body(page(tech, "/console/gateways/gw-pages-profile")))
        .contains("href=\"/console/gateways/gw-pages-profile/edge-profile\"");

    String badRules = "- name: door\n  topic: village/#/x\n  device_type: t\n  device_id: d\n"
        + "  readings: []\n";
    MvcResult bad = mvc.perform(post("/console/gateways/gw-pages-profile/edge-profile")
        .param("preset", "acme-access").param("mappingRules", badRules)
        .param("deviceTypeRules", "smoke:\n  thresholds: {metric: x}\n").param("lang", "en")
        .session(tech).with(csrf())).andReturn();
    assertThat(bad.getResponse().getStatus()).isEqualTo(400);
    assertThat(body(bad)).contains("id=\"profile-error\"")
        .contains("id=\"mappingRules-problems\"")
        .contains("mappingRules[0].topic: &#39;#&#39; must be a whole level")
        .contains("id=\"deviceTypeRules-problems\"")
        .contains("deviceTypeRules.smoke.thresholds: must be a list")
        .doesNotContain("id=\"presets-problems\"")
        .contains("topic: village/#/x") // the typed text is kept
        .containsPattern("id=\"preset-acme-access\"[^>]*checked")
        .containsPattern("id=\"mappingRules\"[^>]*aria-invalid=\"true\"");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM gateway_edge_profile WHERE gateway_id = "
        + "?", Integer.class, "gw-pages-profile")).isZero();

    MvcResult ok = mvc.perform(post("/console/gateways/gw-pages-profile/edge-profile")
        .param("preset", "acme-access").param("preset", "senscity-sensors")
        .param("mappingRules", badRules.replace("village/#/x", "village/+/x"))
        .param("deviceTypeRules", "").session(tech).with(csrf())).andReturn();
    assertThat(ok.getResponse().getRedirectedUrl())
        .isEqualTo("/console/gateways/gw-pages-profile/edge-profile?saved=1");
    String saved = body(page(tech, "/console/gateways/gw-pages-profile/edge-profile?saved=1"));
    assertThat(saved).contains("id=\"profile-saved\"").contains("topic: village/+/x")
        .containsPattern("id=\"preset-senscity-sensors\"[^>]*checked")
        .contains("data-config=\"OFFLINE\"").contains("id=\"profile-updated\"");
    assertThat(jdbc.queryForObject("SELECT mapping_presets FROM gateway_edge_profile WHERE "
        + "gateway_id = ?", String.class, "gw-pages-profile"))
        .isEqualTo("acme-access,senscity-sensors");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM gateway_edge_profile WHERE gateway_id = "
        + "? AND device_type_rules IS NULL", Integer.class, "gw-pages-profile")).isEqualTo(1);
    // the state fragment the page polls
    MvcResult state = page(tech, "/console/gateways/gw-pages-profile/edge-profile/state");
    assertThat(state.getResponse().getStatus()).isEqualTo(200);
    assertThat(body(state)).startsWith("<dd").contains("id=\"push-state\"");

    // readers see it without the form's write controls; patrols and other villages do not
    MockHttpSession viewer = signIn("viewer-a");
    String read = body(page(viewer, "/console/gateways/gw-pages-profile/edge-profile"));
    assertThat(read).contains("topic: village/+/x").doesNotContain("id=\"profile-submit\"");
    assertThat(mvc.perform(post("/console/gateways/gw-pages-profile/edge-profile")
        .param("mappingRules", "[]").session(viewer).with(csrf())).andReturn().getResponse()
        .getStatus()).isEqualTo(403);
    assertThat(page(signIn("tech-b"), "/console/gateways/gw-pages-profile/edge-profile")
        .getResponse().getStatus()).isEqualTo(404);
    assertThat(page(signIn("patrol-a"), "/console/gateways/gw-pages-profile/edge-profile")
        .getResponse().getStatus()).isEqualTo(403);
  }

  @Test
  void pages_bothLanguages_chineseByDefault() throws Exception {
    MockHttpSession tech = signIn("tech-a");
    String zh = body(mvc.perform(get("/console/gateways").session(tech)).andReturn());
    assertThat(zh).contains("登记网关").contains("lang=\"zh-CN\"");
    assertThat(body(page(tech, "/console/gateways"))).contains("Register a gateway");
  }
}
