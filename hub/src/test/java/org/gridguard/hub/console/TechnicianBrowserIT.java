package org.gridguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.gridguard.hub.grid.GridImporter;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.Role;
import org.gridguard.hub.security.TestUsers;
import org.gridguard.hub.security.TokenService;
import org.gridguard.hub.security.UserRepository;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The technician's screens in real Chromium against a hub on a random port: sign in, register a
 * gateway and see its one-time code with the {@code --enrol} line, add a camera and a door, import
 * a CSV file with a bad row and read the per-row report, open a device with its chart, health and
 * maintenance orders, switch the language — then every screen again on a 360 px phone without
 * horizontal overflow, the main action reachable by keyboard, and no JavaScript console errors.
 * Screenshots go to {@code target/screenshots/tech-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TechnicianBrowserIT {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  static final String VILLAGE_A = "330102001001";
  static final String GRID_A = "330102001001001";
  static final String GRID_B = "330102002001001";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-tech-browser");
    HubTestProperties.localHub(registry, influxd, "gg_tech_browser", dir);
  }

  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired GridImporter grids;

  static Browser laptop;
  static Browser phone;

  @AfterAll
  static void closeBrowsers() {
    if (laptop != null) {
      laptop.close();
    }
    if (phone != null) {
      phone.close();
    }
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  @Test
  void technician_registersEnrolsAddsDevicesImportsAndChecksHealth() throws Exception {
    TestUsers test = new TestUsers(users, tokens, encoder, grids);
    test.gridsExist(GRID_A, GRID_B);
    test.create("field-tech", GridScope.of(Set.of(VILLAGE_A)), Role.TECHNICIAN);
    laptop = new Browser("tech", base(), 1280, 900);
    phone = new Browser("tech-phone", base(), 360, 740);
    try {
      laptop();
      phone();
    } catch (Throwable t) {
      laptop.screenshot("FAILED");
      phone.screenshot("FAILED");
      System.err.println("technician page at failure: " + laptop.driver.getCurrentUrl() + "\n"
          + laptop.driver.getPageSource());
      throw t;
    }
    assertThat(laptop.collectErrors()).as("JavaScript console errors").isEmpty();
    assertThat(phone.collectErrors()).as("JavaScript console errors on the phone").isEmpty();
  }

  private void laptop() throws Exception {
    laptop.signIn("field-tech", TestUsers.PASSWORD);
    laptop.waitFor("#gateway-create");
    assertThat(laptop.driver.getCurrentUrl()).endsWith("/console/gateways");
    laptop.screenshot("gateways-empty");

    // --- register a gateway: the code is shown once, with the exact enrol line and its expiry
    laptop.find("#new-gateway-id").sendKeys("village-0421");
    laptop.find("#new-gateway-grid").sendKeys(GRID_A);
    laptop.find("#gateway-create-submit").click();
    String code = laptop.waitFor("#enrol-code").getText();
    assertThat(code).matches("[A-Z2-9]{10}");
    assertThat(laptop.find("#enrol-command").getText()).isEqualTo(
        "java -jar gridguard-edge-agent.jar --enrol " + base() + " " + code);
    assertThat(laptop.find("#enrol-expires").getText()).isNotBlank();
    laptop.screenshot("enrolment-code");

    // --- a camera: the credentials go in and never come back
    laptop.find("#to-gateway").click();
    laptop.waitFor("#add-camera").click();
    laptop.waitFor("#deviceId").sendKeys("cam-1");
    laptop.find("#name").sendKeys("东门摄像机");
    laptop.find("#streamUrl").sendKeys("rtsp://192.0.2.7:554/stream1");
    laptop.find("#streamUsername").sendKeys("admin");
    laptop.find("#streamPassword").sendKeys("s3cret-Pa55");
    assertThat(laptop.find("#camera-preview").getText()).containsAnyOf("立即抓拍", "Snapshot now");
    laptop.screenshot("camera-form");
    laptop.find("#device-save").click();
    laptop.waitFor("#device-cam-1");
    assertThat(laptop.find("#device-added").isDisplayed()).isTrue();
    assertThat(laptop.driver.getPageSource()).doesNotContain("s3cret-Pa55");

    // --- a door with two channels
    laptop.find("#add-door").click();
    laptop.waitFor("#deviceId").sendKeys("door-1");
    laptop.find("#channels").sendKeys("1 东门\n2 西门");
    laptop.find("#doorHeldOpen").sendKeys("2m");
    laptop.screenshot("door-form");
    laptop.find("#device-save").click();
    laptop.waitFor("#device-door-1");
    laptop.screenshot("gateway-devices");

    // --- CSV import with a bad row: progress, then the per-row report
    laptop.find("#import-csv").click();
    Path csv = Files.createTempFile("gg-devices-", ".csv");
    Files.writeString(csv, "deviceId,kind,name,gridCode\r\n"
        + "door-2,DOOR,北门,\r\n"
        + "door-3,DOOR,外村门," + GRID_B + "\r\n"
        + "wl-1,SENSOR,水位,\r\n", StandardCharsets.UTF_8);
    laptop.waitFor("#import-file").sendKeys(csv.toAbsolutePath().toString());
    laptop.find("#import-submit").click();
    laptop.waitFor("#import-report", Duration.ofSeconds(20));
    String report = laptop.find("#import-report").getText();
    assertThat(report).contains("gridCode").contains("settings.sensor_type");
    assertThat(laptop.find("#import-problems").getText()).contains("2");
    laptop.screenshot("import-report");
    // the corrected file goes through
    Files.writeString(csv, "deviceId,kind,name\r\ndoor-2,DOOR,北门\r\n", StandardCharsets.UTF_8);
    laptop.find("#import-file").sendKeys(csv.toAbsolutePath().toString());
    laptop.find("#import-submit").click();
    laptop.waitFor("#import-done", Duration.ofSeconds(20));
    laptop.screenshot("import-done");
    Files.delete(csv);

    // --- a device's page: health, history and the chart island (no data yet: says so)
    laptop.find("#import-back").click();
    laptop.waitFor("#device-door-2");
    laptop.find("#device-door-1 a").click();
    laptop.waitFor("#device-chart[data-ready=true]", Duration.ofSeconds(10));
    assertThat(laptop.find("#chart-status").getText()).isNotBlank();
    laptop.find("#range-week").click();
    laptop.waitFor("#device-chart[data-ready=true]", Duration.ofSeconds(10));
    assertThat(laptop.find("#range-week").getAttribute("aria-pressed")).isEqualTo("true");
    laptop.screenshot("device-chart");

    // --- health and maintenance orders through the menu
    laptop.find("nav a[href='/console/health']").click();
    laptop.waitFor("#health-list");
    laptop.screenshot("health");
    laptop.find("nav a[href='/console/orders']").click();
    laptop.waitFor("#order-list");
    laptop.screenshot("orders");

    // --- language switch
    laptop.find("#lang-en").click();
    laptop.waitForText("h1", "Maintenance orders", Duration.ofSeconds(10));
    laptop.find("nav a[href='/console/gateways']").click();
    laptop.waitForText("h1", "Gateways", Duration.ofSeconds(10));
    assertThat(laptop.find("#gateway-village-0421").getText()).contains("village-0421");
    laptop.screenshot("gateways-en");
    laptop.find("#lang-zh").click();
    laptop.waitForText("h1", "网关", Duration.ofSeconds(10));
  }

  private void phone() {
    phone.signIn("field-tech", TestUsers.PASSWORD);
    phone.waitFor("#gateway-create");
    phone.assertNoOverflow("gateways");
    phone.screenshot("gateways");
    // the main action is reachable by keyboard alone
    phone.find("#new-gateway-id").click();
    boolean reached = false;
    for (int i = 0; i < 10 && !reached; i++) {
      phone.driver.switchTo().activeElement().sendKeys(Keys.TAB);
      reached = "gateway-create-submit".equals(phone.js("return document.activeElement.id;"));
    }
    assertThat(reached).as("Tab reaches the register button").isTrue();
    String[][] screens = {
        {"/console/gateways/village-0421", "#device-list", "gateway"},
        {"/console/gateways/village-0421/devices/new?kind=CAMERA", "#camera-fields", "camera-form"},
        {"/console/gateways/village-0421/devices/new?kind=SENSOR", "#sensor-fields", "sensor-form"},
        {"/console/gateways/village-0421/import", "#import-form", "import"},
        {"/console/health", "#health-list", "health"},
        {"/console/orders", "#order-list", "orders"}};
    for (String[] s : screens) {
      phone.open(s[0]);
      phone.waitFor(s[1]);
      phone.assertNoOverflow(s[2]);
      phone.screenshot(s[2]);
    }
    phone.open("/console/gateways/village-0421");
    phone.waitFor("#device-list a").click();
    phone.waitFor("#device-chart[data-ready=true]", Duration.ofSeconds(10));
    phone.assertNoOverflow("device");
    phone.screenshot("device");
    // every form field on these screens has a label
    phone.open("/console/gateways/village-0421/devices/new?kind=DOOR");
    phone.waitFor("#door-fields");
    Object unlabelled = phone.js("return Array.from(document.querySelectorAll('input:not([type=hidden]),"
        + "select,textarea')).filter(function (e) { return !(e.labels && e.labels.length); })"
        + ".map(function (e) { return e.id || e.name; });");
    assertThat((java.util.List<?>) unlabelled).as("fields without a label").isEmpty();
  }
}
