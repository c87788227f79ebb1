package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gridguard.hub.gateway.GatewayActivityRecorder;
import org.gridguard.hub.record.PriorityRecordStore;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.protocol.v1.DeviceState;
import org.gridguard.protocol.v1.DeviceStatus;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Device health with a controllable clock, on the database the subclass chooses: derived from
 * the gateway's session facts, reports, DeviceStatus records and the expected interval, with
 * hysteresis (late reports do not flap; offline only after two intervals; back only with a
 * report after going offline), every transition in the history, scoped REST reads.
 */
abstract class HealthContract {
  static final String VILLAGE_A = DeviceContract.VILLAGE_A;
  static final String A1 = DeviceContract.A1;

  @Autowired org.springframework.test.web.servlet.MockMvc mvc;
  @Autowired org.gridguard.hub.security.UserRepository users;
  @Autowired org.gridguard.hub.security.TokenService tokens;
  @Autowired org.springframework.security.crypto.password.PasswordEncoder encoder;
  @Autowired org.gridguard.hub.grid.GridImporter gridImporter;
  private final com.fasterxml.jackson.databind.ObjectMapper json =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private final java.util.Map<String, String> bearers = new java.util.HashMap<>();
  private org.gridguard.hub.security.TestUsers testUsers;

  @org.junit.jupiter.api.BeforeEach
  void world() {
    testUsers = new org.gridguard.hub.security.TestUsers(users, tokens, encoder, gridImporter);
    testUsers.gridsExist(A1, DeviceContract.B1);
    testUsers.create("tech-a", org.gridguard.hub.security.GridScope.of(java.util.Set.of(VILLAGE_A)),
        org.gridguard.hub.security.Role.TECHNICIAN);
    testUsers.create("tech-b", org.gridguard.hub.security.GridScope.of(
        java.util.Set.of("330102002001")), org.gridguard.hub.security.Role.TECHNICIAN);
  }

  JsonNode call(String method, String path, String user, String body, int status)
      throws Exception {
    var r = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request(
        org.springframework.http.HttpMethod.valueOf(method), path)
        .header("Authorization", bearers.computeIfAbsent(user, testUsers::bearer));
    if (body != null) {
      r.contentType(org.springframework.http.MediaType.APPLICATION_JSON).content(body);
    }
    var result = mvc.perform(r).andReturn();
    String text = result.getResponse().getContentAsString();
    assertThat(result.getResponse().getStatus()).as(method + " " + path + " as " + user + ": "
        + text).isEqualTo(status);
    return text.isEmpty() ? json.nullNode() : json.readTree(text);
  }

  String gateway(String id) throws Exception {
    call("POST", "/api/v1/gateways", "tech-a", "{\"gatewayId\":\"" + id + "\",\"gridCode\":\""
        + A1 + "\"}", 201);
    return id;
  }

  static String camera(String deviceId, String grid) {
    return DeviceContract.camera(deviceId, grid);
  }

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock(Instant.parse("2025-10-13T01:00:00Z"));
    }
  }

  @Autowired MutableClock clock;
  @Autowired HealthSweep sweep;
  @Autowired GatewayActivityRecorder activity;
  @Autowired PriorityRecordStore store;

  private long seq;

  private long device(String gw, String body) throws Exception {
    return call("POST", "/api/v1/gateways/" + gw + "/devices", "tech-a", body, 201)
        .get("id").asLong();
  }

  private void report(String gw, String device) {
    activity.heard(gw);
    activity.records(gw, List.of(Record.newBuilder().setDeviceId(device)
        .setCaptureTimeMs(clock.millis()).build()));
    activity.flush();
  }

  private void sweepAfter(Duration d) {
    clock.advance(d);
    activity.heard("h-gw"); // the gateway stays connected unless a test closes it
    activity.flush();
    sweep.sweep();
  }

  private JsonNode health(String path, String user) throws Exception {
    return call("GET", path, user, null, 200);
  }

  /** The periodic tasks stay out of the way; the test sweeps and flushes itself. */
  static void quiet(org.springframework.test.context.DynamicPropertyRegistry registry) {
    registry.add("gridguard.security.sign-in-max-failures", () -> "1000");
    registry.add("gridguard.gateway.activity.flush-interval", () -> "10m");
    registry.add("gridguard.device-health.sweep-interval", () -> "1h");
  }

  @Test
  void sweep_sensorLateThenSilentThenBack_transitionsWithCauses() throws Exception {
    gateway("h-gw");
    long sensor = device("h-gw", "{\"deviceId\":\"wl-1\",\"kind\":\"sensor\",\"gridCode\":\""
        + A1 + "\",\"settings\":{\"sensor_type\":\"water_level\",\"expected_interval\":\"1m\"}}");
    long cam = device("h-gw", camera("cam-1", A1));
    String sensorPath = "/api/v1/devices/" + sensor + "/health";
    assertThat(health(sensorPath, "tech-a").get("cause").asText()).startsWith("not derived yet");

    report("h-gw", "wl-1");
    sweepAfter(Duration.ofSeconds(1));
    assertThat(health(sensorPath, "tech-a").get("state").asText()).isEqualTo("ONLINE");
    assertThat(health("/api/v1/gateways/h-gw/health", "tech-a").get("state").asText())
        .isEqualTo("ONLINE");

    // late reports (up to 1.9 intervals apart), swept every 30 s: no transition
    for (int i = 0; i < 4; i++) {
      sweepAfter(Duration.ofSeconds(30));
      sweepAfter(Duration.ofSeconds(30));
      sweepAfter(Duration.ofSeconds(30));
      sweepAfter(Duration.ofSeconds(24));
      report("h-gw", "wl-1");
      sweepAfter(Duration.ofSeconds(1));
    }
    assertThat(health(sensorPath, "tech-a").get("history")).hasSize(1);

    // silent for more than two intervals: OFFLINE, once
    sweepAfter(Duration.ofSeconds(125));
    JsonNode offline = health(sensorPath, "tech-a");
    assertThat(offline.get("state").asText()).isEqualTo("OFFLINE");
    assertThat(offline.get("cause").asText()).contains("silent since").contains("PT1M");
    sweepAfter(Duration.ofSeconds(30));
    assertThat(health(sensorPath, "tech-a").get("history")).hasSize(2);
    assertThat(health("/api/v1/health?state=OFFLINE&subject=device", "tech-a").get("items"))
        .extracting(n -> n.get("deviceId").asText()).containsExactly("wl-1");

    // one good report after it went offline: ONLINE at the next sweep
    report("h-gw", "wl-1");
    sweepAfter(Duration.ofSeconds(1));
    JsonNode back = health(sensorPath, "tech-a");
    assertThat(back.get("state").asText()).isEqualTo("ONLINE");
    assertThat(back.at("/history/0/from").asText()).isEqualTo("OFFLINE");
    assertThat(back.at("/history/0/to").asText()).isEqualTo("ONLINE");

    // a DeviceStatus record through the PRIORITY store (the listener, in its transaction)
    store.store(new StreamKey("h-gw", "s1", Lane.PRIORITY), List.of(Record.newBuilder()
        .setSequence(++seq).setDeviceId("cam-1").setCaptureTimeMs(clock.millis())
        .setStatus(DeviceStatus.newBuilder().setState(DeviceState.DEGRADED)
            .setDetail("fps 2 of 10")).build()));
    sweepAfter(Duration.ofSeconds(1));
    JsonNode camHealth = health("/api/v1/devices/" + cam + "/health", "tech-a");
    assertThat(camHealth.get("state").asText()).isEqualTo("DEGRADED");
    assertThat(camHealth.get("cause").asText()).contains("fps 2 of 10");

    // scope: another village's technician sees nothing of it
    call("GET", sensorPath, "tech-b", null, 404);
    call("GET", "/api/v1/gateways/h-gw/health", "tech-b", null, 404);
    assertThat(health("/api/v1/health", "tech-b").get("items")).isEmpty();
    call("GET", "/api/v1/health?state=sideways", "tech-a", null, 400);
  }

  @Test
  void sweep_gatewaySessionEnds_offlineAfterGrace_devicesByGateway() throws Exception {
    gateway("h-gw2");
    device("h-gw2", "{\"deviceId\":\"door-1\",\"kind\":\"door\",\"gridCode\":\"" + A1
        + "\",\"settings\":{}}");
    activity.heard("h-gw2");
    activity.flush();
    clock.advance(Duration.ofSeconds(1));
    sweep.sweep();
    activity.closed("h-gw2");
    activity.flush();
    clock.advance(Duration.ofSeconds(60));
    sweep.sweep();
    assertThat(health("/api/v1/gateways/h-gw2/health", "tech-a").get("state").asText())
        .isEqualTo("ONLINE");
    clock.advance(Duration.ofSeconds(61));
    sweep.sweep();
    JsonNode gw = health("/api/v1/gateways/h-gw2/health", "tech-a");
    assertThat(gw.get("state").asText()).isEqualTo("OFFLINE");
    assertThat(gw.get("cause").asText()).startsWith("session closed at");
    assertThat(gw.at("/devices/OFFLINE").asLong()).isEqualTo(1);
    // reconnect: ONLINE at the next sweep, its devices with it
    clock.advance(Duration.ofSeconds(1));
    activity.opened("h-gw2", "0.2.0");
    activity.flush();
    sweep.sweep();
    JsonNode again = health("/api/v1/gateways/h-gw2/health", "tech-a");
    assertThat(again.get("state").asText()).isEqualTo("ONLINE");
    assertThat(again.at("/devices/ONLINE").asLong()).isEqualTo(1);
    assertThat(call("GET", "/api/v1/gateways/h-gw2", "tech-a", null, 200)
        .get("softwareVersion").asText()).isEqualTo("0.2.0");
  }
}
