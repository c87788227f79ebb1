package org.gridguard.hub.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridguard.testkit.FreePorts;
import org.gridguard.testkit.PostgresServer;

/**
 * The hub as a child JVM on the benchmark's own class path, for every hub benchmark: free loopback
 * ports, its own directory (log, demo logins), the demo admin's bearer token for REST calls.
 * {@code GG_HUB_JVM_OPTS} adds JVM flags (e.g. a JFR recording, for profiling).
 */
final class BenchHub implements AutoCloseable {
  final Process process;
  final int ingestPort;
  final int httpPort;
  final Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private String token;

  private BenchHub(Process process, int ingestPort, int httpPort, Path dir) {
    this.process = process;
    this.ingestPort = ingestPort;
    this.httpPort = httpPort;
    this.dir = dir;
  }

  /** Hub arguments that put its database on the testkit's PostgreSQL. */
  static List<String> on(PostgresServer postgres) {
    return List.of("--spring.datasource.url=" + postgres.jdbcUrl(),
        "--spring.datasource.username=" + postgres.username(),
        "--spring.datasource.password=" + postgres.password());
  }

  /**
   * Starts the hub on {@code influx} (database {@code gridguard}) with the demo data enabled and
   * {@code args} added (the database is H2 in the hub's directory unless {@code args} set one).
   */
  static BenchHub start(URI influx, List<String> args) throws Exception {
    int ingest = FreePorts.pick();
    int web = FreePorts.pick();
    Path dir = Files.createTempDirectory("gg-bench-hub-");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // the flags of deploy/gridguard-hub.service: a heap touched once at start, so that no GC
    // pause faults in fresh pages (on this VM an 800 ms young pause was 0.4 s of page faults)
    List<String> cmd = new ArrayList<>(List.of(java, "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"));
    String extra = System.getenv("GG_HUB_JVM_OPTS");
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(List.of(extra.trim().split("\\s+")));
    }
    cmd.addAll(List.of(
        "-cp", System.getProperty("java.class.path"), "org.gridguard.hub.HubApplication",
        "--gridguard.influx.url=" + influx, "--gridguard.influx.database=gridguard",
        "--gridguard.ingest.host=127.0.0.1", "--gridguard.ingest.port=" + ingest,
        "--server.port=" + web, "--server.address=127.0.0.1",
        "--gridguard.gateway.pbkdf2-iterations=1000",
        // demo users and grids: benchmarks sign in as the demo admin to register gateways
        "--gridguard.demo.enabled=true",
        "--gridguard.demo.logins-file=" + dir.resolve("logins"),
        "--gridguard.security.bootstrap-password-file=" + dir.resolve("bootstrap-admin-password"),
        "--logging.level.root=WARN"));
    if (args.stream().noneMatch(a -> a.startsWith("--spring.datasource.url="))) {
      cmd.add("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("hub-db"));
    }
    cmd.addAll(args); // a key given twice would be bound as a list: give each once
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("hub.log").toFile()).start();
    BenchHub hub = new BenchHub(p, ingest, web, dir);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("hub exited: " + Files.readString(dir.resolve("hub.log")));
      }
      try {
        if (hub.get("/actuator/health").contains("\"status\"")) {
          return hub;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(200); // poll interval while the hub starts
    }
    hub.close();
    throw new IllegalStateException("hub did not start within 120 s, see " + dir);
  }

  String get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET(), false);
  }

  /** POSTs JSON as the demo admin; fails unless the answer is 2xx. */
  String post(String path, String json) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)), true);
  }

  /** POSTs a CSV body as the demo admin; fails unless the answer is 2xx. */
  String postText(String path, String csv) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofString(csv)), true);
  }

  /** PUTs JSON as the demo admin; fails unless the answer is 2xx. */
  String put(String path, String json) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)), true);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  private String send(HttpRequest.Builder request, boolean strict)
      throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request.header("Authorization", "Bearer " + token())
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    if (strict && r.statusCode() / 100 != 2) {
      throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " → "
          + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** A bearer token of the demo admin (the hub writes its password to the logins file). */
  String token() throws IOException, InterruptedException {
    if (token == null) {
      Path logins = dir.resolve("logins");
      for (int i = 0; i < 300 && !Files.exists(logins); i++) {
        Thread.sleep(100); // poll interval (30 s at most)
      }
      String[] admin = Files.readAllLines(logins).stream().filter(l -> l.startsWith("ADMIN "))
          .findFirst().orElseThrow().split(" ");
      String body = http.send(HttpRequest.newBuilder(uri("/api/v1/auth/token"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + admin[1]
              + "\",\"password\":\"" + admin[2] + "\"}"))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(body);
      if (!m.find()) {
        throw new IllegalStateException("demo admin sign-in failed: " + body);
      }
      token = m.group(1);
    }
    return token;
  }

  /** Registers gateways {@code prefix0..prefix(n-1)} in the demo grid; their credentials. */
  List<String> register(String prefix, int n) throws Exception {
    return register(prefix, n, "330102001001001");
  }

  List<String> register(String prefix, int n, String gridCode) throws Exception {
    List<String> credentials = new ArrayList<>(n);
    Pattern credential = Pattern.compile("\"credential\":\"([^\"]+)\"");
    for (int i = 0; i < n; i++) {
      String body = post("/api/v1/gateways",
          "{\"gatewayId\":\"" + prefix + i + "\",\"gridCode\":\"" + gridCode + "\"}");
      Matcher m = credential.matcher(body);
      if (!m.find()) {
        throw new IllegalStateException("registration of " + prefix + i + " failed: " + body);
      }
      credentials.add(m.group(1));
    }
    return credentials;
  }

  /** Heap in use after two full GCs in the hub JVM, bytes. */
  long heapAfterGc() throws Exception {
    for (int i = 0; i < 2; i++) {
      new ProcessBuilder("jcmd", Long.toString(process.pid()), "GC.run")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
          .waitFor(60, TimeUnit.SECONDS);
    }
    Thread.sleep(500); // let the collected heap reach the metric
    String json = get("/actuator/metrics/jvm.memory.used?tag=area:heap");
    Matcher m = Pattern.compile("\"value\":([0-9.E+]+)").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no heap metric: " + json);
    }
    return (long) Double.parseDouble(m.group(1));
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
