package org.gridguard.hub.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gridguard.hub.grid.GridImporter;
import org.gridguard.hub.security.AccessMatrix;
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
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * The incident workflow through the REST API with real bearer tokens, on a database the
 * subclass chooses (H2, PostgreSQL): lifecycle as each role, the transitions × roles × states
 * table, rework, return, suspend/resume, extension, escalation once across concurrent sweeps,
 * lost races, time limits over a weekend, a holiday and a make-up workday, alarm intake, routing,
 * scoping and evaluation against hand-computed numbers.
 */
abstract class IncidentContract {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String VILLAGE_A = "330102001001";
  static final String A1 = VILLAGE_A + "001";
  static final String A2 = VILLAGE_A + "002";
  static final String VILLAGE_B = "330102002001";
  static final String B1 = VILLAGE_B + "001";
  static final String VILLAGE_C = "330102003001";
  static final String C1 = VILLAGE_C + "001";
  static final String C2 = VILLAGE_C + "002";
  /** A2's boundary: lon 120.0–120.1, lat 30.0–30.1. */
  static final String A2_POLYGON = "{\"type\":\"Polygon\",\"coordinates\":[[[120.0,30.0],"
      + "[120.1,30.0],[120.1,30.1],[120.0,30.1],[120.0,30.0]]]}";

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock(at("2025-10-13T09:00"));
    }
  }

  @Autowired MockMvc mvc;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired GridImporter gridImporter;
  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired IncidentRepository incidents;
  @Autowired IncidentWorkflow workflow;
  @Autowired IncidentIntake intake;
  @Autowired EscalationSweep sweep;
  @Autowired PlatformTransactionManager transactions;

  final ObjectMapper json = new ObjectMapper();
  TestUsers testUsers;
  final Map<String, String> bearers = new java.util.HashMap<>();

  static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
  }

  @BeforeEach
  void world() {
    testUsers = new TestUsers(users, tokens, encoder, gridImporter);
    testUsers.gridsExist(A1, A2, B1, C1, C2);
    jdbc.update("UPDATE grid_node SET polygon = ? WHERE code = ?", A2_POLYGON, A2);
    GridScope a = GridScope.of(Set.of(VILLAGE_A));
    testUsers.create("admin-i", GridScope.all(), Role.ADMIN);
    testUsers.create("disp-a", GridScope.of(Set.of("330102")), Role.DISPATCHER);
    testUsers.create("patrol-a", a, Role.PATROL);
    testUsers.create("member-a", a, Role.GRID_MEMBER);
    testUsers.create("viewer-a", a, Role.VIEWER);
    testUsers.create("tech-a", a, Role.TECHNICIAN);
    testUsers.create("member-b", GridScope.of(Set.of(VILLAGE_B)), Role.GRID_MEMBER);
    for (Role role : Role.values()) {
      testUsers.create("table-" + role.name().toLowerCase(), a, role);
    }
    clock.set(at("2025-10-13T09:00"));
  }

  String bearer(String user) {
    return bearers.computeIfAbsent(user, testUsers::bearer);
  }

  MvcResult raw(String method, String path, String user, String body) throws Exception {
    MockHttpServletRequestBuilder r = request(HttpMethod.valueOf(method), path);
    if (user != null) {
      r.header("Authorization", bearer(user));
    }
    if (body != null) {
      r.contentType(MediaType.APPLICATION_JSON).content(body);
    }
    return mvc.perform(r).andReturn();
  }

  JsonNode call(String method, String path, String user, String body, int status)
      throws Exception {
    MvcResult result = raw(method, path, user, body);
    String text = result.getResponse().getContentAsString();
    assertThat(result.getResponse().getStatus()).as(method + " " + path + " as " + user + ": "
        + text).isEqualTo(status);
    return text.isEmpty() ? json.nullNode() : json.readTree(text);
  }

  long report(String user, String category, String grid) throws Exception {
    return call("POST", "/api/v1/incidents", user, "{\"category\":\"" + category
        + "\",\"gridCode\":\"" + grid + "\",\"description\":\"seen at the gate\"}", 201)
        .get("id").asLong();
  }

  JsonNode act(long id, String action, String user, String note, int status) throws Exception {
    return call("POST", "/api/v1/incidents/" + id + "/" + action, user,
        note == null ? null : "{\"note\":\"" + note + "\"}", status);
  }

  String state(long id) throws Exception {
    return call("GET", "/api/v1/incidents/" + id, "admin-i", null, 200).get("state").asText();
  }

  @Test
  void lifecycle_throughRestAsEachRole_endsClosedWithTimelineAndAudit() throws Exception {
    long id = report("member-a", "9205", A1);
    assertThat(state(id)).isEqualTo("REPORTED");
    act(id, "verify", "disp-a", null, 200);
    act(id, "register", "disp-a", null, 200);
    act(id, "dispatch", "disp-a", null, 200);
    act(id, "accept", "patrol-a", null, 200);
    act(id, "start", "patrol-a", null, 200);
    act(id, "resolve", "patrol-a", null, 400); // 反馈 needs a note
    act(id, "resolve", "patrol-a", "door closed, nobody there", 200);
    act(id, "check", "disp-a", null, 200);
    act(id, "rework", "disp-a", "the lock is still broken", 200);
    act(id, "accept", "member-a", null, 200);
    act(id, "start", "member-a", null, 200);
    act(id, "resolve", "member-a", "lock replaced", 200);
    act(id, "check", "disp-a", null, 200);
    JsonNode closed = act(id, "close", "disp-a", null, 200);
    assertThat(closed.get("state").asText()).isEqualTo("CLOSED");
    assertThat(closed.get("reworkCount").asInt()).isEqualTo(1);
    assertThat(closed.get("version").asInt()).isEqualTo(13);
    List<String> actions = new ArrayList<>();
    closed.get("timeline").forEach(e -> actions.add(e.get("action").asText()));
    assertThat(actions).containsExactly("report", "verify", "register", "dispatch", "accept",
        "start", "resolve", "check", "rework", "accept", "start", "resolve", "check", "close");
    JsonNode events = call("GET", "/api/v1/incidents/" + id + "/events", "viewer-a", null, 200);
    for (int seq = 0; seq < events.size(); seq++) {
      assertThat(events.get(seq).get("seq").asInt()).isEqualTo(seq);
    }
    assertThat(events.get(6).get("note").asText()).isEqualTo("door closed, nobody there");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE object_type = "
        + "'incident' AND object_id = ? AND action LIKE 'incident.%'", Integer.class,
        Long.toString(id))).isEqualTo(13);
    // viewers read but never act; technicians do not see incidents at all
    act(id, "escalate", "viewer-a", null, 403);
    call("GET", "/api/v1/incidents/" + id, "tech-a", null, 403);
    // a closed incident is final: 409 says what it is
    JsonNode late = act(id, "verify", "disp-a", null, 409);
    assertThat(late.get("detail").asText()).contains("CLOSED");
  }

  @Test
  void report_p1LifeSafety_isRegisteredAndDispatchedAtOnceBySystem() throws Exception {
    long id = report("member-a", "9101", A1);
    JsonNode view = call("GET", "/api/v1/incidents/" + id, "disp-a", null, 200);
    assertThat(view.get("state").asText()).isEqualTo("DISPATCHED");
    assertThat(view.get("priority").asInt()).isEqualTo(1);
    assertThat(view.get("timeline").get(1).get("actor").asText()).isEqualTo("system");
    assertThat(view.get("timeline").get(2).get("action").asText()).isEqualTo("dispatch");
    assertThat(view.get("step").get("step").asText()).isEqualTo("ACCEPT");
    // verification in parallel: a false alarm can still be voided
    act(id, "void", "disp-a", "smoke from cooking", 200);
    // a P2 flood (9104 at priority 2) is not fast-pathed
    long flood = call("POST", "/api/v1/incidents", "member-a", "{\"category\":\"9104\","
        + "\"priority\":2,\"gridCode\":\"" + A1 + "\"}", 201).get("id").asLong();
    assertThat(state(flood)).isEqualTo("REPORTED");
  }

  @Test
  void returnAndSuspend_needReasonsAndTheClockStops() throws Exception {
    long id = report("member-a", "9205", A1); // P2: DISPATCH 1 urgent hour
    act(id, "verify", "disp-a", null, 200);
    act(id, "register", "disp-a", null, 200);
    act(id, "dispatch", "disp-a", null, 200);
    act(id, "return", "patrol-a", null, 400);
    JsonNode returned = act(id, "return", "patrol-a", "not our beat", 200);
    assertThat(returned.get("state").asText()).isEqualTo("REGISTERED");
    assertThat(Instant.parse(returned.get("step").get("deadline").asText()))
        .isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    clock.advance(Duration.ofMinutes(30));
    act(id, "suspend", "patrol-a", "wait", 403);
    act(id, "suspend", "disp-a", null, 400);
    JsonNode suspended = act(id, "suspend", "disp-a", "owner abroad until Friday", 200);
    assertThat(suspended.get("step").get("suspended").asBoolean()).isTrue();
    assertThat(suspended.get("step").get("remaining").asText()).isEqualTo("PT30M");
    clock.advance(Duration.ofDays(3));
    JsonNode resumed = act(id, "resume", "disp-a", null, 200);
    assertThat(resumed.get("state").asText()).isEqualTo("REGISTERED");
    assertThat(Instant.parse(resumed.get("step").get("deadline").asText()))
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
    assertThat(resumed.get("step").get("colour").asText()).isEqualTo("GREEN");
    // an approved extension moves the deadline and is recorded
    call("POST", "/api/v1/incidents/" + id + "/extend", "disp-a", "{\"note\":\"more\"}", 400);
    call("POST", "/api/v1/incidents/" + id + "/extend", "disp-a",
        "{\"note\":\"more\",\"duration\":\"soon\"}", 400);
    JsonNode extended = call("POST", "/api/v1/incidents/" + id + "/extend", "disp-a",
        "{\"note\":\"needs the owner\",\"duration\":\"2h\"}", 200);
    assertThat(Instant.parse(extended.get("step").get("deadline").asText()))
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(150)));
    assertThat(extended.get("step").get("limit").asText()).isEqualTo("PT3H");
    JsonNode last = extended.get("timeline").get(extended.get("timeline").size() - 1);
    assertThat(last.get("detail").asText()).isEqualTo("extended by PT2H");
  }

  @Test
  void colours_turnYellowAt80PercentAndRedAtTheDeadline_andTheListFiltersThem() throws Exception {
    long id = report("member-a", "9205", A1); // P2 VERIFY: 1 urgent hour
    String list = "/api/v1/incidents?grid=" + A1 + "&size=200&colour=";
    assertThat(ids(call("GET", list + "green", "member-a", null, 200))).contains(id);
    clock.advance(Duration.ofMinutes(48));
    assertThat(call("GET", "/api/v1/incidents/" + id, "member-a", null, 200).get("step")
        .get("colour").asText()).isEqualTo("YELLOW");
    assertThat(ids(call("GET", list + "yellow", "member-a", null, 200))).contains(id);
    assertThat(ids(call("GET", list + "green", "member-a", null, 200))).doesNotContain(id);
    clock.advance(Duration.ofMinutes(12));
    assertThat(ids(call("GET", list + "red", "member-a", null, 200))).contains(id);
    assertThat(ids(call("GET", "/api/v1/incidents?overdue=true&size=200", "member-a", null, 200)))
        .contains(id);
    call("GET", list + "purple", "member-a", null, 400);
  }

  static List<Long> ids(JsonNode page) {
    List<Long> ids = new ArrayList<>();
    page.get("items").forEach(i -> ids.add(i.get("id").asLong()));
    return ids;
  }

  @Test
  void timeLimits_overWeekendHolidayAndMakeUpWorkday_followTheImportedCalendar()
      throws Exception {
    String csv = "date,kind,name\n" + "2025-09-28,WORKDAY,国庆调休\n"
        + java.util.stream.IntStream.rangeClosed(1, 8)
            .mapToObj(d -> "2025-10-0" + d + ",HOLIDAY,国庆节\n").reduce("", String::concat)
        + "2025-10-11,WORKDAY,国庆调休\n";
    MvcResult imported = mvc.perform(request(HttpMethod.POST, "/api/v1/calendar/import?format=csv")
        .header("Authorization", bearer("admin-i")).contentType("text/csv").content(csv))
        .andReturn();
    assertThat(imported.getResponse().getStatus()).as(imported.getResponse().getContentAsString())
        .isEqualTo(200);
    // 9206 fire facility fault, P3: VERIFY is 2 working hours
    record Case(String reported, String deadline) {}
    List<Case> cases = List.of(
        new Case("2025-10-10T16:30", "2025-10-11T09:30"), // Friday → make-up Saturday
        new Case("2025-10-17T16:30", "2025-10-20T09:30"), // Friday → Monday (weekend)
        new Case("2025-09-30T16:30", "2025-10-09T09:30"), // before National Day → after it
        new Case("2025-09-26T16:30", "2025-09-28T09:30"), // Friday → make-up Sunday
        new Case("2025-10-13T20:00", "2025-10-14T10:30")); // evening → next morning
    for (Case c : cases) {
      clock.set(at(c.reported()));
      long id = report("member-a", "9206", A1);
      JsonNode view = call("GET", "/api/v1/incidents/" + id, "member-a", null, 200);
      assertThat(Instant.parse(view.get("step").get("deadline").asText()))
          .as("reported " + c.reported()).isEqualTo(at(c.deadline()));
    }
    // an admin turns the make-up Saturday back into a holiday: the next computation follows
    call("PUT", "/api/v1/calendar/2025-10-11", "admin-i", "{\"kind\":\"HOLIDAY\"}", 200);
    clock.set(at("2025-10-10T16:30"));
    long id = report("member-a", "9206", A1);
    assertThat(Instant.parse(call("GET", "/api/v1/incidents/" + id, "member-a", null, 200)
        .get("step").get("deadline").asText())).isEqualTo(at("2025-10-13T09:30"));
    call("PUT", "/api/v1/calendar/2025-10-11", "admin-i", "{\"kind\":\"WORKDAY\"}", 200);
    JsonNode year = call("GET", "/api/v1/calendar?year=2025", "viewer-a", null, 200);
    assertThat(year.get("days").size()).isEqualTo(10);
    assertThat(year.get("workPeriods").toString()).isEqualTo("[\"08:30-12:00\",\"13:30-17:30\"]");
    JsonNode bad = call("POST", "/api/v1/calendar/import?format=json", "admin-i",
        "[{\"date\":\"2025-13-01\",\"kind\":\"HOLIDAY\"},{\"date\":\"2025-12-01\",\"kind\":\"X\"}]",
        422);
    assertThat(bad.get("problems").toString()).contains("[0]").contains("[1]")
        .contains("WORKDAY or HOLIDAY");
  }

  @Test
  void sweep_concurrentRuns_escalateEachLevelOnce() throws Exception {
    // earlier than every other test's incidents, so only this one becomes overdue here
    clock.set(at("2025-01-06T09:00"));
    long id = report("member-a", "9205", A1); // P2 VERIFY: 1 urgent hour
    clock.advance(Duration.ofMinutes(61));
    concurrently(2, () -> sweep.sweep());
    assertThat(incidents.count(id, IncidentAction.ESCALATE)).isEqualTo(1);
    JsonNode view = call("GET", "/api/v1/incidents/" + id, "disp-a", null, 200);
    assertThat(view.get("escalationLevel").asInt()).isEqualTo(1);
    assertThat(view.get("step").get("colour").asText()).isEqualTo("GREEN"); // the town's hour
    assertThat(view.get("timeline").get(1).get("actor").asText()).isEqualTo("system");
    concurrently(2, () -> sweep.sweep()); // not overdue again yet
    assertThat(incidents.count(id, IncidentAction.ESCALATE)).isEqualTo(1);
    clock.advance(Duration.ofMinutes(61));
    concurrently(2, () -> sweep.sweep());
    assertThat(incidents.count(id, IncidentAction.ESCALATE)).isEqualTo(2);
    clock.advance(Duration.ofMinutes(61));
    concurrently(2, () -> sweep.sweep()); // the county is the top
    assertThat(incidents.count(id, IncidentAction.ESCALATE)).isEqualTo(2);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM incident_escalation WHERE incident_id = ?",
        Integer.class, id)).isEqualTo(2);
    assertThat(incidents.find(id, GridScope.all()).orElseThrow().escalationLevel()).isEqualTo(2);
    act(id, "escalate", "disp-a", null, 409);
    // each escalation alerted the dispatcher in scope once, on their feed, saying where it went
    List<String> alerts = jdbc.queryForList("SELECT payload FROM patrol_feed WHERE username = "
        + "'disp-a' AND incident_id = ? AND kind = 'ALERT' ORDER BY seq", String.class, id);
    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(0)).contains("\"change\":\"incident_escalated\"")
        .contains("level 1 (town centre)").contains("overdue: the verify step");
    assertThat(alerts.get(1)).contains("level 2 (county centre)");
  }

  /** Runs {@code task} in {@code n} threads released together; sums their results. */
  static int concurrently(int n, Callable<Integer> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CyclicBarrier barrier = new CyclicBarrier(n);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        results.add(pool.submit(() -> {
          barrier.await(10, TimeUnit.SECONDS);
          return task.call();
        }));
      }
      int sum = 0;
      for (Future<Integer> f : results) {
        sum += f.get(60, TimeUnit.SECONDS);
      }
      return sum;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void transition_twoConcurrentAttempts_exactlyOneWinsTheOther409() throws Exception {
    long id = report("member-a", "9205", A1);
    TransactionTemplate tx = new TransactionTemplate(transactions);
    CyclicBarrier bothRead = new CyclicBarrier(2);
    Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    int won = concurrently(2, () -> {
      try {
        return tx.execute(status -> {
          Incident read = incidents.find(id, GridScope.all()).orElseThrow();
          try {
            bothRead.await(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          workflow.apply(read, IncidentAction.VERIFY, new Actor("disp-a",
              Set.of(Role.DISPATCHER), false), IncidentWorkflow.Input.NONE, null);
          return 1;
        });
      } catch (ResponseStatusException e) {
        statuses.merge(e.getStatusCode().value(), 1, Integer::sum);
        return 0;
      }
    });
    assertThat(won).isEqualTo(1);
    assertThat(statuses).containsExactly(Map.entry(409, 1));
    assertThat(incidents.events(id)).hasSize(2);
    assertThat(incidents.find(id, GridScope.all()).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void transitionsTable_everyActionEveryRoleEveryState_allowedSucceedOthers403Or409()
      throws Exception {
    List<String> wrong = new ArrayList<>();
    for (IncidentState state : IncidentState.values()) {
      for (IncidentAction action : IncidentAction.values()) {
        if (!action.viaActionPath()) {
          continue;
        }
        for (Role role : Role.values()) {
          long id = seed(state);
          Actor actor = new Actor("table-" + role.name().toLowerCase(), Set.of(role), false);
          int expected = Transitions.find(state, action, actor).isPresent() ? 200
              : Transitions.everPermitted(action, actor) ? 409 : 403;
          String body = action == IncidentAction.EXTEND
              ? "{\"note\":\"table\",\"duration\":\"1h\"}" : "{\"note\":\"table\"}";
          MvcResult r = raw("POST", "/api/v1/incidents/" + id + "/" + action.pathName(),
              actor.name(), body);
          int status = r.getResponse().getStatus();
          String after = incidents.find(id, GridScope.all()).orElseThrow().state().name();
          String expectedState = expected != 200 ? state.name()
              : Transitions.find(state, action, actor).map(t -> t.to() == null
                  ? IncidentState.DISPATCHED : t.to()).orElseThrow().name();
          if (status != expected || !after.equals(expectedState)) {
            wrong.add(state + " " + action + " as " + role + ": expected " + expected + "/"
                + expectedState + ", got " + status + "/" + after + " "
                + r.getResponse().getContentAsString());
          }
        }
      }
    }
    assertThat(wrong).as("transition table mismatches").isEmpty();
  }

  /** An incident in {@code state} in grid A1 (suspended ones from DISPATCHED). */
  long seed(IncidentState state) {
    Instant now = clock.instant();
    boolean suspended = state == IncidentState.SUSPENDED;
    StepClock step = state.isFinal() ? null : new StepClock(Step.HANDLE, LimitKind.URGENT_HOURS,
        Duration.ofHours(1), suspended ? null : now.plus(Duration.ofHours(1)),
        suspended ? null : now.plus(Duration.ofMinutes(48)),
        suspended ? Duration.ofMinutes(30) : null);
    return incidents.insert(new Incident(0, "9205", 2, A1, null, null, "seeded", null,
        Incident.Source.MANUAL, "test", state, 0, 0, step, null,
        suspended ? IncidentState.DISPATCHED : null, suspended ? now : null, now, now, null,
        null), null, List.of()).id();
  }

  @Test
  void intake_sameAlarmTwiceAndConcurrentlyInOuterTransactions_makesOneIncident()
      throws Exception {
    AlarmRef alarm = new AlarmRef("gw-1|door-3|forced|" + System.nanoTime(), "gw-1", "door-3",
        A1, "9205", 2, clock.instant(), null, null);
    TransactionTemplate tx = new TransactionTemplate(transactions);
    List<Long> ids = java.util.Collections.synchronizedList(new ArrayList<>());
    concurrently(4, () -> {
      ids.add(tx.execute(status -> intake.fromAlarm(alarm)));
      return 0;
    });
    assertThat(ids).hasSize(4);
    assertThat(Set.copyOf(ids)).hasSize(1);
    assertThat(intake.fromAlarm(alarm)).isEqualTo(ids.get(0));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM incident_alarm WHERE alarm_key = ?",
        Integer.class, alarm.alarmKey())).isEqualTo(1);
    JsonNode view = call("GET", "/api/v1/incidents/" + ids.get(0), "disp-a", null, 200);
    assertThat(view.get("source").asText()).isEqualTo("ALARM");
    assertThat(view.get("alarms").toString()).contains(alarm.alarmKey());
    assertThat(view.get("reporter").asText()).isEqualTo("gateway:gw-1");
  }

  @Test
  void intake_alarmInsideAPolygonAndP1_isRoutedThereAndFastPathed() {
    AlarmRef smoke = new AlarmRef("gw-1|smoke-1|" + System.nanoTime(), "gw-1", "smoke-1", A1,
        "9101", 1, clock.instant(), 30.05, 120.05);
    long id = intake.fromAlarm(smoke);
    Incident incident = incidents.find(id, GridScope.all()).orElseThrow();
    assertThat(incident.gridCode()).isEqualTo(A2);
    assertThat(incident.state()).isEqualTo(IncidentState.DISPATCHED);
    // inserted dispatched with its whole timeline: one version per move, each move audited
    assertThat(incident.version()).isEqualTo(2);
    assertThat(jdbc.queryForList("SELECT seq || ':' || action || ':' || COALESCE(from_state, '-')"
        + " || '>' || to_state FROM incident_event WHERE incident_id = ? ORDER BY seq",
        String.class, id)).containsExactly("0:REPORT:->REPORTED",
        "1:REGISTER:REPORTED>REGISTERED", "2:DISPATCH:REGISTERED>DISPATCHED");
    assertThat(jdbc.queryForList("SELECT action FROM audit_event WHERE object_type = 'incident' "
        + "AND object_id = ? ORDER BY id", String.class, Long.toString(id)))
        .containsExactly("incident.register", "incident.dispatch");
    // outside every polygon: the alarm's grid
    long outside = intake.fromAlarm(new AlarmRef("gw-1|smoke-2|" + System.nanoTime(), "gw-1",
        "smoke-2", A1, "9206", 3, clock.instant(), 31.0, 121.0));
    assertThat(incidents.find(outside, GridScope.all()).orElseThrow().gridCode()).isEqualTo(A1);
  }

  @Test
  void attach_correlatedAlarmOfHigherPriority_reclassifiesAndTightensTheRunningClock()
      throws Exception {
    clock.set(at("2025-10-13T09:00"));
    long id = intake.fromAlarm(new AlarmRef("door-" + System.nanoTime(), "gw-1", "door-1", A1,
        "9205", 2, clock.instant(), null, null));
    JsonNode before = call("GET", "/api/v1/incidents/" + id, "disp-a", null, 200);
    assertThat(Instant.parse(before.get("step").get("deadline").asText()))
        .isEqualTo(at("2025-10-13T10:00")); // VERIFY P2: 1 h
    clock.set(at("2025-10-13T09:05"));
    String motion = "motion-" + System.nanoTime();
    assertThat(intake.attach(id, new AlarmRef(motion, "gw-1", "cam-1", A1, "9204", 1,
        clock.instant(), null, null), "night-intrusion")).isEqualTo(id);
    JsonNode after = call("GET", "/api/v1/incidents/" + id, "disp-a", null, 200);
    assertThat(after.get("category").asText()).isEqualTo("9204");
    assertThat(after.get("priority").asInt()).isEqualTo(1);
    assertThat(after.get("state").asText()).isEqualTo("REPORTED"); // 9204 is not life-safety
    // VERIFY P1 is 15 min, 5 of them used: 09:15, not a fresh 09:20 and not the old 10:00
    assertThat(Instant.parse(after.get("step").get("deadline").asText()))
        .isEqualTo(at("2025-10-13T09:15"));
    assertThat(after.get("alarms").toString()).contains(motion);
    // the same alarm again, and one of lower priority: linked, never downgraded
    assertThat(intake.attach(id, new AlarmRef(motion, "gw-1", "cam-1", A1, "9204", 1,
        clock.instant(), null, null), "night-intrusion")).isEqualTo(id);
    intake.attach(id, new AlarmRef("late-" + System.nanoTime(), "gw-1", "cam-2", A1, "9205", 3,
        clock.instant(), null, null), "night-intrusion");
    JsonNode last = call("GET", "/api/v1/incidents/" + id, "disp-a", null, 200);
    assertThat(last.get("priority").asInt()).isEqualTo(1);
    assertThat(last.get("alarms")).hasSize(3);
    assertThat(last.get("timeline").toString()).contains("9205 P2 -> 9204 P1");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? "
        + "AND action = 'CORRELATE'", Integer.class, id)).isEqualTo(2);
  }

  @Test
  void attach_lifeSafetyP1ToReportedIncident_goesTheFastPath_closedOneMakesANewIncident()
      throws Exception {
    long id = intake.fromAlarm(new AlarmRef("temp-" + System.nanoTime(), "gw-1", "t-1", A1,
        "9205", 2, clock.instant(), null, null));
    intake.attach(id, new AlarmRef("smoke-" + System.nanoTime(), "gw-1", "s-1", A1, "9101", 1,
        clock.instant(), null, null), "fire");
    Incident fire = incidents.find(id, GridScope.all()).orElseThrow();
    assertThat(fire.category()).isEqualTo("9101");
    assertThat(fire.state()).isEqualTo(IncidentState.DISPATCHED);
    // a voided incident takes no more alarms: the alarm gets a case of its own
    act(id, "void", "disp-a", "test", 200);
    long other = intake.attach(id, new AlarmRef("smoke-" + System.nanoTime(), "gw-1", "s-2", A1,
        "9101", 1, clock.instant(), null, null), "fire");
    assertThat(other).isNotEqualTo(id);
    assertThat(state(other)).isEqualTo("DISPATCHED");
  }

  @Test
  void merge_twoAlarmIncidents_leavesOneWithBothAlarms() throws Exception {
    long first = intake.fromAlarm(new AlarmRef("m-1-" + System.nanoTime(), "gw-1", "d", A1,
        "9205", 2, clock.instant(), null, null));
    long second = intake.fromAlarm(new AlarmRef("m-2-" + System.nanoTime(), "gw-1", "d", A1,
        "9205", 2, clock.instant(), null, null));
    call("POST", "/api/v1/incidents/" + first + "/merge", "patrol-a",
        "{\"otherId\":" + second + "}", 403);
    JsonNode merged = call("POST", "/api/v1/incidents/" + first + "/merge", "disp-a",
        "{\"otherId\":" + second + "}", 200);
    assertThat(merged.get("alarms").size()).isEqualTo(2);
    assertThat(state(second)).isEqualTo("VOIDED");
  }

  @Test
  void scoping_memberOfVillageB_seesNoneOfVillageAAndGuessedIdsAre404() throws Exception {
    long id = report("member-a", "9205", A1);
    assertThat(ids(call("GET", "/api/v1/incidents?size=200", "member-b", null, 200)))
        .doesNotContain(id);
    assertThat(call("GET", "/api/v1/incidents?size=200", "member-b", null, 200).get("total")
        .asLong()).isZero();
    JsonNode other = call("GET", "/api/v1/incidents/" + id, "member-b", null, 404);
    JsonNode absent = call("GET", "/api/v1/incidents/999999999", "member-b", null, 404);
    assertThat(other.get("detail").asText().replace(Long.toString(id), "X"))
        .isEqualTo(absent.get("detail").asText().replace("999999999", "X"));
    call("GET", "/api/v1/incidents/" + id + "/events", "member-b", null, 404);
    act(id, "accept", "member-b", null, 404);
    call("POST", "/api/v1/incidents", "member-b", "{\"category\":\"9205\",\"gridCode\":\"" + A1
        + "\"}", 403);
    assertThat(ids(call("GET", "/api/v1/incidents?size=200", "member-a", null, 200))).contains(id);
  }

  @Test
  void report_badInput_answers400NamingTheField() throws Exception {
    assertThat(call("POST", "/api/v1/incidents", "member-a", "{\"category\":\"9999\","
        + "\"gridCode\":\"" + A1 + "\"}", 400).get("detail").asText()).contains("category");
    assertThat(call("POST", "/api/v1/incidents", "member-a", "{\"category\":\"9205\","
        + "\"gridCode\":\"" + VILLAGE_A + "\"}", 400).get("detail").asText()).contains("gridCode");
    assertThat(call("POST", "/api/v1/incidents", "member-a", "{\"category\":\"9205\","
        + "\"gridCode\":\"" + A1 + "\",\"lat\":95,\"lon\":120}", 400).get("detail").asText())
        .contains("lat");
    call("POST", "/api/v1/incidents", "member-a", "{\"category\":\"9205\",\"gridCode\":\"" + A1
        + "\",\"colour\":\"red\"}", 400);
    call("POST", "/api/v1/incidents/1/fly", "disp-a", null, 404);
  }

  @Test
  void evaluation_handComputedCase_matchesPerGridAndPerVillage() throws Exception {
    clock.set(at("2025-10-13T09:00")); // a Monday; 9205 P2: CASE = 1 working day (7.5 h)
    long i1 = report("admin-i", "9205", C1);
    for (String a : List.of("verify", "register", "dispatch")) {
      act(i1, a, "admin-i", null, 200);
    }
    clock.set(at("2025-10-13T09:10"));
    act(i1, "accept", "admin-i", null, 200);
    act(i1, "start", "admin-i", null, 200);
    act(i1, "resolve", "admin-i", "done", 200);
    act(i1, "check", "admin-i", null, 200);
    act(i1, "close", "admin-i", null, 200); // on time, 600 s to accept and to close
    long i2 = report("admin-i", "9205", C1);
    act(i2, "void", "admin-i", "duplicate", 200);
    long i5 = report("admin-i", "9205", C1);
    act(i5, "verify", "admin-i", null, 200);
    act(i5, "register", "admin-i", null, 200); // due Tuesday 09:10: not due within Monday
    long i3 = report("admin-i", "9205", C2);
    act(i3, "verify", "admin-i", null, 200);
    act(i3, "register", "admin-i", null, 200);
    act(i3, "suspend", "admin-i", "waiting", 200);
    long i4 = report("admin-i", "9205", C2);
    for (String a : List.of("verify", "register", "dispatch", "accept", "start")) {
      act(i4, a, "admin-i", null, 200);
    }
    act(i4, "resolve", "admin-i", "done", 200);
    act(i4, "check", "admin-i", null, 200);
    act(i4, "rework", "admin-i", "not done", 200);
    call("POST", "/api/v1/incidents/" + i4 + "/extend", "admin-i",
        "{\"note\":\"parts\",\"duration\":\"1h\"}", 200);
    for (String a : List.of("accept", "start")) {
      act(i4, a, "admin-i", null, 200);
    }
    act(i4, "resolve", "admin-i", "done", 200);
    act(i4, "check", "admin-i", null, 200);
    clock.set(at("2025-10-15T09:00"));
    act(i4, "close", "admin-i", null, 200); // late: due Tuesday 10:10
    String period = "&from=2025-10-13&to=2025-10-13";
    JsonNode grids = call("GET", "/api/v1/evaluation?level=grid&code=" + VILLAGE_C + period,
        "admin-i", null, 200).get("units");
    assertThat(grids.size()).isEqualTo(2);
    JsonNode c1 = grids.get(0);
    assertThat(c1.get("code").asText()).isEqualTo(C1);
    assertThat(List.of(c1.get("reported").asLong(), c1.get("voided").asLong(),
        c1.get("closed").asLong(), c1.get("due").asLong(), c1.get("suspended").asLong(),
        c1.get("onTime").asLong())).containsExactly(3L, 1L, 1L, 1L, 0L, 1L);
    assertThat(c1.get("onTimeRate").asDouble()).isEqualTo(1.0);
    assertThat(c1.get("closureRate").asDouble()).isEqualTo(0.5);
    assertThat(c1.get("reworkRate").asDouble()).isEqualTo(0.0);
    assertThat(c1.get("meanAcceptSeconds").asDouble()).isEqualTo(600.0);
    assertThat(c1.get("meanCloseSeconds").asDouble()).isEqualTo(600.0);
    assertThat(c1.get("byCategory").get("9205").asLong()).isEqualTo(3);
    JsonNode c2 = grids.get(1);
    assertThat(List.of(c2.get("reported").asLong(), c2.get("voided").asLong(),
        c2.get("closed").asLong(), c2.get("due").asLong(), c2.get("suspended").asLong(),
        c2.get("onTime").asLong())).containsExactly(2L, 0L, 1L, 2L, 1L, 0L);
    assertThat(c2.get("onTimeRate").asDouble()).isEqualTo(0.0);
    assertThat(c2.get("reworkRate").asDouble()).isEqualTo(0.5);
    assertThat(c2.get("extensionRate").asDouble()).isEqualTo(0.5);
    assertThat(c2.get("meanAcceptSeconds").asDouble()).isEqualTo(0.0);
    assertThat(c2.get("meanCloseSeconds").asDouble()).isEqualTo(172_200.0);
    JsonNode village = call("GET", "/api/v1/evaluation?level=village&code=330102003" + period,
        "admin-i", null, 200).get("units").get(0);
    assertThat(village.get("code").asText()).isEqualTo(VILLAGE_C);
    assertThat(village.get("onTimeRate").asDouble()).isEqualTo(0.5);
    assertThat(village.get("closureRate").asDouble()).isEqualTo(0.5);
    assertThat(village.get("reworkRate").asDouble()).isEqualTo(0.25);
    assertThat(village.get("meanAcceptSeconds").asDouble()).isEqualTo(300.0);
    assertThat(village.get("meanCloseSeconds").asDouble()).isEqualTo(86_400.0);
    assertThat(village.get("byPriority").get("P2").asLong()).isEqualTo(5);
    // viewer-a's scope is village A: village C's town is not theirs
    call("GET", "/api/v1/evaluation.csv?level=village&code=330102003" + period, "viewer-a", null,
        404);
    String csvAdmin = raw("GET", "/api/v1/evaluation.csv?level=village&code=330102003" + period,
        "admin-i", null).getResponse().getContentAsString();
    assertThat(csvAdmin.lines().toList().get(1))
        .startsWith(VILLAGE_C + ",5,1,2,3,1,1,0.5,0.5,0.25,0.25,300.0,86400.0,9205=5,P2=5");
  }

  @Test
  void accessRows_everyRole_getsTheRowsStatus() throws Exception {
    for (Role role : Role.values()) {
      testUsers.create("rows-" + role.name().toLowerCase(), GridScope.all(), role);
    }
    List<String> wrong = new ArrayList<>();
    Map<Role, String> names = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      names.put(role, "rows-" + role.name().toLowerCase());
    }
    for (AccessMatrix.Row row : IncidentAccessRows.ROWS) {
      for (Role role : Role.values()) {
        int expected = row.allowed().contains(role) ? row.allowedStatus() : 403;
        int actual = raw(row.method(), row.path(), names.get(role), row.body()).getResponse()
            .getStatus();
        if (actual != expected) {
          wrong.add(row + " as " + role + ": expected " + expected + ", got " + actual);
        }
      }
      int anonymous = raw(row.method(), row.path(), null, row.body()).getResponse().getStatus();
      if (anonymous != 401) {
        wrong.add(row + " anonymously: expected 401, got " + anonymous);
      }
    }
    assertThat(wrong).isEmpty();
  }
}
