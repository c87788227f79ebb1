package org.gridguard.hub.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridguard.hub.sim.DecoyServer;
import org.gridguard.hub.sim.GatewaySimulator;
import org.gridguard.hub.sim.HostileClient;
import org.gridguard.hub.sim.Records;
import org.gridguard.protocol.FrameCodec;
import org.gridguard.protocol.FrameFormat;
import org.gridguard.protocol.v1.Batch;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.RejectReason;
import org.gridguard.testkit.InfluxDbServer;

/**
 * {@code deploy/bench.sh hostile} (issue 10): the ingest benchmark's load (real influxd, the hub in
 * its own JVM, simulated gateways over TCP) twice in one run, quiet and then while a
 * {@link HostileClient} holds oversized pre-auth frames from 1,000 connections, floods wrong
 * Hellos from 500 and fuzzes frames from 200 (each attacker from a loopback address of its own).
 * Prints one line:
 * {@code hostile: gateways=N quiet_points_per_s=X hostile_points_per_s=Y ratio=Y/X
 * hello_p99_ms=H direct_memory_peak_mb=M decoy_points_per_s=Z ratio_vs_decoy=Y/Z}. The decoy run
 * (between quiet and hostile) aims the same attack at a {@link DecoyServer} instead of the hub,
 * so {@code ratio_vs_decoy} is what the hub's handling of the attack costs, without what
 * generating the attack on the same cores costs. The Hello latency is of legitimate gateways during the
 * hostile run (the run's gateways reconnecting, plus a prober reconnecting every 100 ms); the
 * direct memory peak is the hub's own gauge (sampled twice a second over the whole run).
 *
 * <p>Args: {@code [points] [gateways]}, defaults 2,000,000 / 200. The attacker runs in this JVM
 * on the same cores as the hub and influxd: on a small machine its own CPU use is part of what
 * the hostile run costs.
 */
public final class HostileBenchmark {
  private static final int BATCH = 1000;
  private static final long BASE_TIME = 1_700_000_000_000L;
  private static final int HOLDERS = Integer.getInteger("holders", 1000);
  private static final int FLOODERS = Integer.getInteger("flooders", 500);
  private static final int FUZZERS = Integer.getInteger("fuzzers", 200);

  private HostileBenchmark() {}

  record Run(double perSecond, List<Long> helloMillis) {}

  public static void main(String[] args) throws Exception {
    long points = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
    int gateways = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int perGateway = (int) (points / gateways / BATCH * BATCH);
    points = (long) perGateway * gateways;

    try (InfluxDbServer influxd = new InfluxDbServer()) {
      influxd.start();
      try (BenchHub hub = BenchHub.start(influxd.url(), List.of())) {
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
          List<String> credentials = hub.register("gw-", gateways);
          List<String> targets = new ArrayList<>();
          hub.register("target-", 10);
          for (int i = 0; i < 10; i++) {
            targets.add("target-" + i);
            targets.add("gw-" + i); // wrong credentials for real gateways' ids too
          }
          String probe = hub.register("probe-", 1).get(0);

          // warm-up: the measured path once, in its own time range, under the same attack (JIT
          // of the ingest and the refusal paths, shard creation): a hub that has been up for a
          // while has long compiled both, and the attack's first minute is not what is measured
          // the village's gateways were connected before anyone attacked (a gateway whose id is
          // flooded and that has had no session for auth-cache-ttl is blocked with the attacker)
          for (int g = 0; g < gateways; g++) {
            try (GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1",
                hub.ingestPort)) {
              if (!(sim.hello("gw-" + g, credentials.get(g), "first-" + g) instanceof HelloAck)) {
                throw new IllegalStateException("hub refused gw-" + g);
              }
            }
          }
          try (HostileClient attacker = attack(hub.ingestPort, targets)) {
            run(hub, group, "gw-", credentials, frames(gateways, perGateway, 0), "warm", null);
          }
          awaitIdle(hub.process.pid());
          IngestBenchmark.awaitJitQuiet(hub.process.pid());
          awaitIdle(influxd.processHandle().pid());

          Cpu cpu = new Cpu(hub.process.pid(), influxd.processHandle().pid());
          Run quiet = run(hub, group, "gw-", credentials, frames(gateways, perGateway, 1),
              "quiet", null);
          cpu.report("quiet");
          System.err.printf(Locale.ROOT, "diagnostic: quiet run %.0f points/s%n", quiet.perSecond());
          awaitIdle(influxd.processHandle().pid());

          // decoy baseline: the same attack aimed at a minimal accept-reject-close server, so
          // the run pays for generating the attack and for loopback TCP but not for the hub's
          // handling of it (on 2 shared cores the attacker's own CPU is most of the gap)
          Run decoyRun;
          try (DecoyServer decoy = new DecoyServer();
              HostileClient attacker = attack(decoy.port(), targets)) {
            awaitAttackers(attacker);
            cpu.reset();
            decoyRun = run(hub, group, "gw-", credentials, frames(gateways, perGateway, 3),
                "decoy", null);
            cpu.report("decoy");
            System.err.printf(Locale.ROOT, "diagnostic: decoy run %.0f points/s; the decoy "
                + "accepted %d attack connections%n", decoyRun.perSecond(), decoy.accepted());
          }
          awaitIdle(influxd.processHandle().pid());

          Run hostile;
          long attackStart;
          try (HostileClient attacker = attack(hub.ingestPort, targets)) {
            awaitAttackers(attacker);
            attackStart = attacker.attempts();
            long t0 = System.nanoTime();
            cpu.reset();
            hostile = run(hub, group, "gw-", credentials, frames(gateways, perGateway, 2),
                "hostile", new Prober(group, hub.ingestPort, "probe-0", probe));
            double seconds = (System.nanoTime() - t0) / 1e9;
            cpu.report("hostile");
            System.err.printf(Locale.ROOT, "diagnostic: attack during the hostile run: %.0f "
                    + "connections/s; so far rejects PROTOCOL_ERROR=%d OVERLOADED=%d "
                    + "BAD_CREDENTIAL=%d IDLE_TIMEOUT=%d, ended without Reject=%d, open now=%d%n",
                (attacker.attempts() - attackStart) / seconds,
                attacker.rejected(RejectReason.PROTOCOL_ERROR),
                attacker.rejected(RejectReason.OVERLOADED),
                attacker.rejected(RejectReason.BAD_CREDENTIAL),
                attacker.rejected(RejectReason.IDLE_TIMEOUT), attacker.unanswered(),
                attacker.open());
          }
          long stored = count(influxd, "gateway =~ /^gw-/");
          if (stored != 4 * points) {
            System.err.println("WARNING: InfluxDB holds " + stored + " of " + 4 * points
                + " points (warm-up, quiet, decoy and hostile runs)");
          }
          double peakMb = metric(hub, "gridguard.direct.memory.peak") / (1 << 20);
          double maxMb = metric(hub, "gridguard.direct.memory.max") / (1 << 20);
          System.err.printf(Locale.ROOT, "diagnostic: hub direct memory peak %.1f MiB of %.0f MiB;"
              + " hub metrics: PBKDF2 checks=%.0f, Hellos blocked=%.0f, busy=%.0f, fast lane=%.0f,"
              + " protocol errors=%.0f, log lines suppressed=%.0f%n", peakMb, maxMb,
              metric(hub, "gridguard.gateway.credential.checks?tag=by:pbkdf2"),
              metric(hub, "gridguard.ingest.hello.blocked"),
              metric(hub, "gridguard.ingest.hello.busy"),
              metric(hub, "gridguard.ingest.hello.lane?tag=lane:fast"),
              metric(hub, "gridguard.ingest.protocol.errors"),
              metric(hub, "gridguard.log.suppressed"));
          List<Long> hellos = new ArrayList<>(hostile.helloMillis());
          Collections.sort(hellos);
          long p99 = hellos.isEmpty() ? -1
              : hellos.get((int) Math.min(hellos.size() - 1, Math.ceil(hellos.size() * 0.99) - 1));
          System.err.printf(Locale.ROOT, "diagnostic: %d legitimate Hellos in the hostile run, "
              + "max %d ms%n", hellos.size(), hellos.isEmpty() ? -1 : hellos.get(hellos.size() - 1));
          System.out.printf(Locale.ROOT, "hostile: gateways=%d quiet_points_per_s=%.0f "
                  + "hostile_points_per_s=%.0f ratio=%.2f hello_p99_ms=%d direct_memory_peak_mb=%.0f"
                  + " decoy_points_per_s=%.0f ratio_vs_decoy=%.2f%n",
              gateways, quiet.perSecond(), hostile.perSecond(),
              hostile.perSecond() / quiet.perSecond(), p99, peakMb, decoyRun.perSecond(),
              hostile.perSecond() / decoyRun.perSecond());
        } finally {
          group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
      }
    }
    System.exit(0);
  }

  /** Waits until every attacker has connected once, then 2 s more for the attack to settle. */
  private static void awaitAttackers(HostileClient attacker) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (attacker.attempts() < HOLDERS + FLOODERS + FUZZERS) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + attacker.attempts() + " of "
            + (HOLDERS + FLOODERS + FUZZERS) + " attack connections started within 60 s");
      }
      Thread.sleep(50); // pacing: poll while the attack connections start
    }
    Thread.sleep(2000); // let the attack reach its steady rate before the clock starts
  }

  /** Starts the attack: holders, wrong-Hello flooders and fuzzers, each from its own address. */
  private static HostileClient attack(int port, List<String> targets) {
    HostileClient attacker = new HostileClient("127.0.0.1", port);
    attacker.holdRepeatedly(HOLDERS, 1 << 20, 64 * 1024, HostileClient::source,
        Duration.ofMillis(200));
    attacker.wrongHellos(FLOODERS, targets, i -> HostileClient.source(HOLDERS + i),
        Duration.ofMillis(100));
    attacker.fuzz(FUZZERS, i -> HostileClient.source(HOLDERS + FLOODERS + i),
        Duration.ofMillis(100));
    return attacker;
  }

  /** CPU of the hub, influxd and this JVM (gateways and attacker) over a run, from /proc. */
  static final class Cpu {
    private final long hub;
    private final long influxd;
    private long[] start;
    private java.util.Map<String, Long> hubThreads;
    private long wall;

    Cpu(long hub, long influxd) {
      this.hub = hub;
      this.influxd = influxd;
      reset();
    }

    void reset() {
      start = new long[] {IngestBenchmark.cpuMillis(hub), IngestBenchmark.cpuMillis(influxd),
          IngestBenchmark.cpuMillis(ProcessHandle.current().pid())};
      hubThreads = IngestBenchmark.threadCpuMillis(hub);
      wall = System.nanoTime();
    }

    void report(String run) {
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - wall);
      var threads = IngestBenchmark.threadCpuMillis(hub);
      String top = threads.entrySet().stream()
          .map(e -> java.util.Map.entry(e.getKey(), e.getValue()
              - hubThreads.getOrDefault(e.getKey(), 0L)))
          .filter(e -> e.getValue() > 0)
          .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
          .map(e -> e.getKey() + "=" + e.getValue())
          .collect(java.util.stream.Collectors.joining(" "));
      System.err.printf(Locale.ROOT, "diagnostic: %s run %d ms wall; CPU ms hub=%d influxd=%d "
              + "bench jvm (gateways%s)=%d; hub threads: %s%n", run, ms,
          IngestBenchmark.cpuMillis(hub) - start[0], IngestBenchmark.cpuMillis(influxd) - start[1],
          run.equals("hostile") ? " and attacker" : "",
          IngestBenchmark.cpuMillis(ProcessHandle.current().pid()) - start[2], top);
    }
  }

  /** A legitimate gateway reconnecting every 100 ms, timing each Hello. */
  static final class Prober {
    private final EventLoopGroup group;
    private final int port;
    private final String id;
    private final String credential;
    private final AtomicBoolean running = new AtomicBoolean(true);
    final List<Long> millis = Collections.synchronizedList(new ArrayList<>());
    private Thread thread;

    Prober(EventLoopGroup group, int port, String id, String credential) {
      this.group = group;
      this.port = port;
      this.id = id;
      this.credential = credential;
    }

    void start() {
      thread = new Thread(() -> {
        while (running.get()) {
          try (GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1", port)) {
            long t = System.nanoTime();
            Object answer = sim.hello(id, credential, "probe-stream");
            if (answer instanceof HelloAck) {
              millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t));
            } else {
              System.err.println("WARNING: probe Hello answered " + answer);
            }
            Thread.sleep(100); // pacing: one probe Hello every 100 ms
          } catch (InterruptedException e) {
            return;
          } catch (Exception e) {
            System.err.println("WARNING: probe Hello failed: " + e);
          }
        }
      }, "bench-prober");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(TimeUnit.SECONDS.toMillis(40));
    }
  }

  /** Pre-encoded BULK frames per gateway; {@code pass} gives each run its own devices and times. */
  private static List<List<byte[]>> frames(int gateways, int perGateway, int pass) {
    List<List<byte[]>> all = new ArrayList<>();
    for (int g = 0; g < gateways; g++) {
      List<byte[]> frames = new ArrayList<>();
      for (int from = 1; from <= perGateway; from += BATCH) {
        Batch message = Batch.newBuilder().setLane(Lane.BULK)
            .addAllRecords(Records.telemetry("dev-" + pass + "-" + g, from, from + BATCH - 1,
                BASE_TIME + pass * 100_000_000L)).build();
        ByteBuf buf = Unpooled.buffer(FrameCodec.frameSize(message));
        FrameCodec.write(message, buf, FrameFormat.DEFAULT_MAX_FRAME_SIZE);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        frames.add(bytes);
      }
      all.add(frames);
    }
    return all;
  }

  /**
   * All gateways connect (Hellos timed), each on a new stream, then send their frames as fast as
   * credit allows until all are acknowledged. Points per second from the first batch to the last
   * ack.
   */
  private static Run run(BenchHub hub, EventLoopGroup group, String prefix,
      List<String> credentials, List<List<byte[]>> frames, String stream, Prober prober)
      throws Exception {
    if (prober != null) {
      prober.start();
    }
    List<Long> hellos = new ArrayList<>();
    List<GatewaySimulator> sims = new ArrayList<>();
    for (int g = 0; g < credentials.size(); g++) {
      GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1", hub.ingestPort);
      long t = System.nanoTime();
      Object answer = sim.hello(prefix + g, credentials.get(g), stream + "-" + g);
      hellos.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t));
      if (!(answer instanceof HelloAck)) {
        throw new IllegalStateException("hub refused " + prefix + g + ": " + answer);
      }
      sims.add(sim);
    }
    ExecutorService senders = Executors.newFixedThreadPool(sims.size());
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int g = 0; g < sims.size(); g++) {
      GatewaySimulator sim = sims.get(g);
      List<byte[]> mine = frames.get(g);
      done.add(senders.submit(() -> {
        long last = 0;
        for (byte[] frame : mine) {
          last += BATCH;
          sim.sendFrame(Lane.BULK, frame, BATCH, last);
        }
        sim.awaitAck(Lane.BULK, last, Duration.ofMinutes(10));
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    long elapsed = System.nanoTime() - start;
    senders.shutdown();
    sims.forEach(GatewaySimulator::close);
    if (prober != null) {
      prober.stop();
      hellos.addAll(prober.millis);
    }
    long total = frames.stream().mapToLong(List::size).sum() * BATCH;
    return new Run(total / (elapsed / 1e9), hellos);
  }

  /** A metric's value from the hub's actuator (sum of its measurement), NaN if absent. */
  private static double metric(BenchHub hub, String nameAndQuery) {
    try {
      String json = hub.get("/actuator/metrics/" + nameAndQuery);
      Matcher m = Pattern.compile("\"value\":([0-9.E+-]+)").matcher(json);
      return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    } catch (Exception e) {
      return Double.NaN;
    }
  }

  /** Waits (at most 60 s) until a process used under 5 % of a core over a second. */
  private static void awaitIdle(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long last = IngestBenchmark.cpuMillis(pid);
    while (System.nanoTime() < deadline) {
      Thread.sleep(1000); // CPU use is sampled over whole seconds
      long now = IngestBenchmark.cpuMillis(pid);
      if (now - last < 50) {
        return;
      }
      last = now;
    }
    System.err.println("WARNING: process " + pid + " did not become idle within 60 s");
  }

  private static long count(InfluxDbServer influxd, String where) throws Exception {
    String json = influxd.query("gridguard", "SELECT count(level) FROM water_level WHERE " + where);
    Matcher m = Pattern.compile("\"values\":\\[\\[[^,\\]]+,(\\d+)\\]\\]").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
