package org.gridguard.hub.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The patrol phone page's task endpoints ({@code /patrol/api/tasks}, {@link PhoneTaskController})
 * against a real hub: a member sees only their own tasks, dispatchers and grid members are
 * refused, and every action sent twice with the same {@code Idempotency-Key} — one after the
 * other, or both at once — is done once, the repeat answered with the task as it is and
 * {@code Idempotent-Replayed: true}; a refusal (409) leaves nothing behind, so it stays a refusal.
 * The subclass picks the database (the key is a primary key: PostgreSQL's aborted-transaction
 * rules matter for the concurrent case).
 */
abstract class PhoneTaskContract {
  private static final AtomicInteger VILLAGES = new AtomicInteger();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String API = "/patrol/api/tasks";

  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired GridImporter gridImporter;
  @Autowired JdbcTemplate jdbc;

  final ObjectMapper json = new ObjectMapper();
  final Map<String, String> bearers = new HashMap<>();
  TestUsers testUsers;
  String grid;
  String p;

  @BeforeEach
  void world() {
    int k = VILLAGES.incrementAndGet();
    String village = "330102003" + String.format("%03d", k);
    grid = village + "001";
    p = "ph" + k + "-";
    testUsers = new TestUsers(users, tokens, encoder, gridImporter);
    testUsers.gridsExist(grid);
    GridScope scope = GridScope.of(Set.of(village));
    testUsers.create(p + "disp", scope, Role.DISPATCHER);
    testUsers.create(p + "member", scope, Role.GRID_MEMBER);
    testUsers.create(p + "a", scope, Role.PATROL);
    testUsers.create(p + "b", scope, Role.PATROL);
    testUsers.create(p + "outsider", GridScope.of(Set.of("330102003999")), Role.PATROL);
  }

  // --- tests -----------------------------------------------------------------------------------

  @Test
  void board_memberSeesOnlyOwnTasks_othersRefusedOrEmpty() throws Exception {
    team("a", "b");
    long incident = fire();
    Response board = send("GET", API, "a", null, null);
    assertThat(board.status()).as(board.body()).isEqualTo(200);
    JsonNode tasks = board.json().get("tasks");
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).get("username").asText()).isEqualTo(p + "a");
    assertThat(tasks.get(0).get("incidentId").asLong()).isEqualTo(incident);
    assertThat(board.json().get("head").asLong()).as("the feed sequence the list was read at")
        .isPositive();
    assertThat(board.headers().firstValue("X-CSRF-TOKEN")).as("the session's CSRF token")
        .isPresent();
    long bTask = send("GET", API, "b", null, null).json().get("tasks").get(0).get("id").asLong();
    // someone else's task is absent, to read and to act on
    assertThat(send("GET", API + "/" + bTask, "a", null, null).status()).isEqualTo(404);
    assertThat(send("POST", API + "/" + bTask + "/accept", "a", key(), null).status())
        .isEqualTo(404);
    assertThat(send("GET", API, "outsider", null, null).json().get("tasks")).isEmpty();
    // dispatchers and grid members have no tasks: refused, as on the REST API
    assertThat(send("GET", API, "disp", null, null).status()).isEqualTo(403);
    assertThat(send("GET", API, "member", null, null).status()).isEqualTo(403);
    assertThat(send("POST", API + "/" + bTask + "/accept", "disp", key(), null).status())
        .isEqualTo(403);
  }

  @Test
  void actions_sentTwiceWithOneKey_doneOnceRepeatReplayed() throws Exception {
    team("a");
    long incident = fire();
    long task = onlyTask("a");
    String deliveredKey = "delivered-" + task;
    assertThat(send("POST", API + "/" + task + "/delivered", "a", deliveredKey, null).status())
        .isEqualTo(200);
    assertThat(send("POST", API + "/" + task + "/delivered", "a", deliveredKey, null)
        .replayed()).isTrue();

    String accept = key();
    Response first = send("POST", API + "/" + task + "/accept", "a", accept, null);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.replayed()).isFalse();
    Response again = send("POST", API + "/" + task + "/accept", "a", accept, null);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.replayed()).isTrue();
    assertThat(again.json().get("state").asText()).isEqualTo("ACCEPTED");

    String note = key();
    for (int i = 0; i < 3; i++) {
      assertThat(send("POST", API + "/" + task + "/notes", "a", note, "{\"text\":\"门已关好\"}")
          .status()).isIn(200, 201);
    }
    String photo = key();
    assertThat(upload(task, "a", photo).status()).isEqualTo(201);
    Response photoAgain = upload(task, "a", photo);
    assertThat(photoAgain.status()).as(photoAgain.body()).isEqualTo(200);
    assertThat(photoAgain.replayed()).isTrue();

    String resolve = key();
    assertThat(send("POST", API + "/" + task + "/resolve", "a", resolve,
        "{\"note\":\"门禁复位\"}").status()).isEqualTo(200);
    Response resolvedAgain = send("POST", API + "/" + task + "/resolve", "a", resolve,
        "{\"note\":\"门禁复位\"}");
    assertThat(resolvedAgain.status()).as("a resend after the task is RESOLVED is no 409: "
        + resolvedAgain.body()).isEqualTo(200);
    assertThat(resolvedAgain.replayed()).isTrue();

    JsonNode done = send("GET", API + "/" + task, "a", null, null).json();
    assertThat(done.get("state").asText()).isEqualTo("RESOLVED");
    assertThat(done.get("notes")).hasSize(1);
    assertThat(done.get("photos")).hasSize(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? "
        + "AND action = 'RESOLVE'", Integer.class, incident)).as("the incident resolved once")
        .isEqualTo(1);
    // one key is one action: reused for another, it is refused saying so
    Response reused = send("POST", API + "/" + task + "/notes", "a", resolve, "{\"text\":\"x\"}");
    assertThat(reused.status()).isEqualTo(409);
    assertThat(reused.body()).contains("already used for 'resolve'");
  }

  @Test
  void actions_sameKeyAtOnce_oneNoteBothAnsweredOk() throws Exception {
    team("a");
    fire();
    long task = onlyTask("a");
    send("POST", API + "/" + task + "/accept", "a", key(), null);
    for (int round = 0; round < 5; round++) {
      String note = key();
      List<Callable<Response>> both = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        both.add(() -> send("POST", API + "/" + task + "/notes", "a", note,
            "{\"text\":\"round " + note + "\"}"));
      }
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Response> answers = new ArrayList<>();
        for (Future<Response> f : pool.invokeAll(both)) {
          answers.add(f.get(30, TimeUnit.SECONDS));
        }
        assertThat(answers).extracting(Response::status).as(answers.toString())
            .allMatch(s -> s == 200 || s == 201);
        assertThat(answers).filteredOn(Response::replayed).hasSize(1);
      } finally {
        pool.shutdownNow();
      }
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM patrol_task_note WHERE task_id = ? "
          + "AND text = ?", Integer.class, task, "round " + note)).isEqualTo(1);
    }
  }

  @Test
  void actions_refusedBecauseWithdrawn_409AndStill409WhenResent() throws Exception {
    team("a", "b");
    fire();
    long aTask = onlyTask("a");
    long bTask = onlyTask("b");
    assertThat(send("POST", API + "/" + aTask + "/accept", "a", key(), null).status())
        .isEqualTo(200);
    String late = key();
    Response refused = send("POST", API + "/" + bTask + "/accept", "b", late, null);
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().get("detail").asText()).contains("WITHDRAWN");
    assertThat(send("POST", API + "/" + bTask + "/accept", "b", late, null).status())
        .as("a refusal is not remembered as done").isEqualTo(409);
  }

  @Test
  void actions_keyMissingOrMalformed_400NamingTheHeader() throws Exception {
    team("a");
    fire();
    long task = onlyTask("a");
    Response missing = send("POST", API + "/" + task + "/accept", "a", null, null);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("detail").asText()).contains("Idempotency-Key: required");
    Response bad = send("POST", API + "/" + task + "/accept", "a", "no spaces!", null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("detail").asText()).contains("Idempotency-Key").contains("8–64");
    assertThat(send("GET", API + "/" + task, "a", null, null).json().get("state").asText())
        .isEqualTo("NEW");
  }

  // --- helpers --------------------------------------------------------------------------------

  record Response(int status, String body, HttpResponse<String> raw) {
    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(body);
    }

    java.net.http.HttpHeaders headers() {
      return raw.headers();
    }

    boolean replayed() {
      return raw.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false);
    }

    @Override
    public String toString() {
      return status + " " + replayed() + " " + body;
    }
  }

  static String key() {
    return java.util.UUID.randomUUID().toString();
  }

  String bearer(String user) {
    return bearers.computeIfAbsent(p + user, testUsers::bearer);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  Response send(String method, String path, String user, String idempotencyKey, String body)
      throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri(path)).header("Authorization",
        bearer(user)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      r.header("Content-Type", "application/json");
    }
    if (idempotencyKey != null) {
      r.header("Idempotency-Key", idempotencyKey);
    }
    HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body(), response);
  }

  Response upload(long task, String user, String idempotencyKey) throws Exception {
    String boundary = "----gg" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; "
        + "filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    byte[] jpeg = new byte[4096];
    jpeg[0] = (byte) 0xFF;
    jpeg[1] = (byte) 0xD8;
    jpeg[2] = (byte) 0xFF;
    jpeg[3] = (byte) 0xE0;
    body.write(jpeg);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest r = HttpRequest.newBuilder(uri(API + "/" + task + "/photos"))
        .header("Authorization", bearer(user)).header("Idempotency-Key", idempotencyKey)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    HttpResponse<String> response = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body(), response);
  }

  /** A team of the grid whose members are on duty all week round (through the REST API). */
  void team(String... members) throws Exception {
    long id = send("POST", "/api/v1/patrol/teams", "disp", null, "{\"name\":\"team " + grid
        + "\",\"gridCode\":\"" + grid + "\"}").json().get("id").asLong();
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
    assertThat(send("PUT", "/api/v1/patrol/teams/" + id + "/members", "disp", null,
        "{\"usernames\":[" + String.join(",", names) + "]}").status()).isEqualTo(200);
    assertThat(send("PUT", "/api/v1/patrol/teams/" + id + "/roster", "disp", null,
        "{\"shifts\":[" + shifts + "]}").status()).isEqualTo(200);
  }

  /** A P1 fire in the grid: the fast path dispatches it to the on-duty members at once. */
  long fire() throws Exception {
    Response r = send("POST", "/api/v1/incidents", "disp", null, "{\"category\":\"9101\","
        + "\"gridCode\":\"" + grid + "\",\"lat\":30.05,\"lon\":120.05}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  long onlyTask(String member) throws Exception {
    JsonNode tasks = send("GET", API, member, null, null).json().get("tasks");
    assertThat(tasks).as("tasks of " + member).hasSize(1);
    return tasks.get(0).get("id").asLong();
  }
}
