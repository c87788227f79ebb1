package org.gridguard.hub.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Maintenance orders from the derived health (health rows are this test's input): one order per
 * device, one for a whole gateway instead of its devices, one for an outage, closed by recovery
 * or by a technician with a note (and not reopened for the same spell), scoped, audited.
 */
abstract class MaintenanceContract {
  static final String A1 = "330102001001001";
  static final String B1 = "330102002001001";
  static final Instant T0 = Instant.parse("2025-10-13T01:00:00Z");

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock(T0);
    }
  }

  @Autowired MockMvc mvc;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired GridImporter gridImporter;
  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired OrderSweep sweep;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, String> bearers = new java.util.HashMap<>();
  private TestUsers testUsers;

  static void quiet(org.springframework.test.context.DynamicPropertyRegistry registry) {
    registry.add("gridguard.security.sign-in-max-failures", () -> "1000");
    registry.add("gridguard.device-health.sweep-interval", () -> "1h");
    registry.add("gridguard.maintenance.sweep-interval", () -> "1h");
  }

  @BeforeEach
  void world() {
    testUsers = new TestUsers(users, tokens, encoder, gridImporter);
    testUsers.gridsExist(A1, B1);
    testUsers.create("tech-a", GridScope.of(Set.of("330102001001")), Role.TECHNICIAN);
    testUsers.create("tech-b", GridScope.of(Set.of("330102002001")), Role.TECHNICIAN);
    testUsers.create("viewer-a", GridScope.of(Set.of("330102001001")), Role.VIEWER);
  }

  JsonNode call(String method, String path, String user, String body, int status)
      throws Exception {
    var r = MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path)
        .header("Authorization", bearers.computeIfAbsent(user, testUsers::bearer));
    if (body != null) {
      r.contentType(MediaType.APPLICATION_JSON).content(body);
    }
    var result = mvc.perform(r).andReturn();
    String text = result.getResponse().getContentAsString();
    assertThat(result.getResponse().getStatus()).as(method + " " + path + ": " + text)
        .isEqualTo(status);
    return text.isEmpty() ? json.nullNode() : json.readTree(text);
  }

  void gateway(String id, String... devices) {
    jdbc.update("INSERT INTO gateway (gateway_id, credential_hash, grid_code) VALUES (?, 'x', ?)",
        id, A1);
    health(id, "", "ONLINE", "connected", T0);
    for (String d : devices) {
      jdbc.update("INSERT INTO device (gateway_id, device_id, kind, grid_code, settings) VALUES "
          + "(?, ?, 'SENSOR', ?, '{\"sensor_type\":\"smoke\"}')", id, d, A1);
      health(id, d, "ONLINE", "reporting", T0);
    }
  }

  /** Sets a derived health row as the health sweep would. */
  void health(String gw, String device, String state, String cause, Instant since) {
    if (jdbc.update("UPDATE health_state SET state = ?, cause = ?, since = ?, version = version "
        + "+ 1 WHERE gateway_id = ? AND device_id = ?", state, cause, Timestamp.from(since), gw,
        device) == 0) {
      jdbc.update("INSERT INTO health_state (gateway_id, device_id, state, cause, since, version, "
          + "checked_at) VALUES (?, ?, ?, ?, ?, 1, ?)", gw, device, state, cause,
          Timestamp.from(since), Timestamp.from(since));
    }
  }

  JsonNode orders(String gw) throws Exception {
    return call("GET", "/api/v1/maintenance-orders?gateway=" + gw, "tech-a", null, 200)
        .get("items");
  }

  @Test
  void gatewayDown_oneOrderForTheGateway_closesItselfWhenBack() throws Exception {
    gateway("m-gw1", "s1", "s2", "s3");
    Instant down = T0.plusSeconds(60);
    health("m-gw1", "", "OFFLINE", "session closed at " + down, down);
    for (String d : new String[] {"s1", "s2", "s3"}) {
      health("m-gw1", d, "OFFLINE", "gateway offline", down);
    }
    clock.set(down.plus(Duration.ofMinutes(5)));
    sweep.sweep();
    assertThat(orders("m-gw1")).isEmpty(); // not yet open-after (10 min)
    clock.set(down.plus(Duration.ofMinutes(11)));
    sweep.sweep();
    sweep.sweep();
    JsonNode open = orders("m-gw1");
    assertThat(open).hasSize(1);
    assertThat(open.at("/0/kind").asText()).isEqualTo("GATEWAY_OFFLINE");
    assertThat(open.at("/0/deviceId").asText()).isEmpty();
    assertThat(open.at("/0/state").asText()).isEqualTo("OPEN");
    call("GET", "/api/v1/maintenance-orders/" + open.at("/0/id").asLong(), "tech-b", null, 404);

    health("m-gw1", "", "ONLINE", "connected", down.plus(Duration.ofMinutes(12)));
    sweep.sweep();
    JsonNode closed = orders("m-gw1");
    assertThat(closed.at("/0/state").asText()).isEqualTo("CLOSED");
    assertThat(closed.at("/0/closeReason").asText()).isEqualTo("RECOVERED");
    assertThat(closed.at("/0/closedBy").asText()).isEqualTo("system");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = "
        + "'maintenance.close' AND object_id = ?", Integer.class, closed.at("/0/id").asText()))
        .isEqualTo(1);
  }

  @Test
  void outage_oneOrderForTheGateway_notOnePerDevice() throws Exception {
    gateway("m-gw2", "c1", "c2", "c3");
    jdbc.update("INSERT INTO alarm_outage (gateway_id, grid_code, rule, active_key, devices, "
        + "first_at, last_at) VALUES ('m-gw2', ?, 'gateway-outage', 'm-gw2', 3, ?, ?)", A1,
        Timestamp.from(T0), Timestamp.from(T0));
    for (String d : new String[] {"c1", "c2", "c3"}) {
      health("m-gw2", d, "OFFLINE", "VIDEO_LOSS since " + T0, T0);
    }
    clock.set(T0.plus(Duration.ofMinutes(30)));
    sweep.sweep();
    JsonNode open = orders("m-gw2");
    assertThat(open).hasSize(1);
    assertThat(open.at("/0/kind").asText()).isEqualTo("GATEWAY_OUTAGE");
    assertThat(open.at("/0/cause").asText()).startsWith("3 devices lost at once");
  }

  @Test
  void deviceFault_ownOrder_technicianClosesWithNote_notReopenedForSameSpell() throws Exception {
    gateway("m-gw3", "bat-1");
    health("m-gw3", "bat-1", "DEGRADED", "LOW_BATTERY_LEVEL since " + T0, T0);
    clock.set(T0.plus(Duration.ofMinutes(15)));
    sweep.sweep();
    JsonNode open = orders("m-gw3");
    assertThat(open).hasSize(1);
    assertThat(open.at("/0/kind").asText()).isEqualTo("DEVICE_FAULT");
    assertThat(open.at("/0/deviceId").asText()).isEqualTo("bat-1");
    long id = open.at("/0/id").asLong();
    String path = "/api/v1/maintenance-orders/" + id + "/close";
    call("POST", path, "tech-a", "{\"note\":\"\"}", 400);
    call("POST", path, "viewer-a", "{\"note\":\"x\"}", 403);
    call("POST", path, "tech-b", "{\"note\":\"x\"}", 404);
    JsonNode closed = call("POST", path, "tech-a", "{\"note\":\"battery replaced\"}", 200);
    assertThat(closed.get("closeReason").asText()).isEqualTo("TECHNICIAN");
    assertThat(closed.get("closeNote").asText()).isEqualTo("battery replaced");
    call("POST", path, "tech-a", "{\"note\":\"again\"}", 409);
    sweep.sweep();
    assertThat(orders("m-gw3")).hasSize(1); // the same spell does not reopen it
    // a new spell of ill health opens a new order
    health("m-gw3", "bat-1", "ONLINE", "reporting", clock.instant());
    clock.advance(Duration.ofMinutes(1));
    health("m-gw3", "bat-1", "DEGRADED", "LOW_BATTERY_LEVEL", clock.instant());
    clock.advance(Duration.ofMinutes(11));
    sweep.sweep();
    assertThat(orders("m-gw3")).hasSize(2);
    assertThat(call("GET", "/api/v1/maintenance-orders?state=OPEN&gateway=m-gw3", "tech-a",
        null, 200).get("items")).hasSize(1);
  }
}
