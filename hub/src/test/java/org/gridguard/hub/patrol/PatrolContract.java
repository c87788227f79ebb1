package org.gridguard.hub.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Patrols through the real HTTP port with real bearer tokens and a real SSE client, on a database
 * the subclass chooses: rosters across midnight, tasks from the P1 fast path and from dispatch,
 * nobody on duty, the feed's catch-up after a disconnect, task actions moving the incident,
 * bad input, escalation once across two sweepers. Each test works in a village of its own.
 */
abstract class PatrolContract {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final Duration WAIT = Duration.ofSeconds(10);
  /** {@code max-streams} of the instance in these tests (room for every other test's streams). */
  static final int MAX_STREAMS = 12;
  private static final AtomicInteger VILLAGES = new AtomicInteger();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    TestClock testClock() {
      return new TestClock(at("2025-10-13T09:00"));
    }
  }

  /** The settings both databases' subclasses use. */
  static void settings(org.springframework.test.context.DynamicPropertyRegistry registry,
      java.nio.file.Path dir) {
    registry.add("gridguard.security.sign-in-max-failures", () -> "1000");
    registry.add("gridguard.incident.sweep-interval", () -> "1h");
    registry.add("gridguard.patrol.sweep-interval", () -> "1h");
    registry.add("gridguard.patrol.heartbeat", () -> "1s");
    registry.add("gridguard.patrol.max-streams-per-user", () -> "3");
    registry.add("gridguard.patrol.max-streams", () -> Integer.toString(MAX_STREAMS));
    registry.add("gridguard.patrol.photo-max-size", () -> "10MB");
    registry.add("gridguard.patrol.photo-directory", () -> dir.resolve("photos").toString());
  }

  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired GridImporter gridImporter;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestClock clock;
  @Autowired PatrolEscalation escalation;
  @Autowired MeterRegistry meters;
  @Autowired PatrolRetention retention;
  @Autowired PatrolProperties config;
  @Autowired FeedStreams streams;
  @Autowired FeedLog feedLog;
  @Autowired FeedReader feedReader;
  @Autowired org.springframework.transaction.PlatformTransactionManager transactions;
  java.nio.file.Path photoDir;

  final ObjectMapper json = new ObjectMapper();
  final Map<String, String> bearers = new HashMap<>();
  TestUsers testUsers;
  /** This test's village, its grids 1 and 2, and user name prefix. */
  String village;
  String grid1;
  String grid2;
  String p;

  static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
  }

  @BeforeEach
  void world() {
    int k = VILLAGES.incrementAndGet();
    village = "330102001" + String.format("%03d", k);
    grid1 = village + "001";
    grid2 = village + "002";
    p = "v" + k + "-";
    testUsers = new TestUsers(users, tokens, encoder, gridImporter);
    testUsers.gridsExist(grid1, grid2);
    GridScope scope = GridScope.of(Set.of(village));
    testUsers.create(p + "disp", scope, Role.DISPATCHER);
    for (String u : List.of("a", "b", "c")) {
      testUsers.create(p + u, scope, Role.PATROL);
    }
    testUsers.create(p + "outsider", GridScope.of(Set.of("330102001999")), Role.PATROL);
    clock.set(at("2025-10-13T09:00")); // a Monday
    photoDir = config.photoDirectory();
  }

  // --- helpers --------------------------------------------------------------------------------

  String bearer(String user) {
    return bearers.computeIfAbsent(user, testUsers::bearer);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  JsonNode call(String method, String path, String user, String body, int status)
      throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri(path)).header("Authorization",
        bearer(user)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      r.header("Content-Type", "application/json");
    }
    return check(method, path, user, HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString()),
        status);
  }

  JsonNode check(String method, String path, String user, HttpResponse<String> response,
      int status) throws Exception {
    assertThat(response.statusCode()).as(method + " " + path + " as " + user + ": "
        + response.body()).isEqualTo(status);
    return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
  }

  JsonNode upload(String path, String user, String fileName, byte[] content, int status)
      throws Exception {
    String boundary = "----gg" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\""
        + fileName + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest r = HttpRequest.newBuilder(uri(path)).header("Authorization", bearer(user))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    return check("POST", path, user, HTTP.send(r, HttpResponse.BodyHandlers.ofString()), status);
  }

  /** A team of {@code grid} whose {@code members} are on duty all week round. */
  long team(String grid, String... members) throws Exception {
    long id = call("POST", "/api/v1/patrol/teams", p + "disp", "{\"name\":\"team " + grid
        + "\",\"gridCode\":\"" + grid + "\"}", 201).get("id").asLong();
    List<String> names = new ArrayList<>();
    StringBuilder shifts = new StringBuilder();
    for (String m : members) {
      names.add("\"" + p + m + "\"");
      for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY",
          "SATURDAY", "SUNDAY")) {
        shifts.append(shifts.isEmpty() ? "" : ",").append("{\"username\":\"").append(p).append(m)
            .append("\",\"day\":\"").append(day).append("\",\"start\":\"00:00\",\"end\":\"00:00\"}");
      }
    }
    call("PUT", "/api/v1/patrol/teams/" + id + "/members", p + "disp", "{\"usernames\":["
        + String.join(",", names) + "]}", 200);
    call("PUT", "/api/v1/patrol/teams/" + id + "/roster", p + "disp", "{\"shifts\":[" + shifts
        + "]}", 200);
    return id;
  }

  /** Reports a P1 fire in {@code grid}: the fast path dispatches it at once. */
  long fire(String grid) throws Exception {
    return call("POST", "/api/v1/incidents", p + "disp", "{\"category\":\"9101\",\"gridCode\":\""
        + grid + "\",\"lat\":30.05,\"lon\":120.05}", 201).get("id").asLong();
  }

  JsonNode tasksOf(long incident) throws Exception {
    return call("GET", "/api/v1/patrol/incidents/" + incident + "/tasks", p + "disp", null, 200);
  }

  long taskOf(long incident, String member) throws Exception {
    for (JsonNode t : tasksOf(incident)) {
      if ((p + member).equals(t.path("username").asText()) && !t.path("state").asText()
          .equals("WITHDRAWN")) {
        return t.get("id").asLong();
      }
    }
    throw new AssertionError("no task of " + member + " for incident " + incident + ": "
        + tasksOf(incident));
  }

  String incidentState(long id) throws Exception {
    return call("GET", "/api/v1/incidents/" + id, p + "disp", null, 200).get("state").asText();
  }

  SseClient feed(String user, String query, Long lastEventId) throws Exception {
    SseClient c = SseClient.connect(uri("/api/v1/patrol/feed" + query), bearer(user),
        lastEventId);
    assertThat(c.status()).as("feed of " + user + ": " + c.errorBody()).isEqualTo(200);
    return c;
  }

  JsonNode data(SseClient.Event e) throws Exception {
    return json.readTree(e.data());
  }

  // --- rosters ---------------------------------------------------------------------------------

  @Test
  void onDuty_nightShiftAcrossMidnightAndWeekWrap_onDutyOnBothSidesOnly() throws Exception {
    long team = call("POST", "/api/v1/patrol/teams", p + "disp", "{\"name\":\"night\","
        + "\"gridCode\":\"" + village + "\"}", 201).get("id").asLong();
    call("PUT", "/api/v1/patrol/teams/" + team + "/members", p + "disp", "{\"usernames\":[\""
        + p + "a\",\"" + p + "b\",\"" + p + "c\"]}", 200);
    call("PUT", "/api/v1/patrol/teams/" + team + "/roster", p + "disp", "{\"shifts\":["
        + "{\"username\":\"" + p + "a\",\"day\":\"MONDAY\",\"start\":\"20:00\",\"end\":\"08:00\"},"
        + "{\"username\":\"" + p + "b\",\"day\":\"MONDAY\",\"start\":\"08:00\",\"end\":\"20:00\"},"
        + "{\"username\":\"" + p + "c\",\"day\":\"SUNDAY\",\"start\":\"22:00\",\"end\":\"02:00\"}"
        + "]}", 200);
    assertThat(onDuty(grid1, "2025-10-13T12:00")).containsExactly(p + "b");
    assertThat(onDuty(grid1, "2025-10-13T19:59")).containsExactly(p + "b");
    assertThat(onDuty(grid1, "2025-10-13T20:00")).containsExactly(p + "a");
    assertThat(onDuty(grid1, "2025-10-13T23:30")).containsExactly(p + "a");
    assertThat(onDuty(grid1, "2025-10-14T07:59")).containsExactly(p + "a"); // Tuesday morning
    assertThat(onDuty(grid1, "2025-10-14T08:00")).isEmpty();
    assertThat(onDuty(grid1, "2025-10-13T01:00")).containsExactly(p + "c"); // Sunday's night
    assertThat(onDuty(grid1, "2025-10-19T23:00")).containsExactly(p + "c");
    assertThat(onDuty(grid1, "2025-10-13T02:00")).isEmpty();
    // an instant with an offset is the same moment: 12:30Z is 20:30 in Shanghai
    assertThat(onDuty(grid1, "2025-10-13T12:30:00Z")).containsExactly(p + "a");
    // one-off: a is off on the night of the 20th, c stands in on Wednesday the 15th
    call("POST", "/api/v1/patrol/teams/" + team + "/changes", p + "disp", "{\"username\":\"" + p
        + "a\",\"kind\":\"REMOVE\",\"from\":\"2025-10-20T18:00\",\"until\":\"2025-10-21T09:00\"}",
        201);
    JsonNode t = call("POST", "/api/v1/patrol/teams/" + team + "/changes", p + "disp",
        "{\"username\":\"" + p + "c\",\"kind\":\"ADD\",\"from\":\"2025-10-15\",\"until\":"
            + "\"2025-10-15\",\"note\":\"covers for b\"}", 201);
    assertThat(onDuty(grid1, "2025-10-20T23:00")).isEmpty();
    assertThat(onDuty(grid1, "2025-10-27T23:00")).containsExactly(p + "a");
    assertThat(onDuty(grid1, "2025-10-15T23:59")).containsExactly(p + "c");
    assertThat(onDuty(grid1, "2025-10-16T00:00")).isEmpty();
    long change = -1;
    for (JsonNode c : t.get("changes")) {
      if (c.get("kind").asText().equals("ADD")) {
        change = c.get("id").asLong();
      }
    }
    call("DELETE", "/api/v1/patrol/teams/" + team + "/changes/" + change, p + "disp", null, 200);
    assertThat(onDuty(grid1, "2025-10-15T12:00")).isEmpty();
  }

  List<String> onDuty(String grid, String at) throws Exception {
    List<String> out = new ArrayList<>();
    call("GET", "/api/v1/patrol/on-duty?grid=" + grid + "&at=" + at, p + "disp", null, 200)
        .forEach(n -> out.add(n.get("username").asText()));
    return out;
  }

  @Test
  void teams_badInput_namesTheFieldAndOutOfScopeIs404Or403() throws Exception {
    long team = call("POST", "/api/v1/patrol/teams", p + "disp", "{\"name\":\"t\","
        + "\"gridCode\":\"" + grid1 + "\"}", 201).get("id").asLong();
    assertThat(call("POST", "/api/v1/patrol/teams", p + "disp", "{\"name\":\"t\","
        + "\"gridCode\":\"330102\"}", 400).get("detail").asText()).contains("gridCode");
    call("POST", "/api/v1/patrol/teams", p + "disp", "{\"name\":\"t\",\"gridCode\":\""
        + "330102009001\"}", 403);
    call("POST", "/api/v1/patrol/teams", p + "disp", "{\"name\":\"t\",\"gridCode\":\"" + grid1
        + "\"}", 409);
    assertThat(call("PUT", "/api/v1/patrol/teams/" + team + "/members", p + "disp",
        "{\"usernames\":[\"" + p + "outsider\"]}", 400).get("detail").asText())
        .contains("usernames[0]").contains("scope");
    assertThat(call("PUT", "/api/v1/patrol/teams/" + team + "/members", p + "disp",
        "{\"usernames\":[\"" + p + "disp\"]}", 400).get("detail").asText()).contains("PATROL");
    call("PUT", "/api/v1/patrol/teams/" + team + "/members", p + "disp",
        "{\"usernames\":[\"" + p + "a\"]}", 200);
    assertThat(call("PUT", "/api/v1/patrol/teams/" + team + "/roster", p + "disp",
        "{\"shifts\":[{\"username\":\"" + p + "a\",\"day\":\"FUNDAY\",\"start\":\"08:00\","
            + "\"end\":\"09:00\"}]}", 400).get("detail").asText()).contains("shifts[0].day");
    assertThat(call("PUT", "/api/v1/patrol/teams/" + team + "/roster", p + "disp",
        "{\"shifts\":[{\"username\":\"" + p + "a\",\"day\":\"MONDAY\",\"start\":\"25:00\","
            + "\"end\":\"09:00\"}]}", 400).get("detail").asText()).contains("shifts[0].start");
    assertThat(call("PUT", "/api/v1/patrol/teams/" + team + "/roster", p + "disp",
        "{\"shifts\":[{\"username\":\"" + p + "b\",\"day\":\"MONDAY\",\"start\":\"08:00\","
            + "\"end\":\"09:00\"}]}", 400).get("detail").asText()).contains("not a member");
    assertThat(call("POST", "/api/v1/patrol/teams/" + team + "/changes", p + "disp",
        "{\"username\":\"" + p + "a\",\"kind\":\"ADD\",\"from\":\"2025-10-15T10:00\","
            + "\"until\":\"2025-10-15T09:00\"}", 400).get("detail").asText()).contains("until");
    assertThat(call("POST", "/api/v1/patrol/teams/" + team + "/changes", p + "disp",
        "{\"username\":\"" + p + "a\",\"kind\":\"ADD\",\"from\":\"tomorrow\","
            + "\"until\":\"2025-10-15T09:00\"}", 400).get("detail").asText()).contains("from");
    assertThat(call("GET", "/api/v1/patrol/on-duty?grid=" + village, p + "disp", null, 400)
        .get("detail").asText()).contains("grid");
    call("GET", "/api/v1/patrol/on-duty?grid=330102009001001", p + "disp", null, 404);
    call("POST", "/api/v1/patrol/teams/" + team + "/x", p + "disp", "{\"unknown\":1}", 404);
    // another village's dispatcher does not see the team
    testUsers.create(p + "disp-other", GridScope.of(Set.of("330102009001")), Role.DISPATCHER);
    call("GET", "/api/v1/patrol/teams/" + team, p + "disp-other", null, 404);
    assertThat(call("GET", "/api/v1/patrol/teams", p + "disp-other", null, 200)).isEmpty();
  }

  // --- dispatch --------------------------------------------------------------------------------

  @Test
  void dispatch_nobodyOnDuty_taskKeptUnassignedDispatcherAlertedThenAssigned() throws Exception {
    double before = meters.counter("gridguard_patrol_unassigned_total").count();
    try (SseClient dispatcher = feed(p + "disp", "?after=0", null)) {
      long incident = fire(grid1);
      JsonNode tasks = tasksOf(incident);
      assertThat(tasks).hasSize(1);
      assertThat(tasks.get(0).has("username")).isFalse();
      assertThat(tasks.get(0).get("state").asText()).isEqualTo("NEW");
      SseClient.Event alert = dispatcher.next(WAIT);
      assertThat(alert.name()).isEqualTo("alert");
      assertThat(data(alert).get("change").asText()).isEqualTo("unassigned");
      assertThat(data(alert).get("incidentId").asLong()).isEqualTo(incident);
      assertThat(meters.counter("gridguard_patrol_unassigned_total").count())
          .isEqualTo(before + 1);
      try (SseClient member = feed(p + "a", "?after=0", null)) {
        JsonNode given = call("POST", "/api/v1/patrol/dispatch", p + "disp", "{\"incidentId\":"
            + incident + ",\"username\":\"" + p + "a\"}", 200);
        assertThat(given).hasSize(1);
        assertThat(given.get(0).get("id").asLong()).isEqualTo(tasks.get(0).get("id").asLong());
        SseClient.Event e = member.next(WAIT);
        assertThat(data(e).get("change").asText()).isEqualTo("new");
        assertThat(data(e).get("taskId").asLong()).isEqualTo(tasks.get(0).get("id").asLong());
        assertThat(data(e).get("priority").asInt()).isEqualTo(1);
        assertThat(data(e).get("lat").asDouble()).isEqualTo(30.05);
      }
      // reassigning to an outsider, or dispatching again without a name, is refused
      assertThat(call("POST", "/api/v1/patrol/dispatch", p + "disp", "{\"incidentId\":" + incident
          + ",\"username\":\"" + p + "outsider\"}", 400).get("detail").asText()).contains("scope");
      call("POST", "/api/v1/patrol/dispatch", p + "disp", "{\"incidentId\":" + incident + "}", 409);
      call("POST", "/api/v1/patrol/dispatch", p + "disp", "{\"incidentId\":999999999}", 404);
    }
  }

  @Test
  void dispatch_registeredIncidentToNamedMember_onlyTheyGetATask() throws Exception {
    team(grid1, "a", "b");
    long incident = call("POST", "/api/v1/incidents", p + "disp", "{\"category\":\"9205\","
        + "\"gridCode\":\"" + grid1 + "\"}", 201).get("id").asLong();
    call("POST", "/api/v1/incidents/" + incident + "/verify", p + "disp", null, 200);
    call("POST", "/api/v1/incidents/" + incident + "/register", p + "disp", null, 200);
    JsonNode made = call("POST", "/api/v1/patrol/dispatch", p + "disp", "{\"incidentId\":"
        + incident + ",\"username\":\"" + p + "b\"}", 200);
    assertThat(made).hasSize(1);
    assertThat(made.get(0).get("username").asText()).isEqualTo(p + "b");
    // the new task is built as inserted, not read back: it must equal the stored row
    com.fasterxml.jackson.databind.node.ObjectNode stored = (com.fasterxml.jackson.databind.node
        .ObjectNode) call("GET", "/api/v1/patrol/tasks/" + made.get(0).get("id").asLong(),
        p + "b", null, 200);
    stored.remove(List.of("notes", "photos")); // the detail view's extras
    assertThat(stored).isEqualTo(made.get(0));
    assertThat(incidentState(incident)).isEqualTo("DISPATCHED");
    // reassigned to a: b's task is withdrawn as reassigned
    try (SseClient b = feed(p + "b", "?after=0", null)) {
      b.next(WAIT); // new
      call("POST", "/api/v1/patrol/dispatch", p + "disp", "{\"incidentId\":" + incident
          + ",\"username\":\"" + p + "a\"}", 200);
      JsonNode withdrawn = data(b.next(WAIT));
      assertThat(withdrawn.get("change").asText()).isEqualTo("reassigned");
      assertThat(withdrawn.get("state").asText()).isEqualTo("WITHDRAWN");
    }
  }

  // --- the feed --------------------------------------------------------------------------------

  private void appendAlert(String user, long incidentId) {
    feedLog.append(user, FeedRow.Kind.ALERT, null, incidentId, new FeedPayload("test", null,
        incidentId, "9101", 1, "t", grid1, null, null, null, "2025-10-13T01:00:00Z", null, null));
  }

  @Test
  void feedLog_rowOfAnOpenTransaction_doesNotHoldUpAnotherWriter_sequencesFollowCommitOrder()
      throws Exception {
    String user = p + "a";
    org.springframework.transaction.support.TransactionTemplate tx =
        new org.springframework.transaction.support.TransactionTemplate(transactions);
    java.util.concurrent.CountDownLatch appended = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors
        .newFixedThreadPool(2);
    try {
      java.util.concurrent.Future<?> slow = pool.submit(() -> tx.executeWithoutResult(s -> {
        appendAlert(user, 1);
        appended.countDown();
        try {
          // a long transaction: the rest of a group of gateways' alarms after a P1 dispatch
          release.await(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      assertThat(appended.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      // the old feed log locked the user's head from the append to the commit: this waited
      pool.submit(() -> tx.executeWithoutResult(s -> appendAlert(user, 2)))
          .get(5, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(feedReader.after(user, 0, 10)).extracting(FeedRow::incidentId)
          .as("the open transaction's row is not visible").containsExactly(2L);
      release.countDown();
      slow.get(10, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    List<FeedRow> rows = feedReader.after(user, 0, 10);
    assertThat(rows).extracting(FeedRow::seq).containsExactly(1L, 2L);
    assertThat(rows).extracting(FeedRow::incidentId).containsExactly(2L, 1L);
    assertThat(feedReader.head(user)).isEqualTo(2);
  }

  @Test
  void feedLog_rowsOfARolledBackSavepoint_areGone_theOthersGapFreeInAppendOrder() {
    String user = p + "b";
    org.springframework.transaction.support.TransactionTemplate tx =
        new org.springframework.transaction.support.TransactionTemplate(transactions);
    org.springframework.transaction.support.TransactionTemplate nested =
        new org.springframework.transaction.support.TransactionTemplate(transactions);
    nested.setPropagationBehavior(
        org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
    tx.executeWithoutResult(s -> {
      appendAlert(user, 10);
      try {
        nested.executeWithoutResult(n -> {
          appendAlert(user, 11);
          throw new IllegalStateException("lost a race: roll the savepoint back");
        });
      } catch (IllegalStateException expected) {
        // as IncidentReports.fromAlarm does
      }
      appendAlert(user, 12);
      appendAlert(user, 13);
    });
    assertThat(feedReader.after(user, 0, 10)).extracting(FeedRow::seq, FeedRow::incidentId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 10L),
            org.assertj.core.groups.Tuple.tuple(2L, 12L),
            org.assertj.core.groups.Tuple.tuple(3L, 13L));
    assertThat(feedReader.head(user)).isEqualTo(3);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM patrol_feed WHERE username = ? AND "
        + "seq < 0", Integer.class, user)).isZero();
  }

  @Test
  void feed_disconnectedDuringThreeChanges_reconnectReceivesAllThreeInOrderOnce()
      throws Exception {
    team(grid1, "a");
    long first;
    long lastSeen;
    try (SseClient phone = feed(p + "a", "?after=0", null)) {
      first = fire(grid1);
      SseClient.Event e = phone.next(WAIT);
      assertThat(e.name()).isEqualTo("task");
      assertThat(data(e).get("change").asText()).isEqualTo("new");
      assertThat(data(e).get("incidentId").asLong()).isEqualTo(first);
      lastSeen = e.id();
    }
    // offline: three changes
    long second = fire(grid1);
    call("POST", "/api/v1/incidents/" + first + "/void", p + "disp", "{\"note\":\"false alarm\"}",
        200);
    long third = fire(grid1);
    try (SseClient phone = feed(p + "a", "", lastSeen)) { // EventSource's own reconnect
      List<SseClient.Event> missed = phone.await(3, WAIT);
      assertThat(missed).extracting(SseClient.Event::id)
          .containsExactly(lastSeen + 1, lastSeen + 2, lastSeen + 3);
      assertThat(data(missed.get(0)).get("incidentId").asLong()).isEqualTo(second);
      assertThat(data(missed.get(1)).get("change").asText()).isEqualTo("withdrawn");
      assertThat(data(missed.get(1)).get("reason").asText()).contains("false alarm");
      assertThat(data(missed.get(2)).get("incidentId").asLong()).isEqualTo(third);
      // then live, with nothing repeated: the next event is the next sequence
      long fourth = fire(grid1);
      SseClient.Event live = phone.next(WAIT);
      assertThat(live.id()).isEqualTo(lastSeen + 4);
      assertThat(data(live).get("incidentId").asLong()).isEqualTo(fourth);
      assertThat(phone.pending()).isEmpty();
    }
    // a page reload: ?after= replays the same rows
    try (SseClient reload = feed(p + "a", "?after=" + lastSeen, null)) {
      assertThat(reload.await(4, WAIT)).extracting(SseClient.Event::id)
          .containsExactly(lastSeen + 1, lastSeen + 2, lastSeen + 3, lastSeen + 4);
    }
  }

  @Test
  void feed_nothingToReplay_headersAndOpenCommentComeAtOnceNotWithTheFirstHeartbeat()
      throws Exception {
    // the response is committed by a first write: without one, a client waits for its headers
    // until the first heartbeat (15 s by default) — 1,000 phones reconnecting then all wait
    try (SseClient idle = feed(p + "a", "", null)) {
      org.awaitility.Awaitility.await("the open comment").atMost(WAIT)
          .until(() -> !idle.commentTexts().isEmpty());
      assertThat(idle.commentTexts().get(0)).isEqualTo("open");
    }
  }

  @Test
  void feed_heartbeatsFlowAndBadSequencesAre400() throws Exception {
    try (SseClient idle = feed(p + "a", "", null)) {
      idle.awaitComments(1, WAIT);
    }
    SseClient beyond = SseClient.connect(uri("/api/v1/patrol/feed?after=999"), bearer(p + "a"),
        null);
    assertThat(beyond.status()).isEqualTo(400);
    assertThat(beyond.errorBody()).contains("after").contains("999");
    SseClient junk = SseClient.connect(uri("/api/v1/patrol/feed"), bearer(p + "a"), null);
    junk.close();
    HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/patrol/feed"))
        .header("Authorization", bearer(p + "a")).header("Last-Event-ID", "x1").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("Last-Event-ID");
  }

  @Test
  @org.junit.jupiter.api.extension.ExtendWith(
      org.springframework.boot.test.system.OutputCaptureExtension.class)
  void feed_moreStreamsThanAllowed_oldestIsClosed(
      org.springframework.boot.test.system.CapturedOutput output) throws Exception {
    List<SseClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) { // max-streams-per-user is 3 in these tests
        open.add(feed(p + "c", "", null));
      }
      assertThat(open.get(0).ended(WAIT)).isTrue();
      // the server's end of the stream is an ASYNC dispatch, finished before the client sees the
      // end: it passed the security chain and the role check as the authorised request's sequel
      assertThat(output.getAll()).doesNotContain("role not allowed")
          .doesNotContain("response is already committed");
      assertThat(open.get(3).ended(Duration.ofMillis(200))).isFalse();
    } finally {
      open.forEach(SseClient::close);
    }
  }

  @Test
  void feed_instanceAtMaxStreams_oneMoreIs503WithRetryAfterAndAPlaceFreedIsTakenAgain()
      throws Exception {
    awaitOpenStreams(0); // streams other tests closed are noticed at their next heartbeat
    for (String u : List.of("d", "e", "f", "g")) {
      testUsers.create(p + u, GridScope.of(Set.of(village)), Role.PATROL);
    }
    List<String> patrols = List.of("a", "b", "c", "d", "e", "f", "g");
    List<SseClient> open = new ArrayList<>();
    double refusedBefore = meters.counter("gridguard_patrol_streams_refused_total").count();
    try {
      for (int i = 0; i < MAX_STREAMS; i++) { // 2 per user: the per-user limit (3) is not hit
        open.add(feed(p + patrols.get(i / 2), "", null));
      }
      SseClient refused = SseClient.connect(uri("/api/v1/patrol/feed"), bearer(p + "g"), null);
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.header("Retry-After")).isEqualTo("10");
      assertThat(refused.errorBody()).contains("gridguard.patrol.max-streams")
          .contains("last event id");
      assertThat(meters.counter("gridguard_patrol_streams_refused_total").count())
          .isEqualTo(refusedBefore + 1);
      assertThat(open.get(0).ended(Duration.ofMillis(200))).as("nobody was pushed out").isFalse();

      open.remove(0).close();
      awaitOpenStreams(MAX_STREAMS - 1);
      open.add(feed(p + "g", "", null));
    } finally {
      open.forEach(SseClient::close);
    }
    awaitOpenStreams(0);
  }

  private void awaitOpenStreams(int n) {
    org.awaitility.Awaitility.await("open patrol streams").atMost(WAIT)
        .pollInterval(Duration.ofMillis(20))
        .untilAsserted(() -> assertThat(streams.openStreams()).as("open patrol streams")
            .isEqualTo(n));
  }

  // --- task actions ----------------------------------------------------------------------------

  @Test
  void task_acceptArriveNotePhotoResolve_movesTheIncidentAlong() throws Exception {
    team(grid1, "a");
    long incident = fire(grid1);
    long task = taskOf(incident, "a");
    String base = "/api/v1/patrol/tasks/" + task;
    assertThat(call("POST", base + "/delivered", p + "a", null, 200).get("state").asText())
        .isEqualTo("DELIVERED");
    call("POST", base + "/delivered", p + "a", null, 200); // a repeated receipt is harmless
    clock.advance(Duration.ofSeconds(20));
    JsonNode accepted = call("POST", base + "/accept", p + "a", null, 200);
    assertThat(accepted.get("state").asText()).isEqualTo("ACCEPTED");
    assertThat(accepted.get("acceptedAt").asText()).isEqualTo(clock.instant().toString());
    assertThat(incidentState(incident)).isEqualTo("ACCEPTED");
    JsonNode arrived = call("POST", base + "/arrive", p + "a", "{\"lat\":30.051,\"lon\":120.049}",
        200);
    assertThat(arrived.get("arrivalLat").asDouble()).isEqualTo(30.051);
    assertThat(incidentState(incident)).isEqualTo("IN_PROGRESS");
    call("POST", base + "/notes", p + "a", "{\"text\":\"smoke from a kitchen\"}", 201);
    JsonNode withPhoto = upload(base + "/photos", p + "a", "kitchen.png", png(), 201);
    assertThat(withPhoto.get("photos").get(0).get("contentType").asText()).isEqualTo("image/png");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = "
        + "'patrol.photo.upload' AND object_id = ? AND outcome = 'SUCCESS'", Integer.class,
        Long.toString(task))).isEqualTo(1);
    JsonNode resolved = call("POST", base + "/resolve", p + "a", "{\"note\":\"put out, no harm\"}",
        200);
    assertThat(resolved.get("state").asText()).isEqualTo("RESOLVED");
    assertThat(resolved.get("notes").get(0).get("text").asText()).isEqualTo("smoke from a kitchen");
    assertThat(incidentState(incident)).isEqualTo("RESOLVED");
    assertThat(call("GET", "/api/v1/patrol/tasks?state=RESOLVED", p + "a", null, 200)
        .get(0).get("id").asLong()).isEqualTo(task);
    // the task's whole story is in a's feed, in order
    try (SseClient phone = feed(p + "a", "?after=0", null)) {
      List<String> changes = new ArrayList<>();
      for (SseClient.Event e : phone.await(7, WAIT)) {
        changes.add(data(e).get("change").asText());
      }
      // the workflow's own ACCEPT/START/RESOLVE found the task already moved: no second rows
      assertThat(changes).containsExactly("new", "delivered", "accepted", "arrived", "note",
          "photo", "resolved");
      assertThat(jdbc.queryForObject("SELECT seq FROM patrol_feed_head WHERE username = ?",
          Long.class, p + "a")).isEqualTo(7);
    }
    // retention: the photo file goes after photo-retention, its record stays
    String file = jdbc.queryForObject("SELECT file_name FROM patrol_photo WHERE task_id = ?",
        String.class, task);
    assertThat(photoDir.resolve(file)).exists();
    clock.advance(Duration.ofDays(181));
    retention.purge();
    assertThat(photoDir.resolve(file)).doesNotExist();
    assertThat(call("GET", base, p + "a", null, 200).get("photos").get(0).get("purged")
        .asBoolean()).isTrue();
  }

  HttpResponse<byte[]> getBytes(String path, String user, String range) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri(path)).header("Authorization",
        bearer(user));
    if (range != null) {
      r.header("Range", range);
    }
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  int views(long photo) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = "
        + "'patrol.photo.view' AND object_id = ? AND outcome = 'SUCCESS'", Integer.class,
        Long.toString(photo));
  }

  @Test
  void photo_download_storedTypeRangesScopedAuditedGoneAfterRetention() throws Exception {
    team(grid1, "a");
    long incident = fire(grid1);
    long task = taskOf(incident, "a");
    String base = "/api/v1/patrol/tasks/" + task;
    call("POST", base + "/accept", p + "a", null, 200);
    long photo = upload(base + "/photos", p + "a", "kitchen.jpg", png(), 201).get("photos").get(0)
        .get("id").asLong();
    String path = base + "/photos/" + photo;
    // the member and the dispatcher of the village: the bytes, with the type by content
    for (String user : List.of(p + "a", p + "disp")) {
      HttpResponse<byte[]> r = getBytes(path, user, null);
      assertThat(r.statusCode()).as(user).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
      assertThat(r.headers().firstValue("Accept-Ranges")).hasValue("bytes");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(r.body()).isEqualTo(png());
    }
    HttpResponse<byte[]> part = getBytes(path, p + "disp", "bytes=1-3");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1-3/" + png().length);
    assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(png(), 1, 4));
    assertThat(getBytes(path, p + "disp", "bytes=9999-").statusCode()).isEqualTo(416);
    assertThat(views(photo)).isEqualTo(4); // one row per view, ranges included
    // outside the caller's grids it is absent, like an unknown photo or the wrong task
    assertThat(getBytes(path, p + "outsider", null).statusCode()).isEqualTo(404);
    assertThat(getBytes(base + "/photos/" + (photo + 100_000), p + "disp", null).statusCode())
        .isEqualTo(404);
    long other = taskOf(fire(grid1), "a");
    assertThat(getBytes("/api/v1/patrol/tasks/" + other + "/photos/" + photo, p + "disp", null)
        .statusCode()).isEqualTo(404);
    assertThat(views(photo)).isEqualTo(4);
    // purged by retention: its record stays, the file is 410
    clock.advance(Duration.ofDays(181));
    retention.purge();
    call("GET", path, p + "disp", null, 410);
    assertThat(views(photo)).isEqualTo(4);
  }

  @Test
  void photo_bodyLimitPerRoute_5MbAccepted_11Mb413_2MbJsonElsewhere413() throws Exception {
    team(grid1, "a");
    long task = taskOf(fire(grid1), "a");
    String base = "/api/v1/patrol/tasks/" + task;
    call("POST", base + "/accept", p + "a", null, 200);
    // a real phone photo: over the 1 MB every other body gets, within photo-max-size (10MB)
    JsonNode stored = upload(base + "/photos", p + "a", "phone.jpg", jpeg(5 * 1024 * 1024), 201);
    assertThat(stored.get("photos").get(0).get("size").asLong()).isEqualTo(5 * 1024 * 1024);
    // past photo-max-size and its framing: 413 before the body is read, saying how to fix it
    String detail = upload(base + "/photos", p + "a", "huge.jpg", jpeg(11 * 1024 * 1024), 413)
        .get("detail").asText();
    assertThat(detail).contains("a patrol photo").contains("gridguard.patrol.photo-max-size");
    // everywhere else the general limit holds: a 2 MB JSON body is 413
    String note = "{\"text\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    assertThat(call("POST", base + "/notes", p + "a", note, 413).get("detail").asText())
        .contains("gridguard.security.max-request-body");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM patrol_photo WHERE task_id = ?",
        Integer.class, task)).isEqualTo(1);
  }

  @Test
  void task_twoOnDuty_firstAcceptWinsTheOtherIsWithdrawn() throws Exception {
    team(grid1, "a", "b");
    long incident = fire(grid1);
    long ta = taskOf(incident, "a");
    long tb = taskOf(incident, "b");
    call("POST", "/api/v1/patrol/tasks/" + tb + "/accept", p + "b", null, 200);
    JsonNode a = call("GET", "/api/v1/patrol/tasks/" + ta, p + "a", null, 200);
    assertThat(a.get("state").asText()).isEqualTo("WITHDRAWN");
    assertThat(a.get("reason").asText()).contains("accepted by " + p + "b");
    assertThat(call("POST", "/api/v1/patrol/tasks/" + ta + "/accept", p + "a", null, 409)
        .get("detail").asText()).contains("WITHDRAWN");
  }

  @Test
  void task_returnedByOneOfTwo_staysDispatchedByTheLast_returnsToTheCentre() throws Exception {
    team(grid1, "a", "b");
    long incident = fire(grid1);
    call("POST", "/api/v1/patrol/tasks/" + taskOf(incident, "a") + "/return", p + "a",
        "{\"reason\":\"off sick\"}", 200);
    assertThat(incidentState(incident)).isEqualTo("DISPATCHED");
    call("POST", "/api/v1/patrol/tasks/" + taskOf(incident, "b") + "/return", p + "b",
        "{\"reason\":\"flat tyre\"}", 200);
    assertThat(incidentState(incident)).isEqualTo("REGISTERED");
  }

  @Test
  void task_badInput_400OutOfRange_404NotYours_409WrongState_413_415() throws Exception {
    team(grid1, "a");
    long incident = fire(grid1);
    long task = taskOf(incident, "a");
    String base = "/api/v1/patrol/tasks/" + task;
    // someone else's task is absent, whoever asks and whatever they do
    call("GET", base, p + "b", null, 404);
    call("POST", base + "/accept", p + "b", null, 404);
    upload(base + "/photos", p + "b", "x.png", png(), 404);
    // wrong state
    assertThat(call("POST", base + "/arrive", p + "a", "{\"lat\":30.0,\"lon\":120.0}", 409)
        .get("detail").asText()).contains("NEW").contains("ACCEPTED");
    call("POST", base + "/resolve", p + "a", "{\"note\":\"x\"}", 409);
    upload(base + "/photos", p + "a", "x.png", png(), 409);
    call("POST", base + "/accept", p + "a", null, 200);
    call("POST", base + "/accept", p + "a", null, 409);
    // location out of range, or missing
    assertThat(call("POST", base + "/arrive", p + "a", "{\"lat\":91.0,\"lon\":120.0}", 400)
        .get("detail").asText()).contains("lat");
    assertThat(call("POST", base + "/arrive", p + "a", "{\"lat\":30.0,\"lon\":-180.5}", 400)
        .get("detail").asText()).contains("lon");
    call("POST", base + "/arrive", p + "a", "{\"lat\":30.0}", 400);
    call("POST", base + "/arrive", p + "a", "{\"lat\":\"north\",\"lon\":1}", 400);
    call("POST", base + "/arrive", p + "a", "{\"lat\":30.0,\"lon\":120.0,\"alt\":5}", 400);
    // notes, reasons and resolutions need text
    call("POST", base + "/notes", p + "a", "{\"text\":\"  \"}", 400);
    call("POST", base + "/notes", p + "a", "{\"text\":\"" + "x".repeat(2001) + "\"}", 400);
    call("POST", base + "/resolve", p + "a", "{}", 400);
    call("POST", base + "/return", p + "a", null, 400);
    // photos: by content, not by name; bounded in size
    assertThat(upload(base + "/photos", p + "a", "evidence.jpg",
        "this is not a picture\n".getBytes(StandardCharsets.UTF_8), 415).get("detail").asText())
        .contains("JPEG");
    // one byte past photo-max-size: within the route's body limit, refused by the photo check
    assertThat(upload(base + "/photos", p + "a", "big.jpg", jpeg(10 * 1024 * 1024 + 1), 413)
        .get("detail").asText()).contains("photo-max-size");
    call("POST", base + "/photos", p + "a", "{}", 415);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM patrol_photo WHERE task_id = ?",
        Integer.class, task)).isZero();
    assertThat(call("GET", "/api/v1/patrol/tasks?state=LOST", p + "a", null, 400).get("detail")
        .asText()).contains("state");
    call("GET", "/api/v1/patrol/tasks?limit=0", p + "a", null, 400);
  }

  // --- escalation ------------------------------------------------------------------------------

  @Test
  void escalation_unacceptedP1_goesToTheNeighbourOnceAcceptedDoesNot() throws Exception {
    team(grid1, "a");
    team(grid2, "b");
    long open = fire(grid1);
    long accepted = fire(grid1);
    call("POST", "/api/v1/patrol/tasks/" + taskOf(accepted, "a") + "/accept", p + "a", null, 200);
    clock.advance(Duration.ofMinutes(2));
    escalation.sweep();
    assertThat(tasksOf(open)).hasSize(1); // not yet: 3 minutes for P1
    try (SseClient dispatcher = feed(p + "disp", "", null)) {
      clock.advance(Duration.ofMinutes(1).plusSeconds(1));
      concurrently(() -> escalation.sweep(), () -> escalation.sweep());
      JsonNode tasks = tasksOf(open);
      assertThat(tasks).hasSize(2);
      assertThat(tasks.get(1).get("username").asText()).isEqualTo(p + "b");
      assertThat(tasks.get(1).get("step").asInt()).isEqualTo(1);
      assertThat(tasksOf(accepted)).hasSize(1);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM patrol_escalation WHERE incident_id = ?",
          Integer.class, open)).isEqualTo(1);
      JsonNode alert = data(dispatcher.next(WAIT));
      assertThat(alert.get("change").asText()).isEqualTo("escalated");
      assertThat(alert.get("incidentId").asLong()).isEqualTo(open);
      assertThat(alert.get("reason").asText()).contains("neighbouring").contains(p + "b");
      // step 2 after another limit: nobody new is on duty, the dispatcher hears so, once
      clock.advance(Duration.ofMinutes(3));
      concurrently(() -> escalation.sweep(), () -> escalation.sweep());
      assertThat(tasksOf(open)).hasSize(2);
      assertThat(data(dispatcher.next(WAIT)).get("reason").asText()).contains("nobody else");
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM patrol_escalation WHERE incident_id = ?",
          Integer.class, open)).isEqualTo(2);
      // accepting stops it
      call("POST", "/api/v1/patrol/tasks/" + taskOf(open, "b") + "/accept", p + "b", null, 200);
      clock.advance(Duration.ofMinutes(10));
      escalation.sweep();
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM patrol_escalation WHERE incident_id = ?",
          Integer.class, open)).isEqualTo(2);
    }
  }

  @Test
  void escalation_p2_waitsItsLongerLimit() throws Exception {
    team(grid1, "a");
    team(grid2, "b");
    long incident = call("POST", "/api/v1/incidents", p + "disp", "{\"category\":\"9205\","
        + "\"gridCode\":\"" + grid1 + "\"}", 201).get("id").asLong();
    call("POST", "/api/v1/incidents/" + incident + "/verify", p + "disp", null, 200);
    call("POST", "/api/v1/incidents/" + incident + "/register", p + "disp", null, 200);
    call("POST", "/api/v1/patrol/dispatch", p + "disp", "{\"incidentId\":" + incident + "}", 200);
    assertThat(tasksOf(incident)).hasSize(1);
    clock.advance(Duration.ofMinutes(4)); // past P1's 3 minutes, not P2's 10
    escalation.sweep();
    assertThat(tasksOf(incident)).hasSize(1);
    clock.advance(Duration.ofMinutes(6).plusSeconds(1));
    escalation.sweep();
    JsonNode tasks = tasksOf(incident);
    assertThat(tasks).hasSize(2);
    assertThat(tasks.get(1).get("username").asText()).isEqualTo(p + "b");
  }

  @Test
  void escalation_reassignedRound_keepsTheRoundsClock() throws Exception {
    team(grid1, "a", "b");
    team(grid2, "c");
    long fire = fire(grid1);
    call("POST", "/api/v1/patrol/tasks/" + taskOf(fire, "b") + "/return", p + "b",
        "{\"reason\":\"off sick\"}", 200);
    clock.advance(Duration.ofMinutes(2));
    // a dispatcher hands the round to c of the next grid two minutes in: not a new clock
    call("POST", "/api/v1/patrol/dispatch", p + "disp", "{\"incidentId\":" + fire
        + ",\"username\":\"" + p + "c\"}", 200);
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    escalation.sweep();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM patrol_escalation WHERE incident_id = ?",
        Integer.class, fire)).isEqualTo(1);
    // accepted: the round's unaccepted tasks are withdrawn and nothing is due any more
    call("POST", "/api/v1/patrol/tasks/" + taskOf(fire, "c") + "/accept", p + "c", null, 200);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM patrol_task WHERE incident_id = ? "
        + "AND escalate_at IS NOT NULL", Integer.class, fire)).isZero();
  }

  @Test
  void escalation_olderRoundsNotDueOrExhausted_doNotHoldUpADueOne() throws Exception {
    // earlier than every other test's tasks, so only this test's rounds can be due here
    clock.set(at("2024-06-03T09:00"));
    team(grid1, "a");
    long exhausted = fire(grid1);
    // the first fire takes all its steps (nobody else is on duty, so each step only alerts)
    for (int step = 1; step <= config.maxEscalationSteps(); step++) {
      clock.advance(config.p1AcceptLimit());
      assertThat(escalation.sweep(1)).as("step " + step).isEqualTo(1);
    }
    clock.advance(Duration.ofSeconds(1));
    long p2 = call("POST", "/api/v1/incidents", p + "disp", "{\"category\":\"9205\","
        + "\"gridCode\":\"" + grid1 + "\"}", 201).get("id").asLong();
    call("POST", "/api/v1/incidents/" + p2 + "/verify", p + "disp", null, 200);
    call("POST", "/api/v1/incidents/" + p2 + "/register", p + "disp", null, 200);
    call("POST", "/api/v1/patrol/dispatch", p + "disp", "{\"incidentId\":" + p2 + "}", 200);
    clock.advance(Duration.ofSeconds(1));
    long fire = fire(grid1);
    clock.advance(config.p1AcceptLimit().plusSeconds(1));
    // oldest first are the exhausted fire and the P2 round (10 minutes, not due yet): with room
    // for one round, the sweep still takes the one that is due
    assertThat(escalation.sweep(1)).isEqualTo(1);
    String steps = "SELECT COUNT(*) FROM patrol_escalation WHERE incident_id = ?";
    assertThat(jdbc.queryForObject(steps, Integer.class, fire)).isEqualTo(1);
    assertThat(jdbc.queryForObject(steps, Integer.class, exhausted))
        .isEqualTo(config.maxEscalationSteps());
    assertThat(jdbc.queryForObject(steps, Integer.class, p2)).isZero();
    assertThat(escalation.sweep(1)).isZero();
  }

  /** Runs the tasks at once on threads of their own; fails if one throws. */
  static void concurrently(Runnable... tasks) throws Exception {
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(tasks.length);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (Runnable t : tasks) {
      Thread th = new Thread(() -> {
        try {
          start.await(10, java.util.concurrent.TimeUnit.SECONDS);
          t.run();
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join(60_000);
    }
    assertThat(failures).isEmpty();
  }

  /** A 1×1 PNG. */
  /** {@code size} bytes that sniff as JPEG (SOI + a marker). */
  static byte[] jpeg(int size) {
    byte[] b = new byte[size];
    b[0] = (byte) 0xFF;
    b[1] = (byte) 0xD8;
    b[2] = (byte) 0xFF;
    return b;
  }

  static byte[] png() {
    return java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAA"
        + "DUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
  }
}
