package org.gridguard.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * InfluxDB 1.x ({@code influxd} from the Debian package {@code influxdb}, 1.6.7 on Debian 12) on
 * free loopback ports, with its meta, data and WAL dirs in a temp dir. Logs go to
 * {@code influxd.out} in that dir: influxd 1.6 has no log-file setting and logs to stderr.
 *
 * <pre>{@code
 * @RegisterExtension static final InfluxDbServer influx = new InfluxDbServer();
 * ...
 * influx.createDatabase("telemetry");
 * influx.write("telemetry", "temp,device=d1 value=21.5 1700000000000000000");
 * String json = influx.query("telemetry", "SELECT * FROM temp");
 * }</pre>
 *
 * <p>{@link #stop()} then {@link #start()} restarts it on the same port with the same data, for
 * "InfluxDB went away mid-stream" tests; {@link #kill()} is the unclean variant (the WAL keeps
 * acknowledged writes).
 */
public final class InfluxDbServer extends DaemonService {
  /** Where the Debian package installs the server. */
  public static final Path DEFAULT_BINARY = Path.of("/usr/bin/influxd");
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final Path binary;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2))
      .build();
  private volatile int port;

  /** The Debian package's influxd. */
  public InfluxDbServer() {
    this(DEFAULT_BINARY);
  }

  InfluxDbServer(Path binary) {
    super("influxd");
    this.binary = binary;
  }

  /** The HTTP API's base URL, {@code http://127.0.0.1:<port>}. */
  public URI url() {
    requirePort();
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The HTTP API's port; it stays the same across {@link #stop()} and {@link #start()}. */
  public int port() {
    requirePort();
    return port;
  }

  /** Creates database {@code name} (no error if it exists). */
  public void createDatabase(String name) {
    String json = send(HttpRequest.newBuilder(endpoint("/query", "q",
            "CREATE DATABASE \"" + name.replace("\"", "\\\"") + "\""))
        .POST(HttpRequest.BodyPublishers.noBody()), 200);
    if (json.contains("\"error\"")) {
      throw new IllegalStateException("CREATE DATABASE " + name + " failed: " + json);
    }
  }

  /** Writes points in line protocol (nanosecond timestamps) to {@code db}. */
  public void write(String db, String lineProtocol) {
    send(HttpRequest.newBuilder(endpoint("/write", "db", db))
        .POST(HttpRequest.BodyPublishers.ofString(lineProtocol)), 204);
  }

  /**
   * Runs InfluxQL against {@code db} with {@code GET /query} and returns the raw JSON. Errors in
   * statements come back inside the JSON ({@code "error"}), as InfluxDB reports them.
   */
  public String query(String db, String influxql) {
    URI uri = URI.create(endpoint("/query", "db", db) + "&q=" + encode(influxql));
    return send(HttpRequest.newBuilder(uri).GET(), 200);
  }

  @Override
  protected void checkInstalled() {
    MissingServiceException.requireExecutable(binary, "influxdb");
  }

  @Override
  protected void prepare(Path dir) throws IOException {
    port = FreePorts.pick();
    int rpcPort = FreePorts.pick();
    // The monitor store would write to _internal every 10 s; tests do not want that traffic.
    Files.writeString(dir.resolve("influxdb.conf"), String.join("\n",
        "reporting-disabled = true",
        "bind-address = " + toml("127.0.0.1:" + rpcPort),
        "[meta]",
        "  dir = " + toml(dir.resolve("meta")),
        "[data]",
        "  dir = " + toml(dir.resolve("data")),
        "  wal-dir = " + toml(dir.resolve("wal")),
        "  query-log-enabled = false",
        "[monitor]",
        "  store-enabled = false",
        "[http]",
        "  enabled = true",
        "  bind-address = " + toml("127.0.0.1:" + port),
        "  log-enabled = false",
        "[logging]",
        "  level = \"info\"",
        "  suppress-logo = true",
        ""));
  }

  @Override
  protected List<String> command(Path dir) {
    return List.of(binary.toString(), "run", "-config", dir.resolve("influxdb.conf").toString());
  }

  @Override
  protected void awaitReady(ManagedProcess process) {
    process.awaitReady("GET " + url() + "/ping answers 204", READY_TIMEOUT, this::pings);
  }

  private boolean pings() {
    try {
      HttpRequest ping = HttpRequest.newBuilder(url().resolve("/ping"))
          .timeout(Duration.ofSeconds(2)).GET().build();
      return http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String send(HttpRequest.Builder request, int expectedStatus) {
    HttpRequest built = request.timeout(REQUEST_TIMEOUT).build();
    try {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expectedStatus) {
        throw new IllegalStateException(built.method() + " " + built.uri() + " answered "
            + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(built.method() + " " + built.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + built.method() + " " + built.uri(), e);
    }
  }

  private URI endpoint(String path, String param, String value) {
    return URI.create(url() + path + "?" + param + "=" + encode(value));
  }

  private void requirePort() {
    if (port == 0) {
      throw new IllegalStateException("influxd has not been started");
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String toml(Object value) {
    return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
