package org.gridguard.hub.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.security.Role;
import org.gridguard.testkit.FreePorts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * {@code /api/v1/grids} in the whole hub context (H2 in memory; no InfluxDB is needed for
 * grids, so the telemetry URL points at a closed port): roles, scope, audit, import, export.
 */
@SpringBootTest
@AutoConfigureMockMvc
class GridApiIT {
  private static final String SQUARE = "{\"type\":\"Polygon\",\"coordinates\":[[[120.15,30.27],"
      + "[120.16,30.27],[120.16,30.28],[120.15,30.28],[120.15,30.27]]]}";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-grid-api-");
    registry.add("spring.datasource.url",
        () -> "jdbc:h2:mem:grid-api-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    registry.add("gridguard.influx.url", () -> "http://127.0.0.1:" + FreePorts.pick());
    registry.add("gridguard.ingest.port", () -> "0");
    registry.add("gridguard.ingest.host", () -> "127.0.0.1");
    registry.add("gridguard.gateway.pbkdf2-iterations", () -> "1000");
    registry.add("gridguard.evidence.directory", () -> dir.resolve("evidence").toString());
    registry.add("gridguard.security.bootstrap-password-file",
        () -> dir.resolve("bootstrap-admin-password").toString());
  }

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired GridImporter importer;
  @Autowired ObjectMapper json;

  private HubPrincipal admin;
  private HubPrincipal townAdmin;

  @BeforeEach
  void countyAndUsers() {
    jdbc.update("DELETE FROM app_user_scope");
    jdbc.update("DELETE FROM grid_member");
    for (String level : List.of("GRID", "VILLAGE", "TOWN", "COUNTY")) {
      jdbc.update("DELETE FROM grid_node WHERE level = ?", level);
    }
    jdbc.update("DELETE FROM app_user");
    jdbc.update("DELETE FROM audit_event");
    GridImportReport seeded = importer.importCsv(new InputStreamReader(new ByteArrayInputStream(
        GridImportContract.resource("county.csv")), StandardCharsets.UTF_8), false,
        GridScope.all(), "system");
    assertThat(seeded.imported()).isEqualTo(GridImportContract.COUNTY_NODES);
    admin = principal("admin", GridScope.all(), Role.ADMIN);
    townAdmin = principal("town-admin", GridScope.of(Set.of("330102001")), Role.ADMIN);
    for (String u : List.of("wang", "li", "zhao")) {
      user(u);
    }
  }

  private long user(String name) {
    jdbc.update("INSERT INTO app_user (username, password_hash) VALUES (?, '{noop}x')", name);
    return jdbc.queryForObject("SELECT id FROM app_user WHERE username = ?", Long.class, name);
  }

  private HubPrincipal principal(String name, GridScope scope, Role... roles) {
    long id = user(name);
    for (String node : scope.nodes()) {
      jdbc.update("INSERT INTO app_user_scope (user_id, grid_code) VALUES (?, ?)", id, node);
    }
    return new HubPrincipal(id, name, Set.of(roles), scope, false);
  }

  private static RequestPostProcessor as(HubPrincipal p) {
    return authentication(new UsernamePasswordAuthenticationToken(p, null,
        p.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList()));
  }

  private MvcResult call(HubPrincipal who, MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request.with(as(who)).with(csrf())).andReturn();
  }

  private MvcResult call(HubPrincipal who, MockHttpServletRequestBuilder request, Object body)
      throws Exception {
    return call(who, request.contentType(MediaType.APPLICATION_JSON)
        .content(json.writeValueAsBytes(body)));
  }

  private JsonNode body(MvcResult r) throws Exception {
    return json.readTree(r.getResponse().getContentAsByteArray());
  }

  /** A null field, or one left out of the JSON. */
  private static boolean absent(JsonNode field) {
    return field.isNull() || field.isMissingNode();
  }

  /** The error detail: the reason given to sendError, or a ProblemDetail's detail. */
  private String detail(MvcResult r) throws Exception {
    if (r.getResponse().getErrorMessage() != null) {
      return r.getResponse().getErrorMessage();
    }
    return body(r).path("detail").asText();
  }

  private List<Map<String, Object>> audit(String action) {
    return jdbc.queryForList("SELECT actor, object_id, outcome, before_json, after_json, detail "
        + "FROM audit_event WHERE action = ? ORDER BY id", action);
  }

  private int count() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM grid_node", Integer.class);
  }

  /** Who may do what: the access matrix of this controller, role by role. */
  record Access(Role role, HttpMethod method, String path, int status) {}

  static final List<Access> ACCESS = List.of(
      new Access(Role.VIEWER, HttpMethod.GET, "/api/v1/grids", 200),
      new Access(Role.VIEWER, HttpMethod.GET, "/api/v1/grids/330102", 200),
      new Access(Role.VIEWER, HttpMethod.GET, "/api/v1/grids/330102/children", 200),
      new Access(Role.VIEWER, HttpMethod.GET, "/api/v1/grids/export?format=csv", 200),
      new Access(Role.VIEWER, HttpMethod.POST, "/api/v1/grids", 403),
      new Access(Role.VIEWER, HttpMethod.PUT, "/api/v1/grids/330102", 403),
      new Access(Role.VIEWER, HttpMethod.DELETE, "/api/v1/grids/330102001001001", 403),
      new Access(Role.VIEWER, HttpMethod.PUT, "/api/v1/grids/330102/leader", 403),
      new Access(Role.VIEWER, HttpMethod.PUT, "/api/v1/grids/330102/members", 403),
      new Access(Role.VIEWER, HttpMethod.POST, "/api/v1/grids/import?format=csv", 403),
      new Access(Role.DISPATCHER, HttpMethod.GET, "/api/v1/grids/export?format=geojson", 200),
      new Access(Role.DISPATCHER, HttpMethod.POST, "/api/v1/grids/import?format=csv", 403),
      new Access(Role.TECHNICIAN, HttpMethod.GET, "/api/v1/grids?level=GRID", 200),
      new Access(Role.TECHNICIAN, HttpMethod.GET, "/api/v1/grids/export?format=csv", 403),
      new Access(Role.TECHNICIAN, HttpMethod.DELETE, "/api/v1/grids/330102001001001", 403),
      new Access(Role.PATROL, HttpMethod.GET, "/api/v1/grids/330102001001001", 200),
      new Access(Role.PATROL, HttpMethod.GET, "/api/v1/grids/export?format=csv", 403),
      new Access(Role.GRID_MEMBER, HttpMethod.GET, "/api/v1/grids/330102001001001/children", 200),
      new Access(Role.GRID_MEMBER, HttpMethod.PUT, "/api/v1/grids/330102001001001/leader", 403),
      new Access(Role.ADMIN, HttpMethod.GET, "/api/v1/grids/export?format=csv", 200),
      new Access(Role.ADMIN, HttpMethod.DELETE, "/api/v1/grids/330102001001001", 204));

  @Test
  void accessMatrix_eachRole_expectedStatus() throws Exception {
    for (Access a : ACCESS) {
      HubPrincipal who = principal("user-" + UUID.randomUUID(), GridScope.all(), a.role());
      MvcResult r = call(who, request(a.method(), a.path())
          .contentType(MediaType.APPLICATION_JSON).content("{}"));
      assertThat(r.getResponse().getStatus()).as(a.toString()).isEqualTo(a.status());
    }
    assertThat(count()).isEqualTo(GridImportContract.COUNTY_NODES - 1);
  }

  @Test
  void list_anonymous_refused() throws Exception {
    int status = mvc.perform(get("/api/v1/grids")).andReturn().getResponse().getStatus();
    assertThat(status).isIn(401, 302);
  }

  @Test
  void list_townAdmin_onlyItsTown() throws Exception {
    JsonNode page = body(call(townAdmin, get("/api/v1/grids?size=500")));
    assertThat(page.path("total").asInt()).isEqualTo(111);
    assertThat(page.path("items")).hasSize(111)
        .allSatisfy(n -> assertThat(n.path("code").asText()).startsWith("330102001"));
    assertThat(call(townAdmin, get("/api/v1/grids?q=湖滨")).getResponse().getContentAsString())
        .contains("\"total\":0");
  }

  @Test
  void get_otherTownsNode_notFound() throws Exception {
    for (String path : List.of("/api/v1/grids/330102002", "/api/v1/grids/330102002001001",
        "/api/v1/grids/330102/children", "/api/v1/grids/330102")) {
      MvcResult r = call(townAdmin, get(path));
      assertThat(r.getResponse().getStatus()).as(path).isEqualTo(404);
    }
    MvcResult r = call(townAdmin, put("/api/v1/grids/330102002001"), Map.of("name", "x"));
    assertThat(r.getResponse().getStatus()).isEqualTo(404);
    assertThat(call(townAdmin, delete("/api/v1/grids/330102002001001")).getResponse().getStatus())
        .isEqualTo(404);
    assertThat(body(call(townAdmin, get("/api/v1/grids/330102001/children")))).hasSize(10);
  }

  @Test
  void get_node_detailWithPolygonAsGeoJson() throws Exception {
    JsonNode n = body(call(townAdmin, get("/api/v1/grids/330102001001001")));
    assertThat(n.path("name").asText()).isEqualTo("柳翠井巷社区第1网格");
    assertThat(n.path("level").asText()).isEqualTo("GRID");
    assertThat(n.path("parent").asText()).isEqualTo("330102001001");
    assertThat(n.path("polygon").path("type").asText()).isEqualTo("Polygon");
    assertThat(n.path("polygon").path("coordinates").get(0)).hasSize(5);
    assertThat(absent(n.path("leader"))).isTrue();
    assertThat(n.path("members")).isEmpty();
  }

  @Test
  void list_badParameters_badRequestNamingThem() throws Exception {
    assertThat(detail(call(admin, get("/api/v1/grids?size=501"))))
        .isEqualTo("size must be 1..500, found 501");
    assertThat(detail(call(admin, get("/api/v1/grids?level=CITY"))))
        .isEqualTo("level must be COUNTY, TOWN, VILLAGE or GRID, found 'CITY'");
    assertThat(detail(call(admin, get("/api/v1/grids?parent=12"))))
        .startsWith("parent '12': a grid node code is");
    assertThat(call(admin, get("/api/v1/grids/12")).getResponse().getStatus()).isEqualTo(400);
    assertThat(detail(call(admin, get("/api/v1/grids/export?format=xml"))))
        .isEqualTo("format must be csv or geojson, found 'xml'");
  }

  @Test
  void list_filters_parentLevelQueryAndPaging() throws Exception {
    JsonNode page = body(call(admin, get("/api/v1/grids?parent=330102001001&size=3&page=1")));
    assertThat(page.path("total").asInt()).isEqualTo(10);
    assertThat(page.path("items")).extracting(n -> n.path("code").asText())
        .containsExactly("330102001001004", "330102001001005", "330102001001006");
    assertThat(page.path("items").get(0).path("hasPolygon").asBoolean()).isTrue();
    assertThat(body(call(admin, get("/api/v1/grids?level=town"))).path("total").asInt())
        .isEqualTo(3);
  }

  @Test
  void create_inScope_createdAndAudited() throws Exception {
    MvcResult r = call(townAdmin, post("/api/v1/grids"), Map.of("code", "330102001001011",
        "name", "新网格", "polygon", json.readTree(SQUARE)));
    assertThat(r.getResponse().getStatus()).isEqualTo(201);
    assertThat(body(r).path("polygon").path("type").asText()).isEqualTo("Polygon");
    assertThat(body(call(townAdmin, get("/api/v1/grids/330102001001011"))).path("name").asText())
        .isEqualTo("新网格");
    assertThat(audit("grid.create")).singleElement().satisfies(a -> {
      assertThat(a.get("actor")).isEqualTo("town-admin");
      assertThat(a.get("object_id")).isEqualTo("330102001001011");
      assertThat(a.get("after_json").toString()).contains("\"name\":\"新网格\"")
          .contains("\"polygonSha256\":\"" + GridEditor.sha256(SQUARE) + "\"");
    });
  }

  @Test
  void create_outsideScopeOrCountyOrTaken_refused() throws Exception {
    MvcResult outside = call(townAdmin, post("/api/v1/grids"),
        Map.of("code", "330102002001011", "name", "x"));
    assertThat(outside.getResponse().getStatus()).isEqualTo(400);
    assertThat(detail(outside)).isEqualTo("parent grid node 330102002001 not found (it must "
        + "exist and be inside your grid scope)");
    MvcResult county = call(townAdmin, post("/api/v1/grids"), Map.of("code", "330103", "name", "x"));
    assertThat(county.getResponse().getStatus()).isEqualTo(403);
    assertThat(detail(county)).isEqualTo("only an administrator with global scope may create a county");
    assertThat(call(admin, post("/api/v1/grids"), Map.of("code", "330103", "name", "拱墅区"))
        .getResponse().getStatus()).isEqualTo(201);
    MvcResult taken = call(admin, post("/api/v1/grids"), Map.of("code", "330103", "name", "x"));
    assertThat(taken.getResponse().getStatus()).isEqualTo(409);
    assertThat(detail(taken)).isEqualTo("grid node 330103 already exists");
    MvcResult invalid = call(admin, post("/api/v1/grids"), Map.of("code", "330102001001012",
        "name", " ", "level", "VILLAGE", "polygon", "{\"type\":\"Polygon\",\"coordinates\":[]}"));
    assertThat(invalid.getResponse().getStatus()).isEqualTo(400);
    assertThat(detail(invalid)).isEqualTo("grid node '330102001001012': level: must be GRID for "
        + "a 15-digit code, found VILLAGE; name: missing; polygon: coordinates: a polygon needs "
        + "at least one linear ring");
  }

  @Test
  void update_nameAndPolygon_storedWithBeforeAndAfterInTheAudit() throws Exception {
    MvcResult r = call(townAdmin, put("/api/v1/grids/330102001001001"),
        Map.of("name", "柳翠井巷第一网格", "polygon", SQUARE));
    assertThat(r.getResponse().getStatus()).isEqualTo(200);
    JsonNode n = body(call(townAdmin, get("/api/v1/grids/330102001001001")));
    assertThat(n.path("name").asText()).isEqualTo("柳翠井巷第一网格");
    assertThat(n.path("polygon").toString()).isEqualTo(SQUARE);
    assertThat(audit("grid.update")).singleElement().satisfies(a -> {
      assertThat(a.get("before_json").toString()).contains("\"name\":\"柳翠井巷社区第1网格\"");
      assertThat(a.get("after_json").toString()).contains("\"name\":\"柳翠井巷第一网格\"")
          .contains(GridEditor.sha256(SQUARE));
    });
    assertThat(call(admin, put("/api/v1/grids/330102001001001"), Map.of("name", "无边界"))
        .getResponse().getStatus()).isEqualTo(200);
    assertThat(absent(body(call(admin, get("/api/v1/grids/330102001001001"))).path("polygon")))
        .isTrue();
  }

  @Test
  void delete_withChildrenOrInSomeonesScope_conflict() throws Exception {
    MvcResult parent = call(admin, delete("/api/v1/grids/330102001001"));
    assertThat(parent.getResponse().getStatus()).isEqualTo(409);
    assertThat(detail(parent)).isEqualTo("grid node 330102001001 has 10 child node(s); delete "
        + "or move them first");
    call(admin, post("/api/v1/grids"), Map.of("code", "330102004", "name", "新街道"));
    principal("watcher", GridScope.of(Set.of("330102004")), Role.VIEWER);
    MvcResult scoped = call(admin, delete("/api/v1/grids/330102004"));
    assertThat(scoped.getResponse().getStatus()).isEqualTo(409);
    assertThat(detail(scoped)).isEqualTo("grid node 330102004 is in the grid scope of 1 user(s); "
        + "change their scope first");
  }

  @Test
  void delete_leaf_goneAndAudited() throws Exception {
    assertThat(call(townAdmin, delete("/api/v1/grids/330102001001010")).getResponse().getStatus())
        .isEqualTo(204);
    assertThat(call(admin, get("/api/v1/grids/330102001001010")).getResponse().getStatus())
        .isEqualTo(404);
    assertThat(audit("grid.delete")).singleElement()
        .satisfies(a -> assertThat(a.get("before_json").toString()).contains("330102001001010"));
  }

  @Test
  void leaderAndMembers_setShownAndAudited() throws Exception {
    String grid = "/api/v1/grids/330102001001001";
    assertThat(body(call(townAdmin, put(grid + "/leader"), Map.of("username", "wang")))
        .path("leader").asText()).isEqualTo("wang");
    assertThat(body(call(townAdmin, put(grid + "/members"),
        Map.of("usernames", List.of("zhao", "li")))).path("members"))
        .extracting(JsonNode::asText).containsExactly("li", "zhao");
    JsonNode n = body(call(townAdmin, get(grid)));
    assertThat(n.path("leader").asText()).isEqualTo("wang");
    assertThat(n.path("members")).extracting(JsonNode::asText).containsExactly("li", "zhao");
    assertThat(audit("grid.leader")).singleElement().satisfies(a ->
        assertThat(a.get("after_json")).isEqualTo("{\"leader\":\"wang\"}"));
    assertThat(audit("grid.members")).singleElement().satisfies(a -> {
      assertThat(a.get("before_json")).isEqualTo("{\"members\":[]}");
      assertThat(a.get("after_json")).isEqualTo("{\"members\":[\"li\",\"zhao\"]}");
    });
  }

  @Test
  void leaderAndMembers_unknownUsers_badRequestNamingThem() throws Exception {
    String grid = "/api/v1/grids/330102001001001";
    MvcResult leader = call(admin, put(grid + "/leader"), Map.of("username", "nobody"));
    assertThat(leader.getResponse().getStatus()).isEqualTo(400);
    assertThat(detail(leader)).isEqualTo("unknown user 'nobody'");
    MvcResult members = call(admin, put(grid + "/members"),
        Map.of("usernames", List.of("li", "phantom", "ghost")));
    assertThat(members.getResponse().getStatus()).isEqualTo(400);
    assertThat(detail(members)).isEqualTo("unknown user(s): ghost, phantom");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM grid_member", Integer.class)).isZero();
    assertThat(call(townAdmin, put("/api/v1/grids/330102002001001/leader"),
        Map.of("username", "wang")).getResponse().getStatus()).isEqualTo(404);
  }

  @Test
  void import_badCsv_422WithTheReportAndNothingStored() throws Exception {
    jdbc.update("DELETE FROM grid_node WHERE code LIKE '330102002008%' AND level = 'GRID'");
    int before = count();
    MvcResult r = call(admin, post("/api/v1/grids/import?format=csv").contentType("text/csv")
        .content(GridImportContract.resource("county-bad.csv")));
    assertThat(r.getResponse().getStatus()).isEqualTo(422);
    JsonNode report = body(r);
    assertThat(report.path("stored").asBoolean()).isFalse();
    assertThat(report.path("problemCount").asInt()).isEqualTo(6);
    assertThat(json.treeToValue(report.path("problems"), GridImportProblem[].class))
        .containsExactlyElementsOf(GridImportContract.BAD_CSV_PROBLEMS);
    assertThat(report.path("problems").get(0).has("feature")).isFalse();
    assertThat(count()).isEqualTo(before);
    assertThat(audit("grid.import")).last().satisfies(a -> {
      assertThat(a.get("outcome")).isEqualTo("FAILURE");
      assertThat(a.get("actor")).isEqualTo("admin");
    });
  }

  @Test
  void import_skipBadRows_restStored() throws Exception {
    jdbc.update("DELETE FROM grid_node WHERE level = 'GRID' AND code LIKE '330102003%'");
    MvcResult r = call(admin, post("/api/v1/grids/import?format=geojson&skipBadRows=true")
        .contentType("application/geo+json")
        .content(GridImportContract.resource("county-bad.geojson")));
    assertThat(r.getResponse().getStatus()).isEqualTo(200);
    JsonNode report = body(r);
    assertThat(report.path("imported").asInt()).isEqualTo(100);
    assertThat(report.path("unchanged").asInt()).isEqualTo(GridImportContract.COUNTY_NODES - 100);
    assertThat(report.path("skipped").asInt()).isEqualTo(6);
    assertThat(report.path("problems").get(0).path("feature").asInt()).isEqualTo(13);
    assertThat(count()).isEqualTo(GridImportContract.COUNTY_NODES);
    assertThat(audit("grid.import")).last().satisfies(a -> {
      assertThat(a.get("outcome")).isEqualTo("SUCCESS");
      assertThat(a.get("detail").toString()).startsWith("format=geojson rows=340 imported=100 "
          + "updated=0 unchanged=234 skipped=6 problems=6");
    });
  }

  @Test
  void import_townAdminWholeCounty_refusedOutsideRows() throws Exception {
    MvcResult r = call(townAdmin, post("/api/v1/grids/import?format=csv")
        .content(GridImportContract.resource("county.csv")));
    assertThat(r.getResponse().getStatus()).isEqualTo(422);
    JsonNode report = body(r);
    assertThat(report.path("problemCount").asInt()).isEqualTo(GridImportContract.COUNTY_NODES - 111);
    assertThat(report.path("problems").get(0).path("reason").asText())
        .isEqualTo("330102 is outside your grid scope");
  }

  @Test
  void import_formEncodedBody_unsupportedMediaTypeSayingHowToSendIt() throws Exception {
    MvcResult r = call(admin, post("/api/v1/grids/import?format=csv")
        .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("code,name\n330103,x\n"));
    assertThat(r.getResponse().getStatus()).isEqualTo(415);
    assertThat(detail(r)).contains("--data-binary");
    assertThat(count()).isEqualTo(GridImportContract.COUNTY_NODES);
  }

  @Test
  void export_csv_theImportedFileAndAttachmentHeaders() throws Exception {
    MvcResult r = call(admin, get("/api/v1/grids/export?format=csv"));
    assertThat(r.getResponse().getStatus()).isEqualTo(200);
    assertThat(r.getResponse().getContentType()).isEqualTo("text/csv;charset=UTF-8");
    assertThat(r.getResponse().getHeader("Content-Disposition"))
        .isEqualTo("attachment; filename=\"grids.csv\"");
    assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo("\uFEFF"
        + new String(GridImportContract.resource("county.csv"), StandardCharsets.UTF_8));
  }

  @Test
  void export_geoJsonRoundTripThroughTheApi_sameBytes() throws Exception {
    byte[] exported = call(townAdmin, get("/api/v1/grids/export?format=geojson")).getResponse()
        .getContentAsByteArray();
    JsonNode collection = json.readTree(exported);
    assertThat(collection.path("features")).hasSize(111);
    for (String level : List.of("GRID", "VILLAGE")) {
      jdbc.update("DELETE FROM grid_node WHERE level = ? AND code LIKE '330102001%'", level);
    }
    MvcResult imported = call(townAdmin, post("/api/v1/grids/import?format=geojson")
        .content(exported));
    assertThat(body(imported).path("imported").asInt()).isEqualTo(110);
    assertThat(body(imported).path("unchanged").asInt()).isEqualTo(1);
    assertThat(call(townAdmin, get("/api/v1/grids/export?format=geojson")).getResponse()
        .getContentAsByteArray()).isEqualTo(exported);
  }
}
