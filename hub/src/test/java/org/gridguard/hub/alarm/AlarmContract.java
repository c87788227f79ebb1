package org.gridguard.hub.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gridguard.hub.gateway.CredentialHasher;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.grid.GridImporter;
import org.gridguard.hub.ingest.IngestServer;
import org.gridguard.hub.record.PriorityRecordStore;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.Role;
import org.gridguard.hub.security.TestUsers;
import org.gridguard.hub.security.TokenService;
import org.gridguard.hub.security.UserRepository;
import org.gridguard.hub.sim.GatewaySimulator;
import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.DeviceState;
import org.gridguard.protocol.v1.DeviceStatus;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
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
 * Alarms from PRIORITY records to incidents, on a database the subclass chooses: dedup into one
 * active alarm, out-of-order BEGIN/END, storm folding, the correlation rules, false alarms and
 * their rates, the REST API with scoping, and an alarm through the real TCP ingest path.
 * Subclasses set {@code gridguard.alarm.storm-per-gateway=30} (per device: the default 20).
 */
abstract class AlarmContract {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String VILLAGE_A = "330102001001";
  static final String A1 = VILLAGE_A + "001";
  static final String VILLAGE_B = "330102002001";
  static final String B1 = VILLAGE_B + "001";

  @Autowired MockMvc mvc;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired GridImporter gridImporter;
  @Autowired JdbcTemplate jdbc;
  @Autowired PriorityRecordStore store;
  @Autowired GatewayRepository gateways;
  @Autowired IngestServer ingest;
  @Autowired org.gridguard.hub.evidence.EvidenceStore evidence;

  final ObjectMapper json = new ObjectMapper();
  final Map<String, String> bearers = new HashMap<>();
  TestUsers testUsers;
  String gw;
  String stream;
  final AtomicLong seq = new AtomicLong();

  static long at(String local) {
    return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant().toEpochMilli();
  }

  @BeforeEach
  void world() {
    testUsers = new TestUsers(users, tokens, encoder, gridImporter);
    testUsers.gridsExist(A1, B1);
    testUsers.create("disp-a", GridScope.of(Set.of("330102")), Role.DISPATCHER);
    testUsers.create("viewer-a", GridScope.of(Set.of(VILLAGE_A)), Role.VIEWER);
    testUsers.create("member-b", GridScope.of(Set.of(VILLAGE_B)), Role.GRID_MEMBER);
    gw = "gw-" + UUID.randomUUID().toString().substring(0, 13);
    gateways.insert(new Gateway(gw, new CredentialHasher(1000).hash("pw"), A1, false));
    stream = UUID.randomUUID().toString();
  }

  // ---- records

  Record alarm(String device, AlarmType type, AlarmPhase phase, String zone, long beginMs,
      long endMs, String rule) {
    Alarm.Builder a = Alarm.newBuilder().setAlarmId(UUID.randomUUID().toString()).setType(type)
        .setPhase(phase).setZone(zone).setBeginTimeMs(beginMs).setEndTimeMs(endMs)
        .setRule(rule);
    return Record.newBuilder().setSequence(seq.incrementAndGet())
        .setCaptureTimeMs(endMs > 0 ? endMs : beginMs).setDeviceId(device).setBootId("boot-1")
        .setAlarm(a).build();
  }

  Record begin(String device, AlarmType type, long beginMs) {
    return alarm(device, type, AlarmPhase.BEGIN, "", beginMs, 0, "test");
  }

  Record end(String device, AlarmType type, long beginMs, long endMs) {
    return alarm(device, type, AlarmPhase.END, "", beginMs, endMs, "test");
  }

  Record status(String device, DeviceState state, long atMs) {
    return Record.newBuilder().setSequence(seq.incrementAndGet()).setCaptureTimeMs(atMs)
        .setDeviceId(device).setBootId("boot-1")
        .setStatus(DeviceStatus.newBuilder().setState(state)).build();
  }

  int store(Record... records) {
    return store(List.of(records));
  }

  int store(List<Record> records) {
    return store.store(new StreamKey(gw, stream, Lane.PRIORITY), records);
  }

  List<Map<String, Object>> alarms() {
    return jdbc.queryForList("SELECT * FROM alarm WHERE gateway_id = ? ORDER BY id", gw);
  }

  List<Map<String, Object>> alarms(String type) {
    return jdbc.queryForList("SELECT * FROM alarm WHERE gateway_id = ? AND type = ? ORDER BY id",
        gw, type);
  }

  long incidents() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM incident WHERE reporter = ?", Long.class,
        "gateway:" + gw);
  }

  static long n(Object o) {
    return ((Number) o).longValue();
  }

  // ---- REST

  String bearer(String user) {
    return bearers.computeIfAbsent(user, testUsers::bearer);
  }

  JsonNode call(String method, String path, String user, String body, int status)
      throws Exception {
    MockHttpServletRequestBuilder r = request(HttpMethod.valueOf(method), path)
        .header("Authorization", bearer(user));
    if (body != null) {
      r.contentType(MediaType.APPLICATION_JSON).content(body);
    }
    MvcResult result = mvc.perform(r).andReturn();
    String text = result.getResponse().getContentAsString();
    assertThat(result.getResponse().getStatus()).as(method + " " + path + " as " + user + ": "
        + text).isEqualTo(status);
    return text.isEmpty() ? json.nullNode() : json.readTree(text);
  }

  // ---- dedup, incidents, replays

  @Test
  void intake_thousandIdenticalAlarmsWithin10s_oneAlarmWithCount1000AndOneIncident() {
    long t0 = at("2025-10-13T09:00");
    List<Record> all = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      all.add(begin("smoke-1", AlarmType.SMOKE, t0 + i * 10L));
    }
    for (int from = 0; from < 1000; from += 100) {
      assertThat(store(all.subList(from, from + 100))).isEqualTo(100);
    }
    List<Map<String, Object>> rows = alarms();
    assertThat(rows).hasSize(1);
    Map<String, Object> a = rows.get(0);
    assertThat(n(a.get("occurrences"))).isEqualTo(1000);
    assertThat(a.get("state")).isEqualTo("ACTIVE");
    assertThat(a.get("category")).isEqualTo("9101");
    assertThat(a.get("grid_code")).isEqualTo(A1);
    assertThat(a.get("incident_id")).isNotNull();
    assertThat(incidents()).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alarm_history WHERE alarm_id = ?",
        Long.class, a.get("id"))).isEqualTo(1000);
    // the edge alarm ids listed are bounded (all are in the history)
    assertThat(AlarmRepository.split((String) a.get("edge_alarm_ids"))).hasSize(16);
  }

  @Test
  void intake_batchesOfTwoGatewaysInOneTransaction_eachGetsItsOwnAlarmsCountsAndIncidents() {
    long t0 = at("2025-10-13T09:00");
    String gw2 = "gw-" + UUID.randomUUID().toString().substring(0, 13);
    gateways.insert(new Gateway(gw2, new CredentialHasher(1000).hash("pw"), A1, false));
    // the same device id on both gateways: two alarms, not one
    int[] stored = store.storeAll(List.of(
        new PriorityRecordStore.Batch(new StreamKey(gw, stream, Lane.PRIORITY),
            List.of(begin("smoke-1", AlarmType.SMOKE, t0),
                begin("smoke-1", AlarmType.SMOKE, t0 + 1000))),
        new PriorityRecordStore.Batch(new StreamKey(gw2, stream, Lane.PRIORITY),
            List.of(begin("smoke-1", AlarmType.SMOKE, t0 + 500)))));
    assertThat(stored).containsExactly(2, 1);
    assertThat(alarms()).singleElement().satisfies(a -> {
      assertThat(n(a.get("occurrences"))).isEqualTo(2);
      assertThat(a.get("incident_id")).isNotNull();
    });
    List<Map<String, Object>> other = jdbc.queryForList("SELECT * FROM alarm WHERE "
        + "gateway_id = ?", gw2);
    assertThat(other).singleElement().satisfies(a -> {
      assertThat(n(a.get("occurrences"))).isEqualTo(1);
      assertThat(a.get("incident_id")).isNotNull().isNotEqualTo(alarms().get(0).get("incident_id"));
    });
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alarm_history h JOIN alarm a ON "
        + "a.id = h.alarm_id WHERE a.gateway_id IN (?, ?)", Long.class, gw, gw2)).isEqualTo(3);
    // a repeat of each in the next combined transaction: counted on the right alarm
    store.storeAll(List.of(
        new PriorityRecordStore.Batch(new StreamKey(gw2, stream, Lane.PRIORITY),
            List.of(begin("smoke-1", AlarmType.SMOKE, t0 + 2000))),
        new PriorityRecordStore.Batch(new StreamKey(gw, stream, Lane.PRIORITY),
            List.of(end("smoke-1", AlarmType.SMOKE, t0, t0 + 3000)))));
    assertThat(alarms().get(0).get("state")).isEqualTo("CLEARED");
    assertThat(n(jdbc.queryForMap("SELECT occurrences FROM alarm WHERE gateway_id = ?", gw2)
        .get("occurrences"))).isEqualTo(2);
  }

  @Test
  void intake_replayedBatch_isNotCountedTwice() {
    long t0 = at("2025-10-13T09:00");
    List<Record> batch = List.of(begin("smoke-1", AlarmType.SMOKE, t0),
        begin("smoke-1", AlarmType.SMOKE, t0 + 1000));
    assertThat(store(batch)).isEqualTo(2);
    assertThat(store(batch)).isZero();
    assertThat(n(alarms().get(0).get("occurrences"))).isEqualTo(2);
  }

  @Test
  void intake_outOfOrderBeginEnd_oldEndDoesNotClearAndLateBeginDoesNotReopen() {
    long t0 = at("2025-10-13T09:00");
    store(begin("smoke-1", AlarmType.SMOKE, t0 + 100_000));
    // an END older than the active alarm's begin: ignored
    store(end("smoke-1", AlarmType.SMOKE, t0, t0 + 50_000));
    assertThat(alarms().get(0).get("state")).isEqualTo("ACTIVE");
    store(end("smoke-1", AlarmType.SMOKE, t0 + 100_000, t0 + 200_000));
    assertThat(alarms().get(0).get("state")).isEqualTo("CLEARED");
    assertThat(alarms().get(0).get("active_key")).isNull();
    // a late BEGIN that began before the end: counted on the cleared alarm, not reopened
    store(begin("smoke-1", AlarmType.SMOKE, t0 + 150_000));
    assertThat(alarms()).hasSize(1);
    assertThat(alarms().get(0).get("state")).isEqualTo("CLEARED");
    assertThat(n(alarms().get(0).get("occurrences"))).isEqualTo(2);
    assertThat(incidents()).isEqualTo(1);
    // a BEGIN after the end is a new alarm, with an incident of its own
    store(begin("smoke-1", AlarmType.SMOKE, t0 + 300_000));
    assertThat(alarms()).hasSize(2);
    assertThat(alarms().get(1).get("state")).isEqualTo("ACTIVE");
    assertThat(incidents()).isEqualTo(2);
    assertThat(jdbc.queryForList("SELECT action FROM alarm_history WHERE alarm_id = ? ORDER BY id",
        String.class, alarms().get(0).get("id")))
        .containsExactly("BEGIN", "IGNORED", "END", "IGNORED");
  }

  @Test
  void intake_deviceFault_isAnAlarmButNoIncident() {
    store(begin("cam-1", AlarmType.VIDEO_LOSS, at("2025-10-13T09:00")));
    assertThat(alarms()).hasSize(1);
    assertThat(alarms().get(0).get("category")).isNull();
    assertThat(alarms().get(0).get("incident_id")).isNull();
    assertThat(incidents()).isZero();
  }

  @Test
  void intake_gatewayNotInAGridNode_keepsAlarmWithReasonAndAcknowledges() {
    String other = "gw-" + UUID.randomUUID().toString().substring(0, 13);
    gateways.insert(new Gateway(other, new CredentialHasher(1000).hash("pw"), "330102", false));
    int stored = store.store(new StreamKey(other, stream, Lane.PRIORITY),
        List.of(begin("smoke-1", AlarmType.SMOKE, at("2025-10-13T09:00"))));
    assertThat(stored).isEqualTo(1);
    Map<String, Object> a = jdbc.queryForMap("SELECT * FROM alarm WHERE gateway_id = ?", other);
    assertThat(a.get("incident_id")).isNull();
    assertThat((String) a.get("incident_note")).contains("gridCode");
  }

  // ---- storms

  @Test
  void storm_overDeviceLimit_foldsIntoOneSummaryWithCountsPerType() throws Exception {
    long t0 = at("2025-10-13T09:00");
    List<Record> batch = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      batch.add(alarm("door-1", i % 2 == 0 ? AlarmType.TAMPER : AlarmType.LOW_BATTERY_LEVEL,
          AlarmPhase.BEGIN, "z" + i, t0 + i * 100L, 0, "test"));
    }
    store(batch.subList(0, 10));
    store(batch.subList(10, 25));
    assertThat(alarms()).hasSize(21);
    List<Map<String, Object>> storms = alarms("STORM");
    assertThat(storms).hasSize(1);
    assertThat(n(storms.get(0).get("occurrences"))).isEqualTo(5);
    JsonNode view = call("GET", "/api/v1/alarms/" + storms.get(0).get("id"), "disp-a", null, 200);
    // folded: i = 20..24 → TAMPER at 20, 22, 24; LOW_BATTERY_LEVEL at 21, 23
    assertThat(view.get("stormCounts").get("TAMPER").asLong()).isEqualTo(3);
    assertThat(view.get("stormCounts").get("LOW_BATTERY_LEVEL").asLong()).isEqualTo(2);
    assertThat(view.get("history").size()).isEqualTo(6); // BEGIN + 5 FOLDED
    // a new minute: admitted again, and the storm is over
    store(alarm("door-1", AlarmType.TAMPER, AlarmPhase.BEGIN, "later", t0 + 120_000, 0, "t"));
    assertThat(alarms("STORM").get(0).get("state")).isEqualTo("CLEARED");
    assertThat(alarms()).hasSize(22);
  }

  @Test
  void storm_overGatewayLimit_foldsIntoTheGatewaySummaryExceptP1() {
    long t0 = at("2025-10-13T09:00");
    List<Record> batch = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      batch.add(begin("cam-" + i, AlarmType.VIDEO_FROZEN, t0 + i * 100L));
    }
    store(batch);
    List<Map<String, Object>> storms = alarms("STORM");
    assertThat(storms).hasSize(1);
    assertThat(storms.get(0).get("device_id")).isEqualTo("");
    assertThat(n(storms.get(0).get("occurrences"))).isEqualTo(10);
    assertThat(alarms("VIDEO_FROZEN")).hasSize(30);
    // a fire in a storming village is still its own alarm and incident
    store(begin("smoke-9", AlarmType.SMOKE, t0 + 5000));
    assertThat(alarms("SMOKE")).hasSize(1);
    assertThat(incidents()).isEqualTo(1);
    assertThat(n(alarms("STORM").get(0).get("occurrences"))).isEqualTo(10);
  }

  // ---- correlation

  @Test
  void fireRule_temperatureRiseThenSmoke_oneP1IncidentBothAlarmsLinked() throws Exception {
    long t0 = at("2025-10-13T09:00");
    store(alarm("th-1", AlarmType.THRESHOLD, AlarmPhase.BEGIN, "", t0, 0,
        "threshold:temperature"));
    assertThat(incidents()).isZero(); // a threshold alone is no case
    store(begin("smoke-1", AlarmType.SMOKE, t0 + 120_000));
    assertThat(incidents()).isEqualTo(1);
    Object incident = alarms("SMOKE").get(0).get("incident_id");
    assertThat(incident).isNotNull();
    assertThat(alarms("THRESHOLD").get(0).get("incident_id")).isEqualTo(incident);
    assertThat(alarms("THRESHOLD").get(0).get("correlation")).isEqualTo("fire");
    JsonNode i = call("GET", "/api/v1/incidents/" + incident, "disp-a", null, 200);
    assertThat(i.get("category").asText()).isEqualTo("9101");
    assertThat(i.get("priority").asInt()).isEqualTo(1);
    JsonNode linked = call("GET", "/api/v1/alarms?incident=" + incident, "disp-a", null, 200);
    assertThat(linked.get("total").asLong()).isEqualTo(2);
    // the incident's own alarm list has both: the smoke alarm that made it and the rise
    assertThat(i.get("alarms")).hasSize(2);
    assertThat(i.get("alarms").toString()).contains("alarm:" + alarms("THRESHOLD").get(0).get("id"));
    JsonNode rules = call("GET", "/api/v1/alarm-rules", "viewer-a", null, 200);
    for (JsonNode r : rules) {
      if (r.get("name").asText().equals("fire")) {
        assertThat(r.get("hits").asLong()).isPositive();
      }
    }
  }

  @Test
  void fireRule_humidityThresholdDoesNotCount_smokeIsItsOwnIncident() {
    long t0 = at("2025-10-13T09:00");
    store(alarm("th-1", AlarmType.THRESHOLD, AlarmPhase.BEGIN, "", t0, 0, "threshold:humidity"));
    store(begin("smoke-1", AlarmType.SMOKE, t0 + 60_000));
    assertThat(incidents()).isEqualTo(1);
    assertThat(alarms("SMOKE").get(0).get("correlation")).isNull();
    assertThat(alarms("THRESHOLD").get(0).get("incident_id")).isNull();
  }

  @Test
  void intrusionRule_doorForcedAndMotionAtNight_oneIntrusionIncident_byDayTwo() throws Exception {
    long night = at("2025-10-13T23:00");
    store(alarm("door-1", AlarmType.DOOR_FORCED_OPEN, AlarmPhase.BEGIN, "1", night, 0, "door_forced"));
    Object incident = alarms("DOOR_FORCED_OPEN").get(0).get("incident_id");
    assertThat(call("GET", "/api/v1/incidents/" + incident, "disp-a", null, 200)
        .get("category").asText()).isEqualTo("9205"); // a door anomaly on its own
    store(alarm("cam-1", AlarmType.ZONE_MOTION, AlarmPhase.BEGIN, "yard", night + 90_000, 0,
        "video.zone_motion"));
    assertThat(incidents()).isEqualTo(1);
    assertThat(alarms("ZONE_MOTION").get(0).get("incident_id")).isEqualTo(incident);
    assertThat(alarms("ZONE_MOTION").get(0).get("correlation")).isEqualTo("night-intrusion");
    // the door incident became an intrusion, said so on its timeline and lists both alarms
    JsonNode i = call("GET", "/api/v1/incidents/" + incident, "disp-a", null, 200);
    assertThat(i.get("category").asText()).isEqualTo("9204");
    assertThat(i.get("priority").asInt()).isEqualTo(2);
    assertThat(i.get("title").asText()).contains("周界入侵");
    assertThat(i.get("alarms")).hasSize(2);
    JsonNode last = i.get("timeline").get(i.get("timeline").size() - 1);
    assertThat(last.get("action").asText()).isEqualTo("correlate");
    assertThat(last.get("detail").asText()).contains("9205 P2 -> 9204 P2")
        .contains("night-intrusion");
    // a repeat of the motion changes nothing more
    store(alarm("cam-1", AlarmType.ZONE_MOTION, AlarmPhase.UPDATE, "yard", night + 95_000, 0,
        "video.zone_motion"));
    assertThat(call("GET", "/api/v1/incidents/" + incident, "disp-a", null, 200).get("timeline"))
        .hasSize(i.get("timeline").size());
    // by day the same pair is two cases
    long day = at("2025-10-14T10:00");
    store(alarm("door-2", AlarmType.DOOR_FORCED_OPEN, AlarmPhase.BEGIN, "1", day, 0, "door_forced"));
    store(alarm("cam-2", AlarmType.ZONE_MOTION, AlarmPhase.BEGIN, "yard", day + 90_000, 0,
        "video.zone_motion"));
    assertThat(incidents()).isEqualTo(3);
  }

  @Test
  void outageRule_threeDevicesLost_oneOutageRowNoIncidents_closedWhenBack() {
    long t0 = at("2025-10-13T09:00");
    store(status("cam-1", DeviceState.OFFLINE, t0), begin("cam-2", AlarmType.VIDEO_LOSS, t0 + 10),
        status("cam-3", DeviceState.OFFLINE, t0 + 20), status("cam-4", DeviceState.OFFLINE, t0 + 30));
    List<Map<String, Object>> outages = jdbc.queryForList(
        "SELECT * FROM alarm_outage WHERE gateway_id = ?", gw);
    assertThat(outages).hasSize(1);
    assertThat(n(outages.get(0).get("devices"))).isEqualTo(4);
    assertThat(outages.get(0).get("end_at")).isNull();
    assertThat(incidents()).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alarm WHERE gateway_id = ? AND "
        + "outage_id = ?", Long.class, gw, outages.get(0).get("id"))).isEqualTo(4);
    store(status("cam-1", DeviceState.ONLINE, t0 + 60_000),
        end("cam-2", AlarmType.VIDEO_LOSS, t0 + 10, t0 + 60_000),
        status("cam-3", DeviceState.ONLINE, t0 + 60_000),
        status("cam-4", DeviceState.ONLINE, t0 + 60_000));
    assertThat(jdbc.queryForObject("SELECT end_at FROM alarm_outage WHERE gateway_id = ?",
        Object.class, gw)).isNotNull();
  }

  // ---- REST: ack, false, rates, scope

  @Test
  void rest_ackOnce_falseNeedsNote_ratesPerDeviceAndType_otherVillage404() throws Exception {
    long t0 = at("2025-10-13T09:00");
    store(begin("smoke-1", AlarmType.SMOKE, t0));
    store(end("smoke-1", AlarmType.SMOKE, t0, t0 + 1000));
    store(begin("smoke-1", AlarmType.SMOKE, t0 + 5000));
    store(alarm("door-1", AlarmType.DOOR_FORCED_OPEN, AlarmPhase.BEGIN, "1", t0, 0, "door_forced"));
    List<Map<String, Object>> smoke = alarms("SMOKE");
    long first = n(smoke.get(0).get("id"));
    long door = n(alarms("DOOR_FORCED_OPEN").get(0).get("id"));

    call("POST", "/api/v1/alarms/" + first + "/ack", "viewer-a", null, 403);
    JsonNode acked = call("POST", "/api/v1/alarms/" + first + "/ack", "disp-a", null, 200);
    assertThat(acked.get("acknowledgedBy").asText()).isEqualTo("disp-a");
    JsonNode again = call("POST", "/api/v1/alarms/" + first + "/ack", "disp-a", null, 409);
    assertThat(again.get("detail").asText()).contains("disp-a");

    JsonNode noNote = call("POST", "/api/v1/alarms/" + first + "/false", "disp-a", "{}", 400);
    assertThat(noNote.get("detail").asText()).contains("note");
    call("POST", "/api/v1/alarms/" + first + "/false", "disp-a",
        "{\"note\":\"cooking smoke, no fire\"}", 200);
    call("POST", "/api/v1/alarms/" + door + "/false", "disp-a", "{\"note\":\"test\"}", 200);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = "
        + "'alarm.false' AND object_id = ?", Long.class, Long.toString(first))).isEqualTo(1);

    JsonNode rates = call("GET", "/api/v1/alarms/false-rates?from=2025-10-13&to=2025-10-14",
        "viewer-a", null, 200);
    Map<String, Double> byDevice = new HashMap<>();
    rates.get("byDevice").forEach(r -> {
      if (r.get("gatewayId").asText().equals(gw)) {
        byDevice.put(r.get("deviceId").asText(), r.get("rate").asDouble());
      }
    });
    assertThat(byDevice).containsEntry("smoke-1", 0.5).containsEntry("door-1", 1.0);
    call("GET", "/api/v1/alarms/false-rates?from=2025-10-14&to=2025-10-13", "viewer-a", null, 400);
    call("GET", "/api/v1/alarms/false-rates?from=yesterday&to=2025-10-13", "viewer-a", null, 400);

    JsonNode detail = call("GET", "/api/v1/alarms/" + first, "viewer-a", null, 200);
    List<String> actions = new ArrayList<>();
    detail.get("history").forEach(h -> actions.add(h.get("action").asText()));
    assertThat(actions).containsExactly("FALSE", "ACK", "END", "BEGIN");

    // another village's member: 404 like absent, and nothing in the list
    call("GET", "/api/v1/alarms/" + first, "member-b", null, 404);
    call("POST", "/api/v1/alarms/" + first + "/ack", "member-b", null, 403);
    JsonNode listB = call("GET", "/api/v1/alarms?gateway=" + gw, "member-b", null, 200);
    assertThat(listB.get("total").asLong()).isZero();
    JsonNode listA = call("GET", "/api/v1/alarms?gateway=" + gw + "&type=SMOKE&state=ACTIVE",
        "viewer-a", null, 200);
    assertThat(listA.get("total").asLong()).isEqualTo(1);
    call("GET", "/api/v1/alarms?state=OPEN", "viewer-a", null, 400);
  }

  // ---- the real ingest path

  @Test
  void ingest_doorForcedOverTcp_becomesP2IncidentInGatewayGridWithDeadline() throws Exception {
    EventLoopGroup group = new NioEventLoopGroup(1);
    try (GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1", ingest.port())) {
      sim.hello(gw, "pw", stream);
      long now = System.currentTimeMillis();
      Record r = Record.newBuilder().setSequence(1).setCaptureTimeMs(now).setDeviceId("AC400-0012")
          .setBootId("boot-1").setAlarm(Alarm.newBuilder().setAlarmId(UUID.randomUUID().toString())
              .setType(AlarmType.DOOR_FORCED_OPEN).setPhase(AlarmPhase.BEGIN).setPriority(2)
              .setCategoryCode(9205).setZone("1").setBeginTimeMs(now).setRule("door_forced"))
          .build();
      sim.sendBatch(Lane.PRIORITY, List.of(r));
      sim.awaitAck(Lane.PRIORITY, 1, Duration.ofSeconds(30));
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
    // acknowledged = committed: the alarm and its incident are there at once
    JsonNode list = call("GET", "/api/v1/alarms?gateway=" + gw, "disp-a", null, 200);
    assertThat(list.get("total").asLong()).isEqualTo(1);
    long incident = list.get("items").get(0).get("incidentId").asLong();
    JsonNode i = call("GET", "/api/v1/incidents/" + incident, "disp-a", null, 200);
    assertThat(i.get("gridCode").asText()).isEqualTo(A1);
    assertThat(i.get("priority").asInt()).isEqualTo(2);
    assertThat(i.get("category").asText()).isEqualTo("9205");
    assertThat(i.get("source").asText()).isEqualTo("ALARM");
    assertThat(i.get("step").get("deadline").isNull()).isFalse();
  }

  // ---- evidence of alarms: content type, ranges, audit, scope

  @Test
  void evidence_clipOfAnAlarm_rangeRequestIs206WithContentRangeAndEveryViewAudited()
      throws Exception {
    byte[] clip = new byte[1000];
    for (int i = 0; i < clip.length; i++) {
      clip[i] = (byte) i;
    }
    java.nio.file.Path file = evidence.file(gw, "clip-1");
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.write(file, clip);
    jdbc.update("INSERT INTO evidence_item (gateway_id, evidence_id, content_type, total_size, "
        + "chunk_count, sha256, status, device_id, capture_time_ms) VALUES (?,?,?,?,?,?,?,?,?)",
        gw, "clip-1", "video/mp4", 1000, 1, "00", "COMPLETE", "cam-1", 1_700_000_000_000L);
    store(alarm("cam-1", AlarmType.ZONE_MOTION, AlarmPhase.BEGIN, "yard",
        at("2025-10-13T09:00"), 0, "video.zone_motion").toBuilder()
        .setAlarm(alarm("cam-1", AlarmType.ZONE_MOTION, AlarmPhase.BEGIN, "yard",
            at("2025-10-13T09:00"), 0, "video.zone_motion").getAlarm().toBuilder()
            .addEvidenceIds("clip-1")).build());
    JsonNode a = call("GET", "/api/v1/alarms?gateway=" + gw, "viewer-a", null, 200)
        .get("items").get(0);
    assertThat(a.get("evidenceIds").get(0).asText()).isEqualTo("clip-1");
    String path = "/api/v1/evidence/" + gw + "/" + a.get("evidenceIds").get(0).asText();

    MvcResult part = mvc.perform(request(HttpMethod.GET, path).header("Range", "bytes=100-199")
        .header("Authorization", bearer("viewer-a"))).andReturn();
    assertThat(part.getResponse().getStatus()).isEqualTo(206);
    assertThat(part.getResponse().getHeader("Content-Range")).isEqualTo("bytes 100-199/1000");
    assertThat(part.getResponse().getContentType()).isEqualTo("video/mp4");
    assertThat(part.getResponse().getContentAsByteArray())
        .isEqualTo(java.util.Arrays.copyOfRange(clip, 100, 200));
    MvcResult whole = mvc.perform(request(HttpMethod.GET, path)
        .header("Authorization", bearer("viewer-a"))).andReturn();
    assertThat(whole.getResponse().getStatus()).isEqualTo(200);
    assertThat(whole.getResponse().getHeader("Accept-Ranges")).isEqualTo("bytes");
    assertThat(whole.getResponse().getContentAsByteArray()).isEqualTo(clip);
    MvcResult beyond = mvc.perform(request(HttpMethod.GET, path).header("Range", "bytes=5000-")
        .header("Authorization", bearer("viewer-a"))).andReturn();
    assertThat(beyond.getResponse().getStatus()).isEqualTo(416);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = "
        + "'evidence.view' AND object_id = ?", Long.class, gw + "/clip-1")).isGreaterThanOrEqualTo(2);
    // another village: 404 like absent
    call("GET", path, "member-b", null, 404);
  }

  @Test
  void evidence_snapshotOfAnIncidentsAlarm_listedInTheConsoleDetailOpeningAuditedOthers404()
      throws Exception {
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, (byte) 0xFF,
        (byte) 0xD9};
    java.nio.file.Path file = evidence.file(gw, "snap-1");
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.write(file, jpeg);
    jdbc.update("INSERT INTO evidence_item (gateway_id, evidence_id, content_type, total_size, "
        + "chunk_count, sha256, status, device_id, capture_time_ms) VALUES (?,?,?,?,?,?,?,?,?)",
        gw, "snap-1", "image/jpeg", jpeg.length, 1, "00", "COMPLETE", "smoke-9",
        at("2025-10-13T09:00"));
    Record smoke = begin("smoke-9", AlarmType.SMOKE, at("2025-10-13T09:00"));
    store(smoke.toBuilder().setAlarm(smoke.getAlarm().toBuilder().addEvidenceIds("snap-1")
        .addEvidenceIds("never-arrived")).build());
    Object incident = alarms("SMOKE").get(0).get("incident_id");
    assertThat(incident).isNotNull();

    org.springframework.mock.web.MockHttpSession viewer = consoleSession("viewer-a");
    String page = mvc.perform(request(HttpMethod.GET, "/console/incidents/" + incident)
        .session(viewer)).andReturn().getResponse().getContentAsString();
    String link = "/console/evidence/" + gw + "/snap-1";
    assertThat(page).contains("href=\"" + link + "\"").contains("smoke-9")
        .doesNotContain("never-arrived");

    MvcResult opened = mvc.perform(request(HttpMethod.GET, link).session(viewer)).andReturn();
    assertThat(opened.getResponse().getStatus()).isEqualTo(200);
    assertThat(opened.getResponse().getContentType()).isEqualTo("image/jpeg");
    assertThat(opened.getResponse().getContentAsByteArray()).isEqualTo(jpeg);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = "
        + "'evidence.view' AND object_id = ? AND actor = 'viewer-a'", Long.class,
        gw + "/snap-1")).isEqualTo(1);
    // another village sees neither the incident's evidence nor the file
    assertThat(mvc.perform(request(HttpMethod.GET, link).session(consoleSession("member-b")))
        .andReturn().getResponse().getStatus()).isEqualTo(404);
  }

  /** A signed-in console session of {@code user} (form login, as a browser does). */
  org.springframework.mock.web.MockHttpSession consoleSession(String user) throws Exception {
    MvcResult r = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
        .post("/login").param("username", user).param("password", TestUsers.PASSWORD)
        .with(org.springframework.security.test.web.servlet.request
            .SecurityMockMvcRequestPostProcessors.csrf())).andReturn();
    assertThat(r.getResponse().getRedirectedUrl()).as("sign-in of " + user)
        .doesNotContain("error");
    return (org.springframework.mock.web.MockHttpSession) r.getRequest().getSession(false);
  }
}
