package org.gridguard.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Malformed requests through the real HTTP server: each is answered 4xx with a problem detail
 * naming what was wrong, and nothing is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadInputIT {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-badinput");
    HubTestProperties.localHub(registry, influxd, "gg_bad", dir);
    registry.add("gridguard.security.max-request-body", () -> "64KB");
  }

  @Autowired TestRestTemplate rest;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired GatewayRepository gateways;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.springframework.security.crypto.password.PasswordEncoder encoder;
  @Autowired org.gridguard.hub.grid.GridImporter gridImporter;
  String bearer;

  @BeforeEach
  void signIn() {
    TestUsers testUsers = new TestUsers(users, tokens, encoder, gridImporter);
    testUsers.create("bad-tech", GridScope.of(Set.of("330102001")), Role.TECHNICIAN);
    bearer = testUsers.bearer("bad-tech");
    testUsers.gridsExist("330102001001001"); // so only the field under test is wrong
  }

  private ResponseEntity<String> send(HttpMethod method, String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("Authorization", bearer);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  @Test
  void register_numberForText_400NamingTheField() {
    ResponseEntity<String> r = send(HttpMethod.POST, "/api/v1/gateways",
        "{\"gatewayId\":123,\"gridCode\":\"330102001001001\"}");
    assertThat(r.getStatusCode().value()).isEqualTo(400);
    assertThat(r.getHeaders().getContentType().toString()).contains("application/problem+json");
    assertThat(r.getBody()).contains("\"field\":\"gatewayId\"");
    assertThat(gateways.find("123")).isEmpty();
  }

  @Test
  void register_unknownField_400NamingIt() {
    ResponseEntity<String> r = send(HttpMethod.POST, "/api/v1/gateways",
        "{\"gatewayId\":\"gw-x\",\"gridCode\":\"330102001001001\",\"admin\":true}");
    assertThat(r.getStatusCode().value()).isEqualTo(400);
    assertThat(r.getBody()).contains("unknown field 'admin'");
    assertThat(gateways.find("gw-x")).isEmpty();
  }

  @Test
  void register_everyBadFieldNamedAtOnce() {
    ResponseEntity<String> r = send(HttpMethod.POST, "/api/v1/gateways", "{}");
    assertThat(r.getStatusCode().value()).isEqualTo(400);
    assertThat(r.getBody()).contains("\"field\":\"gatewayId\"").contains("\"field\":\"gridCode\"");
  }

  @Test
  void register_pathLikeAndHugeAndSqlLookingIds_refusedNothingStored() {
    for (String id : new String[] {"..", ".", "../../etc", "a/b", "x".repeat(10_000),
        "gw'; DROP TABLE gateway; --", "gw\u0000nul"}) {
      ResponseEntity<String> r = send(HttpMethod.POST, "/api/v1/gateways",
          "{\"gatewayId\":\"" + id.replace("\u0000", "\\u0000") + "\",\"gridCode\":\"330102001001001\"}");
      assertThat(r.getStatusCode().value()).as(id.length() > 40 ? "10,000 chars" : id)
          .isEqualTo(400);
      assertThat(r.getBody()).contains("gatewayId");
      assertThat(gateways.find(id)).isEmpty();
    }
  }

  @Test
  void register_badGridCodes_400() {
    for (String grid : new String[] {"330102001001", "1", "33010200100100x", "' OR 1=1 --"}) {
      ResponseEntity<String> r = send(HttpMethod.POST, "/api/v1/gateways",
          "{\"gatewayId\":\"gw-ok\",\"gridCode\":\"" + grid + "\"}");
      assertThat(r.getStatusCode().value()).as(grid).isEqualTo(400);
      assertThat(r.getBody()).contains("gridCode");
    }
  }

  @Test
  void oversizedBody_413BeforeReading() {
    String big = "{\"gatewayId\":\"" + "x".repeat(100_000) + "\",\"gridCode\":\"1\"}";
    ResponseEntity<String> r = send(HttpMethod.POST, "/api/v1/gateways", big);
    assertThat(r.getStatusCode().value()).isEqualTo(413);
    assertThat(r.getBody()).contains("larger than");
  }

  @Test
  void oversizedBody_anonymous_413Too() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> r = rest.exchange("/api/v1/auth/token", HttpMethod.POST,
        new HttpEntity<>("{\"username\":\"" + "x".repeat(200_000) + "\"}", headers), String.class);
    assertThat(r.getStatusCode().value()).isEqualTo(413);
  }

  @Test
  void oversizedChunkedBody_withoutContentLength_413() throws Exception {
    byte[] big = ("{\"username\":\"" + "x".repeat(200_000) + "\",\"password\":\"p\"}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var request = java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(rest.getRootUri() + "/api/v1/auth/token"))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream(big))) // no length: sent chunked
        .build();
    var response = java.net.http.HttpClient.newHttpClient().send(request,
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("larger than");
  }

  @Test
  void telemetry_outOfRangeDatesAndDurations_400NamingTheParameter() {
    gateways.insert(new org.gridguard.hub.gateway.Gateway("gw-range",
        new org.gridguard.hub.gateway.CredentialHasher(1000).hash("x"), "330102001001001", false));
    String base = "/api/v1/telemetry/gw-range/d/level";
    for (String[] c : new String[][] {
        {"?from=+1000000000-01-01T00:00:00Z", "from"}, {"?to=9999-01-01T00:00:00Z", "to"},
        {"?from=yesterday", "from"}, {"?every=999999999999999h", "every"},
        {"?every=PT9999999999999999H", "every"}, {"?every=soon", "every"}}) {
      ResponseEntity<String> r = send(HttpMethod.GET, base + c[0], null);
      assertThat(r.getStatusCode().value()).as(c[0]).isEqualTo(400);
      assertThat(r.getBody()).as(c[0]).contains(c[1] + ":");
    }
  }

  @Test
  void queryParameter_wrongType_400NamingIt() {
    ResponseEntity<String> r = send(HttpMethod.GET, "/api/v1/gateways?limit=many", null);
    assertThat(r.getStatusCode().value()).isEqualTo(400);
    assertThat(r.getBody()).contains("limit");
    r = send(HttpMethod.GET, "/api/v1/gateways?limit=100000", null);
    assertThat(r.getStatusCode().value()).isEqualTo(400);
    assertThat(r.getBody()).contains("limit");
  }

  @Test
  void notJson_400_andNoStackTraceAnywhere() {
    ResponseEntity<String> r = send(HttpMethod.POST, "/api/v1/gateways", "{not json");
    assertThat(r.getStatusCode().value()).isEqualTo(400);
    assertThat(r.getBody()).contains("not valid JSON").doesNotContain("at org.").doesNotContain("Exception");
  }

  @Test
  void unknownPath_404Problem() {
    ResponseEntity<String> r = send(HttpMethod.GET, "/api/v1/nothing-here", null);
    assertThat(r.getStatusCode().value()).isEqualTo(404);
    assertThat(r.getHeaders().getContentType().toString()).contains("problem+json");
  }
}
