package org.gridguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driven through Debian's chromedriver by path, so Selenium Manager
 * never runs (and {@code SE_OFFLINE} is set as a second guard): a fresh profile per browser,
 * background networking off, browser console collected for the no-JS-errors check, screenshots
 * into {@code target/screenshots/}. Fails naming the Debian package when a binary is missing.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;
  private final String name;
  private final String base;
  private final Path profile;
  private final List<String> consoleErrors = new ArrayList<>();
  private int shots;

  /**
   * @param name prefix of this browser's screenshots
   * @param base the hub's URL, {@code http://127.0.0.1:<port>}
   */
  Browser(String name, String base, int width, int height) {
    requirePackage(CHROMIUM, "chromium");
    requirePackage(CHROMEDRIVER, "chromium-driver");
    System.setProperty("SE_OFFLINE", "true");
    this.name = name;
    this.base = base;
    try {
      this.profile = Files.createTempDirectory("gg-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--no-default-browser-check", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--disable-default-apps", "--disable-client-side-phishing-detection",
        "--metrics-recording-only", "--safebrowsing-disable-auto-update",
        "--disable-dev-shm-usage", "--autoplay-policy=user-gesture-required",
        "--window-size=" + width + "," + height, "--user-data-dir=" + profile,
        "--lang=zh-CN");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    // the viewport, not the window, is what a phone has: set it exactly through CDP
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
        "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
  }

  private static void requirePackage(Path binary, String debianPackage) {
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(binary + " is missing: install the Debian package '"
          + debianPackage + "' (apt-get install chromium chromium-driver, or "
          + "deploy/install-deps.sh)");
    }
  }

  void open(String path) {
    driver.get(base + path);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  WebElement waitFor(String css, Duration within) {
    return new WebDriverWait(driver, within, Duration.ofMillis(50)).until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  WebElement waitFor(String css) {
    return waitFor(css, Duration.ofSeconds(10));
  }

  void waitForText(String css, String text, Duration within) {
    new WebDriverWait(driver, within).until(
        ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  void signIn(String username, String password) {
    signIn(username, password, false);
  }

  /** @param stay ticks "stay signed in on this device" */
  void signIn(String username, String password, boolean stay) {
    open("/login");
    waitFor("#username").sendKeys(username);
    find("#password").sendKeys(password);
    if (stay) {
      find("#remember-me").click();
    }
    find("#sign-in").click();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(
        d -> !d.getCurrentUrl().contains("/login"));
  }

  void signOut() {
    find("#sign-out").click();
    waitFor("#login-form");
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** The page's width beyond the viewport (0 = no horizontal overflow). */
  long overflow() {
    return (Long) js("return document.documentElement.scrollWidth - window.innerWidth;");
  }

  void assertNoOverflow(String screen) {
    assertThat(((Long) js("return document.documentElement.scrollWidth;")))
        .as("horizontal overflow on %s at %s px", screen, js("return window.innerWidth;"))
        .isLessThanOrEqualTo((Long) js("return window.innerWidth;"));
  }

  /** Saves a screenshot as {@code target/screenshots/<name>-NN-<screen>.png}. */
  void screenshot(String screen) {
    try {
      Files.createDirectories(SCREENSHOTS);
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", name, ++shots, screen)),
          png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Collects the browser console's errors since the last call; {@code expected} substrings mark
   * errors a step provoked on purpose (a 404 page it opened).
   */
  List<String> collectErrors(String... expected) {
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() < Level.SEVERE.intValue()) {
        continue;
      }
      boolean wanted = false;
      for (String x : expected) {
        wanted |= e.getMessage().contains(x);
      }
      if (!wanted) {
        consoleErrors.add(name + ": " + e.getMessage());
      }
    }
    return List.copyOf(consoleErrors);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp dir; the OS cleans it eventually
      }
    }
  }
}
