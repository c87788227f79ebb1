package org.gridguard.hub.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridguard.hub.patrol.SseClient;
import org.gridguard.hub.sim.GatewaySimulator;
import org.gridguard.hub.sim.Records;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.testkit.InfluxDbServer;
import org.gridguard.testkit.MosquittoBroker;
import org.gridguard.testkit.PostgresServer;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code deploy/bench.sh alarm} (issue 16): how long a P1 alarm takes from the gateway to the
 * patrol's phone while the hub is busy. Real influxd, PostgreSQL and mosquitto (testkit), the hub
 * in its own JVM on PostgreSQL, a real edge agent process (its MQTT source, senscity mapping
 * preset, spool and uplink) and {@code clients} patrol SSE clients of as many patrol members,
 * {@code clients / villages} per village, all on duty. While {@code telemetry} simulated gateways
 * send {@code points_per_s} telemetry points, the benchmark publishes smoke alarms of registered
 * smoke sensors (one per alarm, spread over the villages) to the edge's broker at {@code rate}/s.
 * Each alarm becomes a P1 fire incident dispatched at once to its village's on-duty members, whose
 * streams get a {@code new} task event. A latency sample is one member's event: from the MQTT
 * publish (so the edge's mapping, spool and uplink are inside the figure) to its arrival at the
 * client. The alarms come from the village simulator's load mode (senscity smoke uplinks, as the
 * demo publishes them; see {@code SimAlarms}). Prints {@code alarm_to_patrol: alarms=N ingest_points_per_s=X patrol_clients=C p50_ms=A
 * p99_ms=B lost=L}; lost counts member events that had not arrived 20 s after the last alarm.
 *
 * <p>Args: {@code [alarms=300] [clients=1000] [points_per_s=50000] [villages=200] [rate=5]}.
 * System property {@code edgeJar}: the edge agent jar.
 */
public final class AlarmBenchmark {
  private static final String TOWN = "330102009";
  private static final int TELEMETRY_GATEWAYS = 40;
  private static final int TELEMETRY_BATCH = 250;
  /**
   * 20 s at the default rate: the young collections that promote the 1,000 streams' connection
   * state (~120 MB, once after they connect; a 280 ms pause) fall in the warm-up, so the figure is
   * the steady state a hub with connected patrols is in (30 alarms, 6 s, measured that pause).
   */
  private static final int WARMUP_ALARMS = 100;
  private static final Pattern INCIDENT = Pattern.compile("\"incidentId\":(\\d+)");
  private static final Pattern CHANGE = Pattern.compile("\"change\":\"([a-z]+)\"");

  public static void main(String[] args) {
    try {
      measure(args);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void measure(String[] args) throws Exception {
    int alarms = arg(args, 0, 300);
    int clients = arg(args, 1, 1000);
    int pointsPerSecond = arg(args, 2, 50_000);
    int villages = arg(args, 3, 200);
    int rate = arg(args, 4, 5);
    int perVillage = Math.max(1, clients / villages);
    clients = perVillage * villages;
    Path edgeJar = Path.of(System.getProperty("edgeJar",
        "edge-agent/target/gridguard-edge-agent.jar"));
    if (!Files.isRegularFile(edgeJar)) {
      throw new IllegalStateException("edge agent jar not found at " + edgeJar.toAbsolutePath()
          + ": build it with ./mvnw -pl edge-agent -am package -DskipTests");
    }

    try (PostgresServer postgres = new PostgresServer();
        InfluxDbServer influxd = new InfluxDbServer();
        MosquittoBroker broker = new MosquittoBroker()) {
      postgres.start();
      influxd.start();
      broker.start();
      List<String> hubArgs = new ArrayList<>(BenchHub.on(postgres));
      // a connection held longer than this is logged with the stack that took it
      hubArgs.add("--spring.datasource.hikari.leak-detection-threshold=" + Long.getLong("leakMs", 0));
      try (BenchHub hub = BenchHub.start(influxd.url(), hubArgs)) {
        long t0 = System.nanoTime();
        List<String> villageCodes = villages(hub, villages);
        Map<String, String> tokens = patrols(postgres, villageCodes, perVillage);
        teams(hub, villageCodes, perVillage);
        String edgeCredential = hub.register("alarm-edge-", 1, villageCodes.get(0) + "001")
            .get(0);
        devices(hub, "alarm-edge-0", alarms, villageCodes);
        List<String> telemetryCredentials = hub.register("tel-", TELEMETRY_GATEWAYS);
        System.err.printf(Locale.ROOT, "diagnostic: set-up of %d villages, %d patrol members, "
            + "%d sensors in %.1f s%n", villages, clients, alarms, (System.nanoTime() - t0) / 1e9);

        Path edgeDir = Files.createTempDirectory("gg-bench-edge-");
        try (EdgeAgent edge = EdgeAgent.start(edgeJar, edgeDir, hub.ingestPort, edgeCredential,
            broker.serverUri())) {
          List<Patrol> patrols = connect(hub, tokens);
          EventLoopGroup group = new NioEventLoopGroup(1);
          Telemetry telemetry = null;
          SimAlarms measured = null;
          try {
            telemetry = Telemetry.start(group, hub.ingestPort, telemetryCredentials,
                pointsPerSecond);
            // the measured alarms' simulator starts now and waits for its start file: its JVM
            // start-up must not fall in the first second of the measurement
            measured = SimAlarms.start(edgeJar, edgeDir, broker.port(), "B", alarms, villages,
                rate, true);
            // warm-up: the same path with other registered sensors (tag W, spread over the
            // villages as the measured ones are: the first measured alarms find warm caches)
            SimAlarms.start(edgeJar, edgeDir, broker.port(), "W", WARMUP_ALARMS, villages, rate,
                false).finish();
            awaitTotal(patrols, WARMUP_ALARMS * perVillage, Duration.ofSeconds(90), "warm-up");
            Thread.sleep(2000); // let the warm-up's tasks settle before the measured alarms

            long before = telemetry.acked();
            long start = System.nanoTime();
            Map<String, Long> published = measured.go().finish();
            long sent = System.nanoTime();
            double pointsPerS = (telemetry.acked() - before) / ((sent - start) / 1e9);
            for (int i = 0; i < alarms; i++) {
              if (!published.containsKey(sensor(i))) {
                throw new IllegalStateException("the simulator did not alarm " + sensor(i)
                    + " (its device ids must be the registered sensors'): " + published.keySet());
              }
            }
            // wait for every member's event, at most 20 s after the last alarm
            long deadline = java.util.Collections.max(published.values())
                + TimeUnit.SECONDS.toNanos(20);
            List<Long> latencies = new ArrayList<>();
            int expected = alarms * perVillage;
            while (true) {
              latencies = latencies(patrols, published, devicesOfIncidents(postgres));
              if (latencies.size() >= expected || System.nanoTime() > deadline) {
                break;
              }
              Thread.sleep(500); // poll interval of the collection deadline
            }
            latencies.sort(null);
            double p50 = percentile(latencies, 0.50);
            double p99 = percentile(latencies, 0.99);
            System.err.printf(Locale.ROOT, "diagnostic: %d member events expected, %d arrived; "
                + "max %.1f ms; telemetry gateways %d; edge log %s; hub log %s%n", expected,
                latencies.size(), latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1) / 1e6,
                TELEMETRY_GATEWAYS, edge.log, hub.dir.resolve("hub.log"));
            System.err.println("diagnostic: " + stages(postgres, published, patrols));
            if (latencies.size() < expected) {
              System.err.println("diagnostic: incidents by grid and state: " + postgres.psql(
                  "SELECT grid_code, state, COUNT(*) FROM incident GROUP BY 1, 2 ORDER BY 1"));
              System.err.println("diagnostic: tasks by state: " + postgres.psql(
                  "SELECT state, COUNT(*) FROM patrol_task GROUP BY 1"));
              System.err.println("diagnostic: alarms by grid: " + postgres.psql(
                  "SELECT grid_code, type, state, COUNT(*) FROM alarm GROUP BY 1, 2, 3"));
              Patrol other = patrols.get(patrols.size() - 1);
              System.err.println("diagnostic: events of a member of " + other.village + ": "
                  + other.stream.pending());
            }
            System.out.printf(Locale.ROOT, "alarm_to_patrol: alarms=%d ingest_points_per_s=%.0f "
                + "patrol_clients=%d p50_ms=%.1f p99_ms=%.1f lost=%d%n", alarms, pointsPerS,
                patrols.size(), p50, p99, expected - latencies.size());
          } finally {
            if (measured != null) {
              measured.close();
            }
            if (telemetry != null) {
              telemetry.close();
            }
            patrols.forEach(p -> p.stream.close());
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
          }
        }
      }
    }
  }

  private static int arg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }

  static String sensor(int i) {
    return String.format(Locale.ROOT, "SC-SM-B%04d", i);
  }

  private static double percentile(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * q) - 1);
    return sorted.get(Math.max(0, i)) / 1e6;
  }

  /**
   * A town of {@code n} villages (one grid each) under the demo county, imported as CSV through
   * the API; the village codes.
   */
  private static List<String> villages(BenchHub hub, int n) throws Exception {
    StringBuilder csv = new StringBuilder("code,name,parent,level\n");
    csv.append(TOWN).append(",Bench town,330102,TOWN\n");
    List<String> codes = new ArrayList<>();
    for (int v = 1; v <= n; v++) {
      String code = TOWN + String.format(Locale.ROOT, "%03d", v);
      codes.add(code);
      csv.append(code).append(",Bench village ").append(v).append(',').append(TOWN)
          .append(",VILLAGE\n");
      csv.append(code).append("001,Bench village ").append(v).append(" grid 1,").append(code)
          .append(",GRID\n");
    }
    hub.postText("/api/v1/grids/import?format=csv", csv.toString());
    return codes;
  }

  /**
   * {@code perVillage} patrol members per village with a bearer token each. Written straight
   * into the database (users with one bcrypt hash, tokens as their SHA-256, as the token service
   * stores them): a thousand sign-ins and first-password changes would cost minutes of bcrypt and
   * are not what is measured.
   */
  private static Map<String, String> patrols(PostgresServer postgres, List<String> villages,
      int perVillage) throws Exception {
    String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode("bench-patrol-password");
    SecureRandom random = new SecureRandom();
    Map<String, String> tokens = new java.util.LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
        postgres.password())) {
      c.setAutoCommit(false);
      try (PreparedStatement user = c.prepareStatement("INSERT INTO app_user (username, "
              + "display_name, password_hash, password_change_required) VALUES (?, ?, ?, FALSE)",
              Statement.RETURN_GENERATED_KEYS);
          PreparedStatement role = c.prepareStatement(
              "INSERT INTO app_user_role (user_id, role) VALUES (?, 'PATROL')");
          PreparedStatement scope = c.prepareStatement(
              "INSERT INTO app_user_scope (user_id, grid_code) VALUES (?, ?)");
          PreparedStatement token = c.prepareStatement("INSERT INTO api_token (token_hash, "
              + "user_id, issued_at, expires_at) VALUES (?, ?, now(), now() + interval '1 day')")) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int v = 0; v < villages.size(); v++) {
          for (int m = 0; m < perVillage; m++) {
            String name = String.format(Locale.ROOT, "bench-p%03d-%d", v, m);
            user.setString(1, name);
            user.setString(2, name);
            user.setString(3, hash);
            user.executeUpdate();
            long id;
            try (ResultSet keys = user.getGeneratedKeys()) {
              keys.next();
              id = keys.getLong(1);
            }
            role.setLong(1, id);
            role.executeUpdate();
            scope.setLong(1, id);
            scope.setString(2, villages.get(v));
            scope.executeUpdate();
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String bearer = "ggt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            token.setString(1, HexFormat.of().formatHex(
                sha.digest(bearer.getBytes(StandardCharsets.UTF_8))));
            token.setLong(2, id);
            token.executeUpdate();
            tokens.put(name, bearer);
          }
        }
      }
      c.commit();
    }
    return tokens;
  }

  /** A patrol team per village, its members on duty round the clock (through the REST API). */
  private static void teams(BenchHub hub, List<String> villages, int perVillage)
      throws Exception {
    Pattern id = Pattern.compile("^\\{\"id\" *: *(\\d+)");
    String[] days = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
    for (int v = 0; v < villages.size(); v++) {
      String body = hub.post("/api/v1/patrol/teams", "{\"name\":\"Bench patrol " + v
          + "\",\"gridCode\":\"" + villages.get(v) + "\"}");
      Matcher m = id.matcher(body);
      if (!m.find()) {
        throw new IllegalStateException("team of " + villages.get(v) + ": " + body);
      }
      String team = "/api/v1/patrol/teams/" + m.group(1);
      List<String> names = new ArrayList<>();
      List<String> shifts = new ArrayList<>();
      for (int k = 0; k < perVillage; k++) {
        String name = String.format(Locale.ROOT, "bench-p%03d-%d", v, k);
        names.add("\"" + name + "\"");
        for (String d : days) {
          shifts.add("{\"username\":\"" + name + "\",\"day\":\"" + d
              + "\",\"start\":\"00:00\",\"end\":\"00:00\"}");
        }
      }
      hub.put(team + "/members", "{\"usernames\":[" + String.join(",", names) + "]}");
      hub.put(team + "/roster", "{\"shifts\":[" + String.join(",", shifts) + "]}");
    }
  }

  /** The smoke sensors behind the edge gateway, sensor i in village i mod villages (CSV import). */
  private static void devices(BenchHub hub, String gateway, int n, List<String> villages)
      throws Exception {
    StringBuilder csv = new StringBuilder("deviceId,kind,name,gridCode,settings\n");
    for (int i = 0; i < n + WARMUP_ALARMS; i++) {
      // the warm-up's sensors (tag W) are registered like the measured ones: the same path
      String id = i < n ? sensor(i) : String.format(Locale.ROOT, "SC-SM-W%04d", i - n);
      csv.append(id).append(",SENSOR,Smoke ").append(i).append(',')
          .append(villages.get(i % villages.size())).append("001")
          .append(",\"{\"\"sensor_type\"\":\"\"smoke\"\"}\"\n");
    }
    hub.postText("/api/v1/gateways/" + gateway + "/devices/import", csv.toString());
  }

  private record Patrol(String village, SseClient stream) {}

  /** Opens every member's stream (16 at a time) and checks each answered 200. */
  private static List<Patrol> connect(BenchHub hub, Map<String, String> tokens) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Patrol>> opening = new ArrayList<>();
      for (Map.Entry<String, String> e : tokens.entrySet()) {
        String village = TOWN + String.format(Locale.ROOT, "%03d", 1 + Integer.parseInt(
            e.getKey().substring("bench-p".length(), "bench-p".length() + 3)));
        opening.add(pool.submit(() -> new Patrol(village, SseClient.connect(
            hub.uri("/api/v1/patrol/feed?after=0"), "Bearer " + e.getValue(), null))));
      }
      List<Patrol> patrols = new ArrayList<>();
      for (Future<Patrol> f : opening) {
        Patrol p = f.get(60, TimeUnit.SECONDS);
        if (p.stream.status() != 200) {
          throw new IllegalStateException("patrol feed refused: " + p.stream.status() + " "
              + p.stream.errorBody());
        }
        patrols.add(p);
      }
      return patrols;
    } finally {
      pool.shutdown();
    }
  }

  /** Waits until each of {@code patrols} has {@code n} new-task events. */
  /** Waits until the members together have {@code n} new tasks. */
  private static void awaitTotal(List<Patrol> patrols, int n, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      int got = patrols.stream().mapToInt(p -> newTasks(p.stream.pending()).size()).sum();
      if (got >= n) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + ": the members got " + got + " of " + n
            + " tasks within " + timeout);
      }
      Thread.sleep(100); // poll interval (deadline above)
    }
  }

  private static List<SseClient.Event> newTasks(List<SseClient.Event> events) {
    List<SseClient.Event> out = new ArrayList<>();
    for (SseClient.Event e : events) {
      Matcher m = CHANGE.matcher(e.data());
      if (m.find() && m.group(1).equals("new")) {
        out.add(e);
      }
    }
    return out;
  }

  /** Which device's alarm each incident came from (the feed event names the incident). */
  private static Map<Long, String> devicesOfIncidents(PostgresServer postgres) throws Exception {
    Map<Long, String> devices = new java.util.HashMap<>();
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
        postgres.password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT DISTINCT incident_id, device_id FROM alarm "
            + "WHERE incident_id IS NOT NULL AND device_id LIKE 'SC-SM-B%'")) {
      while (r.next()) {
        devices.put(r.getLong(1), r.getString(2));
      }
    }
    return devices;
  }

  /**
   * Where the time goes, per measured alarm: publish → the hub's store transaction of its
   * record began (edge mapping, spool, uplink, ingest queue), → its incident row created (the
   * alarm store), incident → its first task row (the P1 fast path's
   * dispatch), first task → the first member's event (commit, wake-up, outbox read, SSE write),
   * as p50/p99 in ms. Hub times are the rows' wall-clock stamps; bench times are converted from
   * {@link System#nanoTime()} with one anchor (same machine, same clock).
   */
  private static String stages(PostgresServer postgres, Map<String, Long> published,
      List<Patrol> patrols) throws Exception {
    long wallAnchor = System.currentTimeMillis();
    long nanoAnchor = System.nanoTime();
    Map<Long, Long> firstEvent = new java.util.HashMap<>();
    for (Patrol p : patrols) {
      for (SseClient.Event e : newTasks(p.stream.pending())) {
        Matcher m = INCIDENT.matcher(e.data());
        if (m.find()) {
          firstEvent.merge(Long.parseLong(m.group(1)), e.receivedNanos(), Math::min);
        }
      }
    }
    List<Long> toStore = new ArrayList<>();
    List<Long> toIncident = new ArrayList<>();
    List<Long> toTask = new ArrayList<>();
    List<Long> toClient = new ArrayList<>();
    // the slowest alarms' stages, by publish time: stalls hit alarms close in time, stages not
    java.util.TreeMap<Long, String> slowest = new java.util.TreeMap<>();
    long firstSent = java.util.Collections.min(published.values());
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
        postgres.password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT i.id, MIN(a.device_id), "
            + "CAST(EXTRACT(EPOCH FROM i.created_at) * 1000 AS BIGINT), "
            + "CAST(EXTRACT(EPOCH FROM MIN(t.created_at)) * 1000 AS BIGINT), "
            + "(SELECT CAST(EXTRACT(EPOCH FROM MIN(u.received_at)) * 1000 AS BIGINT) "
            + "FROM uplink_record u WHERE u.device_id = MIN(a.device_id) AND u.kind = 'ALARM') "
            + "FROM incident i "
            + "JOIN alarm a ON a.incident_id = i.id JOIN patrol_task t ON t.incident_id = i.id "
            + "WHERE a.device_id LIKE 'SC-SM-B%' GROUP BY i.id, i.created_at")) {
      while (r.next()) {
        Long sentNanos = published.get(r.getString(2));
        Long seenNanos = firstEvent.get(r.getLong(1));
        if (sentNanos == null || seenNanos == null) {
          continue;
        }
        long sent = wallAnchor - (nanoAnchor - sentNanos) / 1_000_000;
        long seen = wallAnchor - (nanoAnchor - seenNanos) / 1_000_000;
        toStore.add(r.getLong(5) - sent);
        toIncident.add(r.getLong(3) - r.getLong(5));
        toTask.add(r.getLong(4) - r.getLong(3));
        toClient.add(seen - r.getLong(4));
        slowest.put((seen - sent) * 1_000_000 + slowest.size(), String.format(Locale.ROOT,
            "%.1fs:%d/%d/%d/%d", (sentNanos - firstSent) / 1e9, r.getLong(5) - sent,
            r.getLong(3) - r.getLong(5), r.getLong(4) - r.getLong(3), seen - r.getLong(4)));
        if (slowest.size() > 6) {
          slowest.pollFirstEntry();
        }
      }
    }
    return "stages p50/p99 ms over " + toIncident.size() + " alarms: publish→hub store "
        + "transaction " + p50p99(toStore) + ", →incident " + p50p99(toIncident)
        + ", incident→task " + p50p99(toTask) + ", task→first event "
        + p50p99(toClient) + "; slowest (published at: the four stages in ms) "
        + String.join(" ", slowest.descendingMap().values());
  }

  private static String p50p99(List<Long> millis) {
    List<Long> sorted = new ArrayList<>(millis);
    sorted.sort(null);
    List<Long> nanos = sorted.stream().map(m -> m * 1_000_000).toList();
    return String.format(Locale.ROOT, "%.0f/%.0f", percentile(nanos, 0.5),
        percentile(nanos, 0.99));
  }

  /** Publish → arrival of every measured member event so far, nanoseconds. */
  private static List<Long> latencies(List<Patrol> patrols, Map<String, Long> published,
      Map<Long, String> devices) {
    List<Long> out = new ArrayList<>();
    for (Patrol p : patrols) {
      for (SseClient.Event e : newTasks(p.stream.pending())) {
        Matcher m = INCIDENT.matcher(e.data());
        if (m.find()) {
          String device = devices.get(Long.parseLong(m.group(1)));
          Long at = device == null ? null : published.get(device);
          if (at != null) {
            out.add(e.receivedNanos() - at);
          }
        }
      }
    }
    return out;
  }

  /** The edge agent jar as its own process: MQTT → senscity mapping → spool → uplink. */
  private static final class EdgeAgent implements AutoCloseable {
    final Process process;
    final Path log;

    private EdgeAgent(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    static EdgeAgent start(Path jar, Path dir, int ingestPort, String credential, String broker)
        throws Exception {
      Path config = dir.resolve("agent.yml");
      Files.writeString(config, String.join("\n",
          "gateway:",
          "  id: alarm-edge-0",
          "  credential: \"" + credential + "\"",
          "hub:",
          "  host: 127.0.0.1",
          "  port: " + ingestPort,
          "  tls:",
          "    enabled: false",
          "spool:",
          "  directory: " + dir.resolve("spool"),
          "mqtt:",
          "  broker: " + broker,
          "  client_id: gridguard-edge-bench",
          "mapping:",
          "  credential_salt: \"bench-salt-not-for-production\"",
          "  presets: [senscity-sensors]",
          "  dead_letter:",
          "    path: " + dir.resolve("dead-letter.jsonl"),
          ""));
      Path log = dir.resolve("edge-agent.log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--config",
          config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      EdgeAgent agent = new EdgeAgent(p, log);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(log).contains("uplink session")) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          agent.close();
          throw new IllegalStateException("edge agent did not open its uplink session within "
              + "60 s:\n" + Files.readString(log));
        }
        Thread.sleep(100); // poll interval (deadline above)
      }
      return agent;
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /**
   * The village simulator's load mode ({@code org.gridguard.edge.sim.SimLoadCommand} in the edge
   * agent jar) as a child process: the smoke alarms of simulated senscity smoke sensors — the
   * vendor payloads the demo publishes — at {@code rate}/s, one per device, each cleared two
   * seconds later, with each alarm's publish time written to a file. A child process rather than
   * a test dependency of the hub on the edge agent: the benchmark runs that jar already, and the
   * edge agent's dependencies (JavaCPP natives, its own Jackson/Netty/SnakeYAML) stay off the
   * hub's test classpath.
   */
  private record SimAlarms(Process process, Path times, Path log, Path startFile, int count,
      long timeoutS) implements AutoCloseable {
    /**
     * Starts publishing an alarm of {@code SC-SM-<tag>0000 …} ({@code count} devices, as
     * {@link #sensor} names them for tag B); with {@code held}, the simulator connects and then
     * waits for {@link #go()}.
     */
    static SimAlarms start(Path edgeJar, Path dir, int brokerPort, String tag, int count,
        int villages, int rate, boolean held) throws IOException {
      Path times = dir.resolve("alarms-" + tag + ".txt");
      Path log = dir.resolve("sim-load-" + tag + ".log");
      Path startFile = dir.resolve("go-" + tag);
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx128m", "-cp", edgeJar.toString(),
          "org.gridguard.edge.sim.SimLoadCommand", "--mqtt-port", Integer.toString(brokerPort),
          "--client-id", "bench-village-" + tag, "--mode", "alarms", "--kinds", "smoke",
          "--devices", Integer.toString(count), "--villages",
          Integer.toString(Math.min(villages, count)), "--rate", Integer.toString(rate),
          "--count", Integer.toString(count), "--clear-after-ms", "2000", "--id-prefix", "SC",
          "--tag", tag, "--times-file", times.toString()));
      if (held) {
        cmd.addAll(List.of("--start-file", startFile.toString()));
      }
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      return new SimAlarms(p, times, log, startFile, count, count / Math.max(1, rate) + 60);
    }

    /** Stops the simulator if it still runs (a failed run must not leave it waiting). */
    @Override
    public void close() {
      process.destroyForcibly();
    }

    /** Lets a held simulator publish. */
    SimAlarms go() throws IOException {
      Files.createFile(startFile);
      return this;
    }

    /**
     * Waits for the simulator to publish all and returns device id → publish time on this JVM's
     * {@link System#nanoTime()} clock.
     */
    Map<String, Long> finish() throws Exception {
      Process p = process;
      if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new IllegalStateException("the simulator did not publish " + count + " alarms "
            + "within " + timeoutS + " s; its log " + log + ":\n" + Files.readString(log));
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("the simulator exited with " + p.exitValue() + "; its "
            + "log " + log + ":\n" + Files.readString(log));
      }
      Instant wallAnchor = Instant.now();
      long nanoAnchor = System.nanoTime();
      long anchorMicros = wallAnchor.getEpochSecond() * 1_000_000 + wallAnchor.getNano() / 1_000;
      Map<String, Long> published = new java.util.HashMap<>();
      for (String line : Files.readAllLines(times)) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split(" ");
        published.put(f[0], nanoAnchor - (anchorMicros - Long.parseLong(f[1])) * 1_000);
      }
      if (published.size() != count) {
        throw new IllegalStateException("the simulator wrote " + published.size() + " alarm "
            + "times for " + count + " alarms: " + times);
      }
      return published;
    }
  }

  /**
   * Simulated gateways sending telemetry at a steady total rate: each sends a batch of
   * {@link #TELEMETRY_BATCH} points on its own schedule (credit permitting) from its own thread.
   */
  private static final class Telemetry implements AutoCloseable {
    private final List<GatewaySimulator> sims;
    private final ExecutorService senders;
    private final AtomicBoolean stop = new AtomicBoolean();

    private Telemetry(List<GatewaySimulator> sims, ExecutorService senders) {
      this.sims = sims;
      this.senders = senders;
    }

    static Telemetry start(EventLoopGroup group, int port, List<String> credentials,
        int pointsPerSecond) throws Exception {
      List<GatewaySimulator> sims = new ArrayList<>();
      for (int g = 0; g < credentials.size(); g++) {
        GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1", port);
        if (!(sim.hello("tel-" + g, credentials.get(g), "stream-" + g) instanceof HelloAck)) {
          throw new IllegalStateException("hub refused tel-" + g);
        }
        sims.add(sim);
      }
      Telemetry t = new Telemetry(sims, Executors.newFixedThreadPool(sims.size()));
      long period = TimeUnit.SECONDS.toNanos(1) * TELEMETRY_BATCH * sims.size() / pointsPerSecond;
      for (int g = 0; g < sims.size(); g++) {
        GatewaySimulator sim = sims.get(g);
        String device = "bench-meter-" + g;
        long offset = period * g / sims.size();
        t.senders.submit(() -> {
          long seq = 0;
          long base = System.currentTimeMillis() - 3_600_000; // one point per ms from an hour ago
          long next = System.nanoTime() + offset;
          while (!t.stop.get()) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
              TimeUnit.NANOSECONDS.sleep(wait);
            }
            next += period;
            sim.sendBatch(Lane.BULK, Records.telemetry(device, seq + 1, seq + TELEMETRY_BATCH,
                base));
            seq += TELEMETRY_BATCH;
          }
          return null;
        });
      }
      return t;
    }

    /** Telemetry records the hub has acknowledged so far. */
    long acked() {
      return sims.stream().mapToLong(s -> s.acked(Lane.BULK)).sum();
    }

    @Override
    public void close() {
      stop.set(true);
      senders.shutdownNow();
      sims.forEach(GatewaySimulator::close);
    }
  }
}
