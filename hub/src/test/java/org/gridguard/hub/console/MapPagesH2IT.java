package org.gridguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The map's device layer through the real filter chain (MockMvc, H2): registered devices with a
 * place, each with its health, only from the reader's grids; devices without a place left off;
 * patrols (no device-registry role) refused; the legend and list only for those who may read.
 */
@SpringBootTest
@AutoConfigureMockMvc
class MapPagesH2IT {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  static final String VILLAGE_A = "330102001001";
  static final String GRID_A = "330102001001001";
  static final String VILLAGE_B = "330102002001";
  static final String GRID_B = "330102002001001";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-map-pages");
    HubTestProperties.localHub(registry, influxd, "gg_map_pages", dir);
    registry.add("gridguard.security.sign-in-max-failures", () -> "1000");
  }

  @Autowired MockMvc mvc;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired GridImporter grids;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;

  @BeforeEach
  void villages() {
    TestUsers test = new TestUsers(users, tokens, encoder, grids);
    test.gridsExist(GRID_A, GRID_B);
    test.create("map-disp-a", GridScope.of(Set.of(VILLAGE_A)), Role.DISPATCHER);
    test.create("map-tech-b", GridScope.of(Set.of(VILLAGE_B)), Role.TECHNICIAN);
    test.create("map-patrol-a", GridScope.of(Set.of(VILLAGE_A)), Role.PATROL);
    jdbc.update("DELETE FROM health_state WHERE gateway_id LIKE 'gw-map-%'");
    jdbc.update("DELETE FROM device WHERE gateway_id LIKE 'gw-map-%'");
    jdbc.update("DELETE FROM gateway WHERE gateway_id LIKE 'gw-map-%'");
    gateway("gw-map-a", GRID_A);
    gateway("gw-map-b", GRID_B);
    device("gw-map-a", "SC-SM-A", GRID_A, 30.27, 120.15, "ONLINE");
    device("gw-map-a", "SC-WL-A", GRID_A, 30.28, 120.16, "DEGRADED");
    device("gw-map-a", "SC-TH-NOWHERE", GRID_A, null, null, "ONLINE");
    device("gw-map-a", "SC-MH-NEW", GRID_A, 30.26, 120.14, null);
    device("gw-map-b", "SC-SM-B", GRID_B, 30.30, 120.20, "OFFLINE");
  }

  private void gateway(String id, String grid) {
    jdbc.update("INSERT INTO gateway (gateway_id, credential_hash, grid_code) VALUES (?, 'x', ?)",
        id, grid);
  }

  private void device(String gw, String id, String grid, Double lat, Double lon, String health) {
    jdbc.update("INSERT INTO device (gateway_id, device_id, kind, name, grid_code, lat, lon, settings) "
        + "VALUES (?, ?, 'SENSOR', ?, ?, ?, ?, '{\"sensor_type\":\"smoke\"}')", gw, id, "Name " + id,
        grid, lat, lon);
    if (health != null) {
      Timestamp now = Timestamp.from(Instant.now());
      jdbc.update("INSERT INTO health_state (gateway_id, device_id, state, cause, since, version, "
          + "checked_at) VALUES (?, ?, ?, 'test', ?, 1, ?)", gw, id, health, now, now);
    }
  }

  private MockHttpSession signIn(String username) throws Exception {
    MvcResult r = mvc.perform(post("/login").param("username", username)
        .param("password", TestUsers.PASSWORD).with(csrf())).andReturn();
    assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/");
    return (MockHttpSession) r.getRequest().getSession();
  }

  private MvcResult get200(MockHttpSession session, String path) throws Exception {
    MvcResult r = mvc.perform(get(path).param("lang", "en").session(session)).andReturn();
    assertThat(r.getResponse().getStatus()).as(path).isEqualTo(200);
    return r;
  }

  private JsonNode devices(String username) throws Exception {
    return json.readTree(get200(signIn(username), "/console/map/devices.json").getResponse()
        .getContentAsString(StandardCharsets.UTF_8));
  }

  private static List<String> ids(JsonNode markers) {
    List<String> out = new ArrayList<>();
    markers.get("items").forEach(m -> out.add(m.get("deviceId").asText()));
    return out;
  }

  @Test
  void devices_dispatcherOfVillageA_placedDevicesOfAOnlyWithHealth() throws Exception {
    JsonNode markers = devices("map-disp-a");
    assertThat(ids(markers)).containsExactlyInAnyOrder("SC-SM-A", "SC-WL-A", "SC-MH-NEW");
    assertThat(markers.get("cut").asBoolean()).isFalse();
    for (JsonNode m : markers.get("items")) {
      String expected = switch (m.get("deviceId").asText()) {
        case "SC-SM-A" -> "ONLINE";
        case "SC-WL-A" -> "DEGRADED";
        default -> "UNKNOWN";
      };
      assertThat(m.get("health").asText()).as(m.toString()).isEqualTo(expected);
      assertThat(m.get("gatewayId").asText()).isEqualTo("gw-map-a");
      assertThat(m.get("kind").asText()).isEqualTo("SENSOR");
      assertThat(m.get("name").asText()).startsWith("Name ");
      assertThat(m.get("lat").isNumber()).isTrue();
    }
  }

  @Test
  void devices_technicianOfVillageB_neverSeesVillageA() throws Exception {
    JsonNode markers = devices("map-tech-b");
    assertThat(ids(markers)).containsExactly("SC-SM-B");
    assertThat(markers.get("items").get(0).get("health").asText()).isEqualTo("OFFLINE");
  }

  @Test
  void devices_patrol_refused() throws Exception {
    MvcResult r = mvc.perform(get("/console/map/devices.json").session(signIn("map-patrol-a")))
        .andReturn();
    assertThat(r.getResponse().getStatus()).isEqualTo(403);
  }

  @Test
  void page_dispatcher_legendListAndDeviceUrl_patrolWithoutThem() throws Exception {
    String page = get200(signIn("map-disp-a"), "/console/map").getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page).contains("Devices by health", "id=\"map-devices\"",
        "data-devices=\"/console/map/devices.json\"", "data-label-online=\"online\"");
    String patrol = get200(signIn("map-patrol-a"), "/console/map").getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertThat(patrol).doesNotContain("Devices by health", "id=\"map-devices\"", "devices.json");
  }
}
