package org.gridguard.hub.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code influxd} (Debian package {@code influxdb}) on free loopback ports in a temporary
 * directory. Hub-local stand-in until the shared {@code org.gridguard.testkit.InfluxDbServer}
 * lands; {@link #stop()} and {@link #start()} keep port and data.
 */
public final class Influxd implements AutoCloseable {
  private final Path dir;
  private final int httpPort;
  private final int rpcPort;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;

  public Influxd() throws IOException {
    this.dir = Files.createTempDirectory("gg-influxd-");
    this.httpPort = freePort();
    this.rpcPort = freePort();
    Files.writeString(dir.resolve("influxdb.conf"), """
        reporting-disabled = true
        bind-address = "127.0.0.1:%d"
        [meta]
          dir = "%s/meta"
          logging-enabled = false
        [data]
          dir = "%s/data"
          wal-dir = "%s/wal"
          query-log-enabled = false
          trace-logging-enabled = false
        [http]
          bind-address = "127.0.0.1:%d"
          log-enabled = false
        [monitor]
          store-enabled = false
        [continuous_queries]
          enabled = false
        [subscriber]
          enabled = false
        [logging]
          level = "warn"
        """.formatted(rpcPort, dir, dir, dir, httpPort));
  }

  public static Influxd started() throws Exception {
    Influxd influxd = new Influxd();
    influxd.start();
    return influxd;
  }

  public synchronized void start() throws Exception {
    String binary = Stream.of("/usr/bin/influxd", "/usr/sbin/influxd")
        .filter(p -> Files.isExecutable(Path.of(p))).findFirst()
        .orElseThrow(() -> new IllegalStateException(
            "influxd not found: install the Debian package 'influxdb' (apt-get install influxdb)"));
    process = new ProcessBuilder(binary, "run", "-config", dir.resolve("influxdb.conf").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("influxd.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("influxd exited: " + Files.readString(dir.resolve("influxd.log")));
      }
      try {
        if (http.send(HttpRequest.newBuilder(url().resolve("/ping")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("influxd did not answer /ping within 30 s");
  }

  public synchronized void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      process = null;
    }
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  /** Runs an InfluxQL query and returns the raw JSON. */
  public String query(String db, String influxql) throws Exception {
    URI uri = url().resolve("/query?db=" + URLEncoder.encode(db, StandardCharsets.UTF_8)
        + "&epoch=ms&q=" + URLEncoder.encode(influxql, StandardCharsets.UTF_8));
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Override
  public void close() throws Exception {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
