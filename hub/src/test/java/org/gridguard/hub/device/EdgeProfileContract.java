package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridguard.hub.grid.GridImporter;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.Role;
import org.gridguard.hub.security.TestUsers;
import org.gridguard.hub.security.TokenService;
import org.gridguard.hub.security.UserRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A gateway's edge profile through the REST API with real bearer tokens, on the database the
 * subclass chooses: put → get, the assembled configuration and its version, every problem of a
 * bad profile in one 400 with its path, roles and grid scope, the audit row without YAML.
 */
abstract class EdgeProfileContract {
  static final String VILLAGE_A = DeviceContract.VILLAGE_A;
  static final String A1 = DeviceContract.A1;
  static final String B1 = DeviceContract.B1;

  @Autowired MockMvc mvc;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired GridImporter gridImporter;
  @Autowired JdbcTemplate jdbc;

  final ObjectMapper json = new ObjectMapper();
  final Map<String, String> bearers = new HashMap<>();
  TestUsers testUsers;

  @BeforeEach
  void world() {
    testUsers = new TestUsers(users, tokens, encoder, gridImporter);
    testUsers.gridsExist(A1, B1);
    testUsers.create("tech-a", GridScope.of(Set.of(VILLAGE_A)), Role.TECHNICIAN);
    testUsers.create("tech-b", GridScope.of(Set.of("330102002001")), Role.TECHNICIAN);
    testUsers.create("viewer-a", GridScope.of(Set.of(VILLAGE_A)), Role.VIEWER);
    testUsers.create("viewer-b", GridScope.of(Set.of("330102002001")), Role.VIEWER);
    testUsers.create("disp-a", GridScope.of(Set.of(VILLAGE_A)), Role.DISPATCHER);
    testUsers.create("patrol-a", GridScope.of(Set.of(VILLAGE_A)), Role.PATROL);
  }

  /** A profile body: presets, own rules and device-type rules (the assembler test's fixture). */
  String body(List<String> presets, String rules, String types) {
    ObjectNode body = json.createObjectNode();
    if (presets != null) {
      presets.forEach(body.putArray("mappingPresets")::add);
    }
    body.put("mappingRules", rules);
    body.put("deviceTypeRules", types);
    return body.toString();
  }

  String fullProfile() {
    return body(List.of("acme-access", "senscity-sensors"),
        EdgeConfigAssemblerTest.PROFILE_RULES, EdgeConfigAssemblerTest.PROFILE_TYPES);
  }

  @Test
  void put_thenGet_sameProfileAssembledVersionRaisedOnceAuditedWithoutYaml() throws Exception {
    String gw = gateway("ep-put");
    JsonNode empty = call("GET", "/api/v1/gateways/" + gw + "/edge-profile", "viewer-a", null,
        200);
    assertThat(empty.hasNonNull("mappingPresets")).isFalse();
    assertThat(empty.hasNonNull("mappingRules")).isFalse();
    assertThat(empty.hasNonNull("updatedBy")).isFalse();
    long before = desiredVersion(gw);

    JsonNode stored = call("PUT", "/api/v1/gateways/" + gw + "/edge-profile", "tech-a",
        fullProfile(), 200);
    assertThat(stored.get("updatedBy").asText()).isEqualTo("tech-a");

    for (String reader : List.of("viewer-a", "disp-a", "tech-a")) {
      JsonNode got = call("GET", "/api/v1/gateways/" + gw + "/edge-profile", reader, null, 200);
      assertThat(got.get("mappingPresets")).extracting(JsonNode::asText)
          .containsExactly("acme-access", "senscity-sensors");
      assertThat(got.get("mappingRules").asText()).isEqualTo(EdgeConfigAssemblerTest.PROFILE_RULES);
      assertThat(got.get("deviceTypeRules").asText())
          .isEqualTo(EdgeConfigAssemblerTest.PROFILE_TYPES);
      assertThat(got.hasNonNull("updatedAt")).isTrue();
    }
    assertThat(desiredVersion(gw)).isEqualTo(before + 1);
    String yaml = call("GET", "/api/v1/gateways/" + gw + "/config", "tech-a", null, 200)
        .get("yaml").asText();
    assertThat(yaml).contains("mapping:\n  presets: [acme-access, senscity-sensors]\n  rules:\n",
        "- name: village-door", "device_types:\n    smoke:");

    Map<String, Object> audit = jdbc.queryForMap("SELECT * FROM audit_event WHERE action = ? "
        + "AND object_id = ?", EdgeProfiles.AUDIT_ACTION, gw);
    assertThat(audit.get("actor")).isEqualTo("tech-a");
    assertThat(String.valueOf(audit.get("detail")))
        .contains("mapping presets not managed → [acme-access, senscity-sensors]",
            "mapping rules now managed, 2 rule(s)", "device-type rules now managed, 2 device "
                + "type(s)")
        .doesNotContain("village-door").doesNotContain("smoke_density");

    // the same profile again changes nothing: no version, no audit row
    call("PUT", "/api/v1/gateways/" + gw + "/edge-profile", "tech-a", fullProfile(), 200);
    assertThat(desiredVersion(gw)).isEqualTo(before + 1);
    assertThat(audits(gw)).isEqualTo(1);

    // leaving the parts out hands them back to the gateway's file
    JsonNode released = call("PUT", "/api/v1/gateways/" + gw + "/edge-profile", "tech-a", "{}",
        200);
    assertThat(released.hasNonNull("mappingPresets")).isFalse();
    assertThat(released.hasNonNull("deviceTypeRules")).isFalse();
    assertThat(desiredVersion(gw)).isEqualTo(before + 2);
    assertThat(call("GET", "/api/v1/gateways/" + gw + "/config", "tech-a", null, 200)
        .get("yaml").asText()).doesNotContain("mapping:").doesNotContain("device_types");
    assertThat(audits(gw)).isEqualTo(2);
  }

  @Test
  void put_badProfile_400WithEveryProblemAndItsPath_nothingStored() throws Exception {
    String gw = gateway("ep-bad");
    long before = desiredVersion(gw);
    String rules = """
        - name: a
          topic: x/#/y
          device_type: t
          device_id: d
          readings: []
        - name: a
          device_type: t
          device_id: d
        """;
    JsonNode problem = call("PUT", "/api/v1/gateways/" + gw + "/edge-profile", "tech-a",
        body(List.of("hikvision"), rules, "smoke: [1, 2]\n"), 400);
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("detail").asText()).startsWith("the edge profile is refused: ");
    assertThat(problem.get("instance").asText()).isEqualTo("/api/v1/gateways/" + gw
        + "/edge-profile");
    List<String> fields = problem.get("errors").findValuesAsText("field");
    assertThat(fields).containsExactly("mappingPresets[0]", "mappingRules[0].topic",
        "mappingRules[1].name", "mappingRules[1].topic", "mappingRules[1]", "deviceTypeRules.smoke");
    assertThat(problem.get("errors").get(0).get("reason").asText())
        .isEqualTo("unknown preset 'hikvision', known: gridguard-canonical, acme-access, "
            + "senscity-sensors");
    assertThat(problem.get("errors").get(3).get("reason").asText()).isEqualTo("required");

    JsonNode yamlError = call("PUT", "/api/v1/gateways/" + gw + "/edge-profile", "tech-a",
        body(null, "- name: [unclosed\n", null), 400);
    assertThat(yamlError.get("errors").get(0).get("field").asText()).isEqualTo("mappingRules");
    assertThat(yamlError.get("errors").get(0).get("reason").asText())
        .startsWith("not valid YAML at line ");

    assertThat(call("GET", "/api/v1/gateways/" + gw + "/edge-profile", "tech-a", null, 200)
        .hasNonNull("mappingRules")).isFalse();
    assertThat(desiredVersion(gw)).isEqualTo(before);
    assertThat(audits(gw)).isZero();
  }

  @Test
  void edgeProfile_rolesAndScope_otherVillage404_readersCannotWrite() throws Exception {
    String gw = gateway("ep-scope");
    String path = "/api/v1/gateways/" + gw + "/edge-profile";
    call("GET", path, "viewer-b", null, 404);
    call("GET", path, "tech-b", null, 404);
    call("PUT", path, "tech-b", fullProfile(), 404);
    call("GET", path, "patrol-a", null, 403);
    call("PUT", path, "viewer-a", fullProfile(), 403);
    call("PUT", path, "disp-a", fullProfile(), 403);
    call("GET", "/api/v1/gateways/nope/edge-profile", "tech-a", null, 404);
    assertThat(call("GET", path, "tech-a", null, 200).hasNonNull("mappingPresets")).isFalse();
    assertThat(audits(gw)).isZero();
  }

  @Test
  void mappingPresets_reader_listsTheShippedPresetsWithTopics() throws Exception {
    JsonNode presets = call("GET", "/api/v1/edge/mapping-presets", "viewer-a", null, 200);
    assertThat(presets.get("items").findValuesAsText("name"))
        .containsExactly("gridguard-canonical", "acme-access", "senscity-sensors");
    assertThat(presets.get("items").get(1).get("topics").get(0).asText())
        .isEqualTo("acme/access/<controller-sn>/event");
    call("GET", "/api/v1/edge/mapping-presets", "patrol-a", null, 403);
  }

  // --- helpers ---

  String gateway(String id) throws Exception {
    call("POST", "/api/v1/gateways", "tech-a", "{\"gatewayId\":\"" + id + "\",\"gridCode\":\""
        + A1 + "\"}", 201);
    return id;
  }

  long desiredVersion(String gw) throws Exception {
    return call("GET", "/api/v1/gateways/" + gw + "/config/status", "tech-a", null, 200)
        .get("desiredVersion").asLong();
  }

  int audits(String gw) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = ? AND "
        + "object_id = ?", Integer.class, EdgeProfiles.AUDIT_ACTION, gw);
  }

  JsonNode call(String method, String path, String user, String body, int status)
      throws Exception {
    MockHttpServletRequestBuilder r = request(HttpMethod.valueOf(method), path);
    r.header("Authorization", bearers.computeIfAbsent(user, testUsers::bearer));
    if (body != null) {
      r.contentType(MediaType.APPLICATION_JSON).content(body);
    }
    MvcResult result = mvc.perform(r).andReturn();
    String text = result.getResponse().getContentAsString();
    assertThat(result.getResponse().getStatus()).as(method + " " + path + " as " + user + ": "
        + text).isEqualTo(status);
    return text.isEmpty() ? json.nullNode() : json.readTree(text);
  }
}
