package org.gridguard.hub.record;

import org.gridguard.hub.telemetry.DeadLetterRetention;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gridguard.hub.gateway.CredentialHasher;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.grid.GridImporter;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.Role;
import org.gridguard.hub.security.TestUsers;
import org.gridguard.hub.security.TokenService;
import org.gridguard.hub.security.UserRepository;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.hub.telemetry.DeadLetterRepository;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The ingest dead letters through the real filter chain (MockMvc, H2): scoped by the gateway's
 * grid, filtered by gateway and reason, paged; and the retention purge of both dead-letter tables.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DeadLetterH2IT {
  static final String VILLAGE_A = "330102005001";
  static final String VILLAGE_B = "330102005002";

  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-dead-letters");
    HubTestProperties.localHub(registry, influxd, "gg_dead_letters", dir);
    registry.add("gridguard.security.sign-in-max-failures", () -> "1000");
    registry.add("gridguard.dead-letters.retention", () -> "30d");
  }

  @Autowired MockMvc mvc;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired GridImporter grids;
  @Autowired JdbcTemplate jdbc;
  @Autowired GatewayRepository gateways;
  @Autowired IngestDeadLetters deadLetters;
  @Autowired DeadLetterRepository telemetryDeadLetters;
  @Autowired DeadLetterRetention retention;
  final ObjectMapper json = new ObjectMapper();
  TestUsers testUsers;

  @BeforeEach
  void world() {
    jdbc.update("DELETE FROM ingest_dead_letter");
    jdbc.update("DELETE FROM telemetry_dead_letter");
    testUsers = new TestUsers(users, tokens, encoder, grids);
    testUsers.gridsExist(VILLAGE_A + "001", VILLAGE_B + "001");
    if (users.findByUsername("dl-tech-a").isEmpty()) {
      testUsers.create("dl-tech-a", GridScope.of(Set.of(VILLAGE_A)), Role.TECHNICIAN);
      testUsers.create("dl-admin", GridScope.all(), Role.ADMIN);
    }
    if (gateways.find("gw-dl-a").isEmpty()) {
      String hash = new CredentialHasher(1000).hash("x");
      gateways.insert(new Gateway("gw-dl-a", hash, VILLAGE_A + "001", false));
      gateways.insert(new Gateway("gw-dl-a2", hash, VILLAGE_A + "001", false));
      gateways.insert(new Gateway("gw-dl-b", hash, VILLAGE_B + "001", false));
    }
    // a: three with a NUL device id, one too wide; a2: one evidence chunk; b: one
    for (int s = 1; s <= 3; s++) {
      dead("gw-dl-a", Lane.PRIORITY, s, "event", "device_id contains a NUL character");
    }
    dead("gw-dl-a", Lane.PRIORITY, 4, "alarm", "alarm_type wider than 32 characters (50%_x)");
    dead("gw-dl-a2", Lane.EVIDENCE, 1, "evidence", "evidence over the maximum size");
    dead("gw-dl-b", Lane.PRIORITY, 1, "event", "device_id contains a NUL character");
  }

  void dead(String gateway, Lane lane, long seq, String kind, String reason) {
    deadLetters.insert(new StreamKey(gateway, "s1", lane), seq, kind, reason,
        "body".getBytes(StandardCharsets.UTF_8));
  }

  JsonNode list(String user, String query, int status) throws Exception {
    // a URI, not a template: the query is sent as written (percent escapes included)
    MvcResult r = mvc.perform(get(java.net.URI.create("/api/v1/ingest/dead-letters" + query))
        .header("Authorization", testUsers.bearer(user))).andReturn();
    assertThat(r.getResponse().getStatus()).as(query + ": " + r.getResponse()
        .getContentAsString()).isEqualTo(status);
    return json.readTree(r.getResponse().getContentAsString());
  }

  static List<String> gatewaysOf(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("items").forEach(i -> out.add(i.get("gatewayId").asText()));
    return out;
  }

  @Test
  void list_technicianOfVillageA_seesOnlyItsGatewaysNewestFirst() throws Exception {
    JsonNode page = list("dl-tech-a", "", 200);
    assertThat(gatewaysOf(page)).containsExactly("gw-dl-a2", "gw-dl-a", "gw-dl-a", "gw-dl-a",
        "gw-dl-a");
    assertThat(page.get("items").get(0).get("lane").asText()).isEqualTo("EVIDENCE");
    assertThat(page.get("items").get(0).get("reason").asText()).contains("maximum size");
    assertThat(page.has("next")).isFalse();
    // a gateway outside the scope is empty, as an unknown one
    assertThat(list("dl-tech-a", "?gateway=gw-dl-b", 200).get("items")).isEmpty();
    assertThat(gatewaysOf(list("dl-admin", "?gateway=gw-dl-b", 200))).containsExactly("gw-dl-b");
  }

  @Test
  void list_filters_byGatewayAndReasonPartIgnoringCaseAndWildcards() throws Exception {
    assertThat(list("dl-tech-a", "?gateway=gw-dl-a2", 200).get("items")).hasSize(1);
    assertThat(list("dl-tech-a", "?reason=NUL%20character", 200).get("items")).hasSize(3);
    assertThat(list("dl-admin", "?reason=nul", 200).get("items")).hasSize(4);
    assertThat(list("dl-tech-a", "?gateway=gw-dl-a&reason=wider", 200).get("items")).hasSize(1);
    // % and _ are literal characters, not wildcards
    assertThat(list("dl-tech-a", "?reason=50%25_x", 200).get("items")).hasSize(1);
    assertThat(list("dl-tech-a", "?reason=%25", 200).get("items")).hasSize(1);
    // "_" is in "device_id" and "alarm_type", not in "evidence over the maximum size"
    assertThat(list("dl-tech-a", "?reason=_", 200).get("items")).hasSize(4);
  }

  @Test
  void list_paged_nextUntilTheLastPageEachOnce() throws Exception {
    List<Long> seen = new ArrayList<>();
    String query = "?limit=2";
    for (int pages = 0; pages < 10; pages++) {
      JsonNode page = list("dl-tech-a", query, 200);
      page.get("items").forEach(i -> seen.add(i.get("id").asLong()));
      if (!page.has("next")) {
        break;
      }
      query = "?limit=2&before=" + page.get("next").asLong();
    }
    assertThat(seen).hasSize(5).doesNotHaveDuplicates().isSortedAccordingTo((a, b) ->
        Long.compare(b, a));
  }

  @Test
  void list_badParameters_400NamingThem() throws Exception {
    assertThat(list("dl-tech-a", "?limit=0", 400).toString()).contains("limit");
    assertThat(list("dl-tech-a", "?limit=1001", 400).toString()).contains("limit");
    assertThat(list("dl-tech-a", "?before=soon", 400).toString()).contains("before");
    assertThat(list("dl-tech-a", "?gateway=" + "g".repeat(65), 400).toString())
        .contains("gateway");
  }

  @Test
  void purge_olderThanRetention_deletedFromBothTablesNewerKept() {
    telemetryDeadLetters.insert(List.of(new DeadLetterRepository.Entry("gw-dl-a", "m v=1 1",
        "old line"), new DeadLetterRepository.Entry("gw-dl-a", "m v=2 2", "new line")));
    Instant old = Instant.now().minus(Duration.ofDays(31));
    jdbc.update("UPDATE ingest_dead_letter SET created_at = ? WHERE gateway_id = 'gw-dl-a'",
        java.sql.Timestamp.from(old));
    jdbc.update("UPDATE telemetry_dead_letter SET created_at = ? WHERE reason = 'old line'",
        java.sql.Timestamp.from(old));
    assertThat(retention.purge()).isEqualTo(5);
    assertThat(jdbc.queryForList("SELECT gateway_id FROM ingest_dead_letter ORDER BY id",
        String.class)).containsExactly("gw-dl-a2", "gw-dl-b");
    assertThat(jdbc.queryForList("SELECT reason FROM telemetry_dead_letter", String.class))
        .containsExactly("new line");
    assertThat(retention.purge()).isZero();
  }
}
