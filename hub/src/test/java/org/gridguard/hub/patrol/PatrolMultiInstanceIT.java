package org.gridguard.hub.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.gridguard.hub.HubApplication;
import org.gridguard.hub.grid.GridImporter;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.Role;
import org.gridguard.hub.security.TestUsers;
import org.gridguard.hub.security.TokenService;
import org.gridguard.hub.security.UserRepository;
import org.gridguard.testkit.InfluxDbServer;
import org.gridguard.testkit.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Two hub instances on one PostgreSQL: a patrol whose phone moves from instance A to instance B
 * gets what it missed, in order, once; B learns of A's commits by LISTEN/NOTIFY alone (its
 * safety poll is set to an hour here), also after its LISTEN connection was broken.
 */
class PatrolMultiInstanceIT {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();
  static final Duration WAIT = Duration.ofSeconds(10);
  static final String VILLAGE = "330102001001";
  static final String GRID = VILLAGE + "001";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  static ConfigurableApplicationContext a;
  static ConfigurableApplicationContext b;
  static TestUsers users;

  static ConfigurableApplicationContext hub(String name) throws Exception {
    Path dir = Files.createTempDirectory("gg-patrol-multi-" + name);
    return new SpringApplicationBuilder(HubApplication.class).run(
        "--spring.datasource.url=" + postgres.jdbcUrl(),
        "--spring.datasource.username=" + postgres.username(),
        "--spring.datasource.password=" + postgres.password(),
        "--server.port=0",
        "--gridguard.influx.url=" + influxd.url(),
        "--gridguard.influx.database=gg_patrol_multi",
        "--gridguard.ingest.host=127.0.0.1",
        "--gridguard.ingest.port=0",
        "--gridguard.evidence.directory=" + dir.resolve("evidence"),
        "--gridguard.security.bootstrap-password-file=" + dir.resolve("bootstrap"),
        "--gridguard.incident.sweep-interval=1h",
        "--gridguard.patrol.sweep-interval=1h",
        "--gridguard.patrol.safety-poll-interval=1h",
        "--gridguard.patrol.photo-directory=" + dir.resolve("photos"));
  }

  @BeforeAll
  static void hubs() throws Exception {
    a = hub("a");
    b = hub("b");
    users = new TestUsers(a.getBean(UserRepository.class), a.getBean(TokenService.class),
        a.getBean(PasswordEncoder.class), a.getBean(GridImporter.class));
    users.gridsExist(GRID);
    users.create("m-disp", GridScope.of(Set.of(VILLAGE)), Role.DISPATCHER);
    users.create("m-a", GridScope.of(Set.of(VILLAGE)), Role.PATROL);
    users.create("m-b", GridScope.of(Set.of(VILLAGE)), Role.PATROL);
    users.create("m-c", GridScope.of(Set.of(VILLAGE)), Role.PATROL);
    users.create("m-d", GridScope.of(Set.of(VILLAGE)), Role.PATROL);
  }

  @AfterAll
  static void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  static URI uri(ConfigurableApplicationContext hub, String path) {
    int port = ((ServletWebServerApplicationContext) hub).getWebServer().getPort();
    return URI.create("http://127.0.0.1:" + port + path);
  }

  static JsonNode call(ConfigurableApplicationContext hub, String method, String path,
      String user, String body, int status) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri(hub, path)).header("Authorization",
        users.bearer(user)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      r.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body())
        .isEqualTo(status);
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  static long fire(ConfigurableApplicationContext hub) throws Exception {
    return call(hub, "POST", "/api/v1/incidents", "m-disp", "{\"category\":\"9101\","
        + "\"gridCode\":\"" + GRID + "\"}", 201).get("id").asLong();
  }

  static void team(String... members) throws Exception {
    long team = call(a, "POST", "/api/v1/patrol/teams", "m-disp", "{\"name\":\"team "
        + members[0] + "\",\"gridCode\":\"" + GRID + "\"}", 201).get("id").asLong();
    call(a, "PUT", "/api/v1/patrol/teams/" + team + "/members", "m-disp", "{\"usernames\":[\""
        + String.join("\",\"", members) + "\"]}", 200);
    StringBuilder shifts = new StringBuilder();
    for (String member : members) {
      for (int day = 1; day <= 7; day++) {
        shifts.append(shifts.length() == 0 ? "" : ",").append("{\"username\":\"").append(member)
            .append("\",\"day\":\"").append(day)
            .append("\",\"start\":\"00:00\",\"end\":\"00:00\"}");
      }
    }
    call(a, "PUT", "/api/v1/patrol/teams/" + team + "/roster", "m-disp", "{\"shifts\":["
        + shifts + "]}", 200);
  }

  static SseClient feed(ConfigurableApplicationContext hub, String user, String query,
      Long lastEventId) throws Exception {
    SseClient c = SseClient.connect(uri(hub, "/api/v1/patrol/feed" + query), users.bearer(user),
        lastEventId);
    assertThat(c.status()).as(c.errorBody()).isEqualTo(200);
    return c;
  }

  static long incidentOf(SseClient.Event e) throws Exception {
    return JSON.readTree(e.data()).get("incidentId").asLong();
  }

  @Test
  void feed_reconnectToTheOtherInstance_getsTheMissedChangesInOrderOnceThenLive()
      throws Exception {
    team("m-a");
    long seen;
    try (SseClient onA = feed(a, "m-a", "?after=0", null)) {
      long first = fire(a);
      SseClient.Event e = onA.next(WAIT);
      assertThat(incidentOf(e)).isEqualTo(first);
      seen = e.id();
    }
    long second = fire(b);
    call(a, "POST", "/api/v1/incidents/" + second + "/void", "m-disp", "{\"note\":\"test\"}", 200);
    long third = fire(b);
    try (SseClient onB = feed(b, "m-a", "", seen)) {
      List<SseClient.Event> missed = onB.await(3, WAIT);
      assertThat(missed).extracting(SseClient.Event::id)
          .containsExactly(seen + 1, seen + 2, seen + 3);
      assertThat(incidentOf(missed.get(0))).isEqualTo(second);
      assertThat(JSON.readTree(missed.get(1).data()).get("change").asText())
          .isEqualTo("withdrawn");
      assertThat(incidentOf(missed.get(2))).isEqualTo(third);
      // live from A to the phone on B: only NOTIFY can wake B (its poll is an hour)
      long started = System.nanoTime();
      long fourth = fire(a);
      SseClient.Event live = onB.next(Duration.ofSeconds(5));
      assertThat(live.id()).isEqualTo(seen + 4);
      assertThat(incidentOf(live)).isEqualTo(fourth);
      assertThat(Duration.ofNanos(live.receivedNanos() - started)).isLessThan(
          Duration.ofSeconds(2));
      assertThat(onB.pending()).isEmpty();
    }
  }

  @Test
  void listener_connectionBroken_reconnectsAndDeliversWhatCameMeanwhile() throws Exception {
    team("m-b");
    PostgresFeedListener listener = b.getBean(PostgresFeedListener.class);
    try (SseClient onB = feed(b, "m-b", "", null)) {
      listener.breakConnection();
      long meanwhile = fire(a);
      SseClient.Event e = onB.next(WAIT);
      assertThat(incidentOf(e)).isEqualTo(meanwhile);
      org.awaitility.Awaitility.await("LISTEN connection back").atMost(WAIT)
          .pollInterval(Duration.ofMillis(20)).until(listener::connected);
      long after = fire(a);
      assertThat(incidentOf(onB.next(WAIT))).isEqualTo(after);
    }
  }

  @Test
  void notify_oneDispatchToTwoMembers_bothStreamsOnTheOtherInstanceWake() throws Exception {
    team("m-c", "m-d");
    try (SseClient c = feed(b, "m-c", "", null); SseClient d = feed(b, "m-d", "", null)) {
      long started = System.nanoTime();
      long fire = fire(a);
      // one transaction, one NOTIFY naming both; B's poll is an hour, so only it can wake them
      assertThat(incidentOf(c.next(Duration.ofSeconds(5)))).isEqualTo(fire);
      assertThat(incidentOf(d.next(Duration.ofSeconds(5)))).isEqualTo(fire);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(
          Duration.ofSeconds(3));
    }
  }
}
