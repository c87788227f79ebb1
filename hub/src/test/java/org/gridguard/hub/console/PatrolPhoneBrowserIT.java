package org.gridguard.hub.console;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.gridguard.hub.grid.GridImporter;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.Role;
import org.gridguard.hub.security.TestUsers;
import org.gridguard.hub.security.TokenService;
import org.gridguard.hub.security.UserRepository;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The patrol phone's task page in a real Chromium at 360×740: a task dispatched (a P1 report, the
 * fast path) appears live with the banner and is marked delivered; the member accepts; the network
 * goes (CDP offline), a note and the resolution are queued ("waiting to send (2)"), the page is
 * reloaded with no network and opens from the service worker's copy with the queue intact; the
 * network comes back and both are sent once (one note, one RESOLVE, the task RESOLVED on the
 * page). No JavaScript errors beyond the offline step's failed requests, no horizontal overflow;
 * screenshots in {@code target/screenshots/phone-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PatrolPhoneBrowserIT {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();
  static final String VILLAGE = "330102004001";
  static final String GRID = VILLAGE + "001";
  static final long LIVE_WITHIN_MS = 1500;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-phone-browser-it");
    HubTestProperties.localHub(registry, influxd, "gg_phone_browser", dir);
    registry.add("gridguard.incident.sweep-interval", () -> "1h");
    registry.add("gridguard.patrol.sweep-interval", () -> "1h");
    registry.add("gridguard.patrol.heartbeat", () -> "2s");
    registry.add("gridguard.patrol.photo-directory", () -> dir.resolve("photos").toString());
  }

  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired GridImporter gridImporter;
  @Autowired JdbcTemplate jdbc;
  final ObjectMapper json = new ObjectMapper();
  final Map<String, String> bearers = new java.util.HashMap<>();
  TestUsers testUsers;
  Browser phone;

  Relay relay;

  /** This test's screenshots of an earlier run (ConsoleBrowserIT clears only its own run's). */
  @org.junit.jupiter.api.BeforeAll
  static void cleanScreenshots() throws Exception {
    if (Files.isDirectory(Browser.SCREENSHOTS)) {
      try (var old = Files.list(Browser.SCREENSHOTS)) {
        for (Path p : old.filter(p -> p.getFileName().toString().startsWith("phone-")).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @AfterEach
  void close() throws Exception {
    if (phone != null) {
      phone.close();
    }
    if (relay != null) {
      relay.close();
    }
  }

  @Test
  void task_liveAcceptThenOfflineNoteAndResolve_sentOnceWhenBack() throws Exception {
    testUsers = new TestUsers(users, tokens, encoder, gridImporter);
    testUsers.gridsExist(GRID);
    testUsers.create("pp-disp", GridScope.of(Set.of(VILLAGE)), Role.DISPATCHER);
    testUsers.create("pp-a", GridScope.of(Set.of(VILLAGE)), Role.PATROL);
    team("pp-a");
    relay = new Relay(port);
    phone = new Browser("phone", "http://127.0.0.1:" + relay.port(), 360, 740);
    try {
      walk();
    } catch (Throwable t) {
      phone.screenshot("FAILED");
      System.err.println("phone page at failure: " + phone.driver.getCurrentUrl() + "\n"
          + phone.driver.getPageSource());
      throw t;
    }
  }

  private void walk() throws Exception {
    // --- the member signs in on the phone and waits, the feed connected, the page kept offline
    phone.signIn("pp-a", TestUsers.PASSWORD, true);
    phone.waitFor("#phone");
    phone.waitFor("#no-my-tasks");
    phone.waitFor("#phone-live[data-state=on]");
    phone.find("h1").click(); // the first tap: allows the alert sound
    until("the service worker controls the page", () -> Boolean.TRUE.equals(phone.js(
        "return !!navigator.serviceWorker.controller;")));
    phone.waitFor("#phone[data-offline-ready=true]");
    phone.assertNoOverflow("phone tasks empty");
    phone.screenshot("tasks-empty");

    // --- a P1 fire is reported: the fast path dispatches it to the member, live, with the banner
    long incident = call("POST", "/api/v1/incidents", "pp-disp", "{\"category\":\"9101\","
        + "\"gridCode\":\"" + GRID + "\",\"lat\":30.2741,\"lon\":120.1551,\"title\":\"3 号楼冒烟\"}",
        201).get("id").asLong();
    long committed = System.nanoTime();
    phone.waitFor("#task-banner", Duration.ofSeconds(5));
    long millis = (System.nanoTime() - committed) / 1_000_000;
    long task = call("GET", "/api/v1/patrol/tasks", "pp-a", null, 200).get(0).get("id").asLong();
    phone.waitFor("#ptask-" + task);
    System.out.println("phone: new task on the page " + millis + " ms after commit");
    assertThat(millis).as("ms from commit until the banner").isLessThan(LIVE_WITHIN_MS);
    until("the phone's receipt is recorded", () -> state(task).equals("DELIVERED"));
    // the grid list's incident banner does not ring a second time for the dispatch I hold
    assertThat(phone.find("#new-banner").isDisplayed()).as("the incident banner besides the task "
        + "banner; hasTaskFor=" + phone.js("return window.GG.hasTaskFor(arguments[0]);", incident)
        + " tasks=" + phone.js("return JSON.stringify(localStorage);")).isFalse();
    phone.assertNoOverflow("phone new task");
    phone.screenshot("task-new");

    // --- opens it: map, navigation link; accepts (签收)
    phone.find("#task-banner").click();
    phone.waitFor("#task-map[data-ready=true]");
    assertThat(phone.find("#task-navigate").getAttribute("href")).startsWith("geo:30.2741,120.1551");
    assertThat(phone.find("#task-map").getAttribute("aria-label")).isNotBlank();
    phone.find("#do-accept").click();
    phone.waitFor("#phone-detail[data-state=ACCEPTED]");
    until("the accept reached the hub", () -> state(task).equals("ACCEPTED"));
    until("nothing waits", () -> !phone.find("#queue-status").isDisplayed());
    phone.assertNoOverflow("phone task accepted");
    phone.screenshot("task-accepted");

    // --- a photo from the camera: downscaled on the phone to at most 1600 px, uploaded
    Path shot = Files.createTempFile("gg-phone-photo", ".jpg");
    java.awt.image.BufferedImage big = new java.awt.image.BufferedImage(3200, 2400,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = big.createGraphics();
    g.setColor(java.awt.Color.ORANGE);
    g.fillRect(400, 300, 2000, 1500);
    g.dispose();
    javax.imageio.ImageIO.write(big, "jpg", shot.toFile());
    phone.find("#do-photo-file").sendKeys(shot.toAbsolutePath().toString());
    until("the photo reached the hub", () -> photos(task).size() == 1);
    JsonNode stored = photos(task).get(0);
    java.awt.image.BufferedImage uploaded = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
        bytes("/api/v1/patrol/tasks/" + task + "/photos/" + stored.get("id").asLong())));
    assertThat(Math.max(uploaded.getWidth(), uploaded.getHeight())).as("downscaled on the phone")
        .isEqualTo(1600);
    assertThat(stored.get("contentType").asText()).isEqualTo("image/jpeg");
    phone.waitForText("#task-photos", "1", Duration.ofSeconds(5));

    // --- the network goes: a note and the resolution wait on the phone
    assertThat(phone.collectErrors()).as("JavaScript console errors while online").isEmpty();
    java.time.Instant cutAt = java.time.Instant.now();
    offline(true);
    phone.waitFor("#offline-banner");
    phone.find("#task-text").sendKeys("现场有烟，已疏散住户");
    phone.find("#do-note").click();
    phone.waitForText("#queue-status", "1", Duration.ofSeconds(5));
    phone.find("#task-text").sendKeys("烟为厨房油烟，已处理，无火情");
    phone.find("#do-resolve").click();
    phone.waitFor("#phone-detail[data-state=RESOLVED]");
    assertThat(phone.find("#queue-status").getAttribute("data-count")).isEqualTo("2");
    assertThat(phone.all("#task-notes .pending-item")).hasSize(2);
    phone.assertNoOverflow("phone offline queue");
    phone.screenshot("offline-queued");
    assertThat(state(task)).as("nothing reached the hub while offline").isEqualTo("ACCEPTED");

    // --- reloaded with no network: the service worker's copy opens, the queue is still there
    phone.driver.navigate().refresh();
    phone.waitFor("#offline-banner");
    assertThat(java.time.Instant.parse(phone.find("#phone").getAttribute("data-served-at")))
        .as("the page came from the phone's copy, made before the network was cut")
        .isBefore(cutAt);
    phone.waitFor("#phone-detail[data-state=RESOLVED]");
    assertThat(phone.find("#queue-status").getAttribute("data-count")).isEqualTo("2");
    phone.assertNoOverflow("phone offline reload");
    phone.screenshot("offline-reloaded");

    // --- back online: both are sent, in order, once
    offline(false);
    until("the queue is empty", () -> !phone.find("#queue-status").isDisplayed());
    until("the hub has the task resolved", () -> state(task).equals("RESOLVED"));
    JsonNode done = call("GET", "/api/v1/patrol/tasks/" + task, "pp-a", null, 200);
    assertThat(done.get("notes")).hasSize(1);
    assertThat(done.get("notes").get(0).get("text").asText()).isEqualTo("现场有烟，已疏散住户");
    assertThat(done.get("resolveNote").asText()).isEqualTo("烟为厨房油烟，已处理，无火情");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? "
        + "AND action = 'RESOLVE'", Integer.class, incident)).isEqualTo(1);
    assertThat(jdbc.queryForList("SELECT action FROM patrol_client_action WHERE username = ? "
        + "ORDER BY at", String.class, "pp-a")).as("each action sent (and done) once")
        .containsExactlyInAnyOrder("delivered", "accept", "photo", "note", "resolve");
    phone.waitFor("#phone-detail[data-state=RESOLVED]");
    phone.waitFor("#phone-live[data-state=on]");
    assertThat(phone.all("#task-notes .pending-item")).isEmpty();
    phone.screenshot("sent");
    phone.find("#phone-back").click();
    phone.waitFor("#ptask-" + task + "[data-state=RESOLVED]");
    phone.assertNoOverflow("phone list after");
    phone.screenshot("tasks-after");

    // only the offline step's failed requests (the network was cut on purpose)
    // (the console feed's htmx SSE extension logs its broken stream as an error Event)
    assertThat(phone.collectErrors("ERR_INTERNET_DISCONNECTED", "ERR_CONNECTION_REFUSED",
        "ERR_CONNECTION_RESET", "ERR_EMPTY_RESPONSE", "ERR_INCOMPLETE_CHUNKED_ENCODING",
        "Failed to fetch", "net::ERR_FAILED", "htmx.min.js"))
        .as("JavaScript console errors").isEmpty();
  }

  // --- helpers --------------------------------------------------------------------------------

  JsonNode photos(long task) {
    try {
      return call("GET", "/api/v1/patrol/tasks/" + task, "pp-a", null, 200).get("photos");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  byte[] bytes(String path) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", bearers.computeIfAbsent("pp-a", testUsers::bearer)).build();
    HttpResponse<byte[]> response = HTTP.send(r, HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /**
   * The phone loses (or regains) its network: CDP's offline emulation for the page (its
   * {@code offline} and {@code online} events, {@code navigator.onLine}) and the relay cut, because
   * the emulation does not reach the service worker's own requests (the worker would still fetch
   * the page from the hub and never use its copy).
   */
  void offline(boolean off) throws Exception {
    if (off) {
      relay.cut();
    } else {
      relay.resume();
    }
    phone.driver.executeCdpCommand("Network.enable", Map.of());
    phone.driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", off,
        "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
  }

  void until(String what, BooleanSupplier condition) {
    new WebDriverWait(phone.driver, Duration.ofSeconds(10), Duration.ofMillis(100))
        .withMessage(what).until(d -> condition.getAsBoolean());
  }

  String state(long task) {
    try {
      return call("GET", "/api/v1/patrol/tasks/" + task, "pp-a", null, 200).get("state").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  JsonNode call(String method, String path, String user, String body, int status)
      throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", bearers.computeIfAbsent(user, testUsers::bearer)).method(method, body == null
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      r.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body())
        .isEqualTo(status);
    return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
  }

  /** A team of the grid with these members on duty all week round. */
  void team(String... members) throws Exception {
    long id = call("POST", "/api/v1/patrol/teams", "pp-disp", "{\"name\":\"team\",\"gridCode\":\""
        + GRID + "\"}", 201).get("id").asLong();
    List<String> names = new ArrayList<>();
    StringBuilder shifts = new StringBuilder();
    for (String m : members) {
      names.add("\"" + m + "\"");
      for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY",
          "SATURDAY", "SUNDAY")) {
        shifts.append(shifts.isEmpty() ? "" : ",").append("{\"username\":\"").append(m)
            .append("\",\"day\":\"").append(day).append("\",\"start\":\"00:00\",\"end\":\"00:00\"}");
      }
    }
    call("PUT", "/api/v1/patrol/teams/" + id + "/members", "pp-disp", "{\"usernames\":["
        + String.join(",", names) + "]}", 200);
    call("PUT", "/api/v1/patrol/teams/" + id + "/roster", "pp-disp", "{\"shifts\":[" + shifts
        + "]}", 200);
  }

  /**
   * A TCP relay between the browser and the hub that the test can cut: every open connection is
   * closed and new ones are refused until {@link #resume}, on the same port (the page's origin).
   */
  static final class Relay implements AutoCloseable {
    private final int target;
    private final int port;
    private final List<java.net.Socket> open = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile java.net.ServerSocket server;

    Relay(int target) throws Exception {
      this.target = target;
      this.port = listen(0);
    }

    int port() {
      return port;
    }

    private int listen(int at) throws Exception {
      java.net.ServerSocket s = new java.net.ServerSocket();
      s.setReuseAddress(true);
      s.bind(new java.net.InetSocketAddress("127.0.0.1", at));
      server = s;
      Thread accept = new Thread(() -> {
        while (!s.isClosed()) {
          try {
            java.net.Socket browser = s.accept();
            java.net.Socket hub = new java.net.Socket("127.0.0.1", target);
            open.add(browser);
            open.add(hub);
            pipe(browser, hub);
            pipe(hub, browser);
          } catch (java.io.IOException e) {
            return; // cut or closed
          }
        }
      }, "relay-accept");
      accept.setDaemon(true);
      accept.start();
      return s.getLocalPort();
    }

    private void pipe(java.net.Socket from, java.net.Socket to) {
      Thread t = new Thread(() -> {
        byte[] buffer = new byte[16 * 1024];
        try (var in = from.getInputStream(); var out = to.getOutputStream()) {
          int n;
          while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            out.flush();
          }
        } catch (java.io.IOException e) {
          // one side closed: close both below
        } finally {
          quietly(from);
          quietly(to);
        }
      }, "relay-pipe");
      t.setDaemon(true);
      t.start();
    }

    void cut() throws Exception {
      server.close();
      open.forEach(Relay::quietly);
      open.clear();
    }

    void resume() throws Exception {
      listen(port);
    }

    private static void quietly(java.net.Socket s) {
      try {
        s.close();
      } catch (java.io.IOException ignored) {
        // closing anyway
      }
    }

    @Override
    public void close() throws Exception {
      cut();
    }
  }
}
