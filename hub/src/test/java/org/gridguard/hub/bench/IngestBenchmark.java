package org.gridguard.hub.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
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
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridguard.hub.sim.GatewaySimulator;
import org.gridguard.hub.sim.Records;
import org.gridguard.testkit.FreePorts;
import org.gridguard.testkit.InfluxDbServer;
import org.gridguard.hub.telemetry.InfluxProperties;
import org.gridguard.hub.telemetry.InfluxV1Writer;
import org.gridguard.hub.telemetry.LineProtocol;
import org.gridguard.hub.telemetry.WriteOutcome;
import org.gridguard.protocol.FrameCodec;
import org.gridguard.protocol.FrameFormat;
import org.gridguard.protocol.v1.Batch;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;

/**
 * {@code deploy/bench.sh ingest}: a real influxd, the hub in its own JVM, simulated gateways over
 * real TCP. Prints two lines: ingest throughput against writing the same points straight to
 * InfluxDB (baseline, same run), and the hub's heap per idle gateway connection.
 *
 * <p>Args: {@code [points] [gateways] [idleConnections]}, defaults 4,000,000 / 200 / 5,000.
 */
public final class IngestBenchmark {
  private static final int BATCH = 1000;
  private static final long BASE_TIME = 1_700_000_000_000L;
  /** Parallel write requests, the same for the hub and the baseline. */
  private static final int WRITERS = Integer.getInteger("writers", 2);
  /** Request body encoding (auto, gzip, identity), the same for the hub and the baseline. */
  private static final InfluxProperties.ContentEncoding ENCODING = InfluxProperties.ContentEncoding
      .valueOf(System.getProperty("encoding", "auto").toUpperCase(Locale.ROOT));
  /**
   * Warm-up batches are smaller than the run's so that the per-batch code (acks, credit, cursor
   * commits) is invoked often enough to be compiled before the run, like in a hub that has been
   * up for a while.
   */
  private static final int WARMUP_BATCH = 200;
  /** Points of each warm-up pass; 0 (default) means as many as the run. */
  private static final long WARMUP_POINTS = Long.getLong("warmup", 0);

  public static void main(String[] args) throws Exception {
    long points = args.length > 0 ? Long.parseLong(args[0]) : 4_000_000;
    int gateways = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int idle = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
    int perGateway = (int) (points / gateways);
    points = (long) perGateway * gateways;

    try (InfluxDbServer influxd = new InfluxDbServer()) {
      influxd.start();
      try (BenchHub hub = BenchHub.start(influxd.url(), List.of(
          "--gridguard.influx.writers=" + WRITERS,
          "--gridguard.influx.content-encoding=" + ENCODING))) {
      EventLoopGroup group = new NioEventLoopGroup(1);
      try {
        List<String> credentials = hub.register("bench-", gateways);
        List<List<byte[]>> frames = new ArrayList<>();
        for (int g = 0; g < gateways; g++) {
          frames.add(frames(g, perGateway, BATCH));
        }
        warmUp(hub, group, gateways, points);
        System.gc();
        awaitIdle(influxd.processHandle().pid()); // its compactions of the warm-up are not measured

        java.util.Map<String, Long> threads0 = threadCpuMillis(hub.process.pid());
        long[] cpu0 = {cpuMillis(hub.process.pid()), cpuMillis(influxd.processHandle().pid()),
            cpuMillis(ProcessHandle.current().pid())};
        long wall0 = System.nanoTime();
        long epoch0 = System.currentTimeMillis();
        Stats hubRun = throughHub(hub, group, "bench-", credentials, frames, BATCH);
        long wall = (System.nanoTime() - wall0) / 1_000_000;
        System.err.printf(Locale.ROOT, "diagnostic: hub run from epoch ms %d%n", epoch0);
        System.err.printf(Locale.ROOT, "diagnostic: hub run %d ms wall; CPU ms hub=%d influxd=%d "
                + "gateways(bench jvm)=%d%n", wall, cpuMillis(hub.process.pid()) - cpu0[0],
            cpuMillis(influxd.processHandle().pid()) - cpu0[1],
            cpuMillis(ProcessHandle.current().pid()) - cpu0[2]);
        System.err.println("diagnostic: hub CPU ms by thread during the run: "
            + topDeltas(threads0, threadCpuMillis(hub.process.pid())));
        long stored = count(influxd, "gridguard", "gateway =~ /^bench-/");
        if (stored != points) {
          System.err.println("WARNING: InfluxDB holds " + stored + " of " + points + " hub points");
        }
        double direct = direct(influxd, frames);
        System.out.printf(Locale.ROOT,
            "ingest: gateways=%d points=%d hub_points_per_s=%.0f direct_points_per_s=%.0f ratio=%.2f ack_p99_ms=%.1f%n",
            gateways, points, hubRun.perSecond(), direct, hubRun.perSecond() / direct, hubRun.p99Ms());

        frames.clear();
        long perConnection = idleHeap(hub, group, idle);
        System.out.printf(Locale.ROOT, "connections: idle=%d heap_bytes_per_connection=%d%n", idle,
            perConnection);
      } finally {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      }
      }
    }
    System.exit(0);
  }

  record Stats(double perSecond, double p99Ms) {}

  /** Pre-encoded frames of {@code batch} records of one gateway: device "dev", sequences 1..n. */
  private static List<byte[]> frames(int gateway, int n, int batch) {
    List<byte[]> frames = new ArrayList<>();
    for (int from = 1; from <= n; from += batch) {
      int to = Math.min(n, from + batch - 1);
      Batch message = Batch.newBuilder().setLane(Lane.BULK)
          .addAllRecords(Records.telemetry("dev-" + gateway, from, to, BASE_TIME)).build();
      ByteBuf buf = Unpooled.buffer(FrameCodec.frameSize(message));
      FrameCodec.write(message, buf, FrameFormat.DEFAULT_MAX_FRAME_SIZE);
      byte[] bytes = new byte[buf.readableBytes()];
      buf.readBytes(bytes);
      frames.add(bytes);
    }
    return frames;
  }

  /**
   * Warm-up: the measured path itself, twice (as many gateways under their own ids, as many points
   * as the run unless {@link #WARMUP_POINTS} says otherwise): once in small batches, so that the per-batch code (acks, credit,
   * cursor commits) runs often enough to be compiled, then in the run's batch size (its buffer
   * sizes take other allocator paths). JIT compilation of the ingest path, back-pressure and
   * resume included, and InfluxDB shard creation are then not measured: a hub that has been up
   * for a while has long compiled them.
   */
  private static void warmUp(BenchHub hub, EventLoopGroup group, int gateways, long points)
      throws Exception {
    int pass = 0;
    for (int batch : new int[] {WARMUP_BATCH, BATCH}) {
      int perGateway = (int) Math.max(batch,
          (WARMUP_POINTS > 0 ? WARMUP_POINTS : points) / gateways / batch * batch);
      String prefix = "warmup" + pass + "-";
      List<String> credentials = hub.register(prefix, gateways);
      List<List<byte[]>> frames = new ArrayList<>();
      for (int g = 0; g < gateways; g++) {
        frames.add(frames(1_000_000 * (pass + 1) + g, perGateway, batch));
      }
      var threads0 = threadCpuMillis(hub.process.pid());
      Stats stats = throughHub(hub, group, prefix, credentials, frames, batch);
      System.err.printf(Locale.ROOT, "diagnostic: warm-up pass %d (%d-record batches): %.0f points/s; "
          + "hub CPU ms by thread: %s%n", pass, batch, stats.perSecond(),
          topDeltas(threads0, threadCpuMillis(hub.process.pid())));
      pass++;
    }
    awaitJitQuiet(hub.process.pid());
  }

  /**
   * Waits (at most 60 s) until the hub's JIT compile queues have been empty twice in a row: on 2
   * cores the compiler threads lag behind the warm-up, and their backlog would otherwise be
   * measured as ingest cost.
   */
  static void awaitJitQuiet(long pid) throws Exception {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int quiet = 0;
    while (quiet < 2 && System.nanoTime() < deadline) {
      Process p = new ProcessBuilder(jcmd, Long.toString(pid), "Compiler.queue")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      // idle: no "Current compiles" entries and both queues "Empty"
      boolean idle = out.split("C1 compile queue:")[0].lines().filter(l -> !l.isBlank()).count() <= 2
          && out.split("Empty", -1).length - 1 == 2;
      quiet = idle ? quiet + 1 : 0;
      Thread.sleep(500); // JIT queues sampled twice a second
    }
  }

  private static Stats throughHub(BenchHub hub, EventLoopGroup group, String prefix,
      List<String> credentials, List<List<byte[]>> frames, int batch) throws Exception {
    int gateways = credentials.size();
    List<GatewaySimulator> sims = new ArrayList<>();
    for (int g = 0; g < gateways; g++) {
      GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1", hub.ingestPort);
      if (!(sim.hello(prefix + g, credentials.get(g), "stream-" + g) instanceof HelloAck)) {
        throw new IllegalStateException("hub refused " + prefix + g);
      }
      sims.add(sim);
    }
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    sims.forEach(s -> s.onAckLatency(latencies::add));
    ExecutorService senders = Executors.newFixedThreadPool(gateways);
    Thread sampler = null;
    if (Boolean.getBoolean("sample")) { // diagnostics: the hub's queue once a second
      sampler = new Thread(() -> {
        try {
          while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(1000); // diagnostics: one sample a second
            String q = hub.get("/actuator/metrics/gridguard.telemetry.queue.points");
            String lat = hub.get("/actuator/metrics/gridguard.telemetry.batch.latency");
            String paused = hub.get("/actuator/metrics/gridguard.ingest.reads.paused");
            System.err.println("sample: queue=" + q.replaceAll(".*\"value\":([0-9.E]+).*", "$1")
                + " latency=" + lat.replaceAll(".*\"measurements\":(\\[[^\\]]*\\]).*", "$1")
                + " paused=" + paused.replaceAll(".*\"value\":([0-9.E]+).*", "$1"));
          }
        } catch (Exception stop) {
          // interrupted
        }
      });
      sampler.setDaemon(true);
      sampler.start();
    }
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int g = 0; g < gateways; g++) {
      GatewaySimulator sim = sims.get(g);
      List<byte[]> mine = frames.get(g);
      done.add(senders.submit(() -> {
        long last = 0;
        for (byte[] frame : mine) {
          int n = batch;
          last += n;
          sim.sendFrame(Lane.BULK, frame, n, last);
        }
        sim.awaitAck(Lane.BULK, last, Duration.ofMinutes(10));
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    long elapsed = System.nanoTime() - start;
    if (sampler != null) {
      sampler.interrupt();
    }
    senders.shutdown();
    sims.forEach(GatewaySimulator::close);
    long total = frames.stream().mapToLong(List::size).sum() * batch;
    List<Long> sorted = new ArrayList<>(latencies);
    sorted.sort(null);
    double p99 = sorted.isEmpty() ? Double.NaN
        : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6;
    return new Stats(total / (elapsed / 1e9), p99);
  }

  /** Same points, same line protocol, batched gzip HTTP with as many writers as the hub uses. */
  private static double direct(InfluxDbServer influxd, List<List<byte[]>> frames)
      throws Exception {
    URI url = influxd.url();
    InfluxProperties config = new InfluxProperties(url, InfluxProperties.Api.V1, "bench_direct",
        "", "", "", "", "", "", true, 5000, Duration.ofMillis(20), 200_000, WRITERS, ENCODING,
        Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));
    InfluxV1Writer writer = new InfluxV1Writer(config);
    writer.prepare();
    // warm-up like the hub's: JIT and shard creation are not measured
    List<String> warm = new ArrayList<>();
    for (byte[] frame : frames.get(0).subList(0, Math.min(100, frames.get(0).size()))) {
      warm.add(lines(frame, "warmup-direct"));
      if (warm.size() == 5) {
        check(writer.write(warm));
        warm.clear();
      }
    }
    // the baseline starts from the same protobuf frames the hub receives, but they are parsed
    // and encoded before the clock starts: it is InfluxDB's own intake through the same batched
    // HTTP writer, the upper bound for any client
    List<String> encoded = new ArrayList<>();
    for (int g = 0; g < frames.size(); g++) {
      for (byte[] frame : frames.get(g)) {
        encoded.add(lines(frame, "direct-" + g));
      }
    }
    int perRequest = Math.max(1, config.batchSize() / BATCH);
    AtomicInteger next = new AtomicInteger();
    long total = (long) encoded.size() * BATCH;
    ExecutorService writers = Executors.newFixedThreadPool(config.writers());
    System.gc(); // the encoding's garbage is not collected on the clock
    awaitIdle(influxd.processHandle().pid()); // nor are influxd's compactions of the hub's points
    long writerCpu0 = cpuMillis(ProcessHandle.current().pid());
    long influxCpu0 = cpuMillis(influxd.processHandle().pid());
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < config.writers(); w++) {
      done.add(writers.submit(() -> {
        int i;
        while ((i = next.getAndAdd(perRequest)) < encoded.size()) {
          check(writer.write(encoded.subList(i, Math.min(encoded.size(), i + perRequest))));
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    long elapsed = System.nanoTime() - start;
    System.err.printf(Locale.ROOT, "diagnostic: direct run %d ms wall; CPU ms influxd=%d "
            + "writer(bench jvm)=%d%n", elapsed / 1_000_000,
        cpuMillis(influxd.processHandle().pid()) - influxCpu0,
        cpuMillis(ProcessHandle.current().pid()) - writerCpu0);
    writers.shutdown();
    return total / (elapsed / 1e9);
  }

  /** The line protocol of one pre-encoded frame, tagged with {@code gateway}. */
  private static String lines(byte[] frame, String gateway) throws IOException {
    StringBuilder sb = new StringBuilder(BATCH * 96);
    for (Record r : Batch.parseFrom(java.util.Arrays.copyOfRange(frame, 8, frame.length))
        .getRecordsList()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      LineProtocol.append(sb, "330102001001", gateway, r);
    }
    return sb.toString();
  }

  private static void check(WriteOutcome outcome) {
    if (!(outcome instanceof WriteOutcome.Written)) {
      throw new IllegalStateException("direct write failed: " + outcome);
    }
  }

  private static long idleHeap(BenchHub hub, EventLoopGroup group, int idle) throws Exception {
    List<String> credentials = hub.register("idle-", idle);
    long before = hub.heapAfterGc();
    List<GatewaySimulator> sims = new ArrayList<>(idle);
    for (int i = 0; i < idle; i++) {
      GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1", hub.ingestPort);
      if (!(sim.hello("idle-" + i, credentials.get(i), "idle-stream-" + i) instanceof HelloAck)) {
        throw new IllegalStateException("hub refused idle-" + i);
      }
      sims.add(sim);
    }
    long after = hub.heapAfterGc();
    int open = 0;
    for (GatewaySimulator sim : sims) {
      open += sim.channel().isActive() ? 1 : 0;
    }
    if (open != idle) {
      System.err.println("WARNING: only " + open + " of " + idle + " idle connections stayed open");
    }
    sims.forEach(GatewaySimulator::close);
    return (after - before) / idle;
  }

  /**
   * Waits (at most 60 s) until a process used under 5 % of a core over the last second, so that
   * background work left over from one phase (InfluxDB compactions) is not charged to the next.
   */
  private static void awaitIdle(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long last = cpuMillis(pid);
    while (System.nanoTime() < deadline) {
      Thread.sleep(1000); // CPU use is sampled over whole seconds
      long now = cpuMillis(pid);
      if (now - last < 50) {
        return;
      }
      last = now;
    }
    System.err.println("WARNING: process " + pid + " did not become idle within 60 s");
  }

  /** User + system CPU time of a process from /proc (Linux), milliseconds; -1 if unknown. */
  static long cpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
      return ticks * 10; // USER_HZ = 100 on Linux
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** CPU ms per thread name (digits folded, so pools sum up) of a process, from /proc. */
  static java.util.Map<String, Long> threadCpuMillis(long pid) {
    java.util.Map<String, Long> byName = new java.util.HashMap<>();
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
              .replaceAll("\\d+", "N");
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          byName.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10, Long::sum);
        } catch (IOException | RuntimeException gone) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return byName;
    }
    return byName;
  }

  private static String topDeltas(java.util.Map<String, Long> before,
      java.util.Map<String, Long> after) {
    return after.entrySet().stream()
        .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(java.util.stream.Collectors.joining(" "));
  }

  private static long count(InfluxDbServer influxd, String db, String where) throws Exception {
    String json = influxd.query(db, "SELECT count(level) FROM water_level WHERE " + where);
    Matcher m = Pattern.compile("\"values\":\\[\\[[^,\\]]+,(\\d+)\\]\\]").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
