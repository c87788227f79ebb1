package org.gridguard.edge.source.mqtt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.gridguard.edge.mapping.DeadLetterFile;
import org.gridguard.edge.mapping.MappingConfig;
import org.gridguard.edge.mapping.PayloadMapper;
import org.gridguard.edge.sim.LoadSpec;
import org.gridguard.edge.sim.SimLoad;
import org.gridguard.edge.spool.SpoolSink;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Record;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gridguard.testkit.MosquittoBroker;
import org.yaml.snakeyaml.Yaml;

/**
 * Benchmark (not a test): QoS 1 messages from a real mosquitto through the MQTT source
 * (mapping, in-order manual acks) into an in-memory SpoolSink, against the baseline of the
 * same messages from mosquitto_pub to mosquitto_sub through the same broker in the same run.
 * The messages are the village simulator's ({@link SimLoad}, telemetry mode): senscity uplinks
 * of 1,000 simulated sensors, mapped by the shipped senscity-sensors preset; a dead-lettered
 * message fails the run.
 * Prints one line: {@code edge-mqtt: mqtt_in_per_s=X baseline_pub_sub_per_s=Y ratio=R}.
 *
 * <p>Args: [messages (default 200000)] [rounds (default 3; best round of each side counts)].
 */
public final class MqttInBenchmark {
  /** The senscity-sensors preset's uplink topics (the persistent session's subscription). */
  private static final String SOURCE_FILTER = "senscity/v1/+/up";
  /** Simulated sensors the messages come from, and how many villages they are spread over. */
  private static final int DEVICES = 1_000;
  private static final int VILLAGES = 10;
  /** Outside the source's filters, so baseline traffic never queues in the source's session. */
  private static final String BASELINE_TOPIC = "bench/baseline";

  private MqttInBenchmark() {}

  /** Completes every future at once and only counts: measures the source, not a disk. */
  private static final class CountingSink implements SpoolSink {
    private static final CompletableFuture<Long> DONE = CompletableFuture.completedFuture(0L);

    @Override
    public CompletableFuture<Long> append(Record record) {
      return DONE;
    }

    @Override
    public CompletableFuture<Long> appendEvidence(EvidenceChunk chunk) {
      return DONE;
    }
  }

  /** Opens the sink the source writes into for one round (closed afterwards if closeable). */
  @FunctionalInterface
  public interface SinkFactory {
    SpoolSink open(Path dir) throws Exception;
  }

  /** Best rounds of both sides: the source into the sink, and mosquitto_pub → mosquitto_sub. */
  public record Result(double mqttInPerS, double baselinePerS) {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Result r = measure(n, rounds, dir -> new CountingSink());
    System.out.printf("edge-mqtt: mqtt_in_per_s=%.0f baseline_pub_sub_per_s=%.0f ratio=%.2f%n",
        r.mqttInPerS(), r.baselinePerS(), r.mqttInPerS() / r.baselinePerS());
  }

  /**
   * Runs {@code rounds} rounds of {@code n} QoS 1 messages on a fresh real mosquitto; in each,
   * first the baseline, then the source into a sink from {@code sinks}. A message counts once
   * the source has acknowledged it to the broker, which it does only after the sink's future
   * completed (for the real spool: once durable).
   */
  public static Result measure(int n, int rounds, SinkFactory sinks) throws Exception {
    Path dir = Files.createTempDirectory("gg-bench-mqtt");
    Messages messages = Messages.fromSimulator(n);
    try (MosquittoBroker broker = new MosquittoBroker()) {
      broker.start();
      double best = 0;
      double bestBaseline = 0;
      for (int r = 0; r < rounds; r++) {
        bestBaseline = Math.max(bestBaseline, baseline(broker, messages));
        Path roundDir = Files.createDirectories(dir.resolve("round-" + r));
        SpoolSink sink = sinks.open(roundDir.resolve("spool"));
        try {
          best = Math.max(best, source(broker, messages, roundDir, sink));
        } finally {
          if (sink instanceof AutoCloseable closeable) {
            closeable.close();
          }
        }
      }
      return new Result(best, bestBaseline);
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * Both sides drain the same number of QoS 1 messages that wait in their persistent session:
   * this measures broker → consumer (with PUBACKs), not how fast a publisher can produce.
   */
  private static void fill(MosquittoBroker broker, String clientId, String filter,
      String topicOrNull, Messages messages) throws Exception {
    MqttClient session = new MqttClient(broker.serverUri(), clientId, new MemoryPersistence());
    MqttConnectOptions persistent = new MqttConnectOptions();
    persistent.setCleanSession(false);
    session.connect(persistent);
    session.subscribe(filter, 1);
    session.disconnect();
    session.close();
    MqttAsyncClient pub = new MqttAsyncClient(broker.serverUri(), "bench-pub", new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMaxInflight(2000);
    pub.connect(o).waitForCompletion();
    java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(2000);
    for (int i = 0; i < messages.size(); i++) {
      window.acquire();
      String topic = topicOrNull != null ? topicOrNull : messages.topics.get(i);
      pub.publish(topic, messages.payloads.get(i), 1, false, null, new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken t) {
          window.release();
        }

        @Override
        public void onFailure(IMqttToken t, Throwable e) {
          window.release();
          throw new IllegalStateException("bench publish failed", e);
        }
      });
    }
    window.acquire(2000);
    pub.disconnect().waitForCompletion();
    pub.close();
  }

  private static double baseline(MosquittoBroker broker, Messages messages) throws Exception {
    int n = messages.size();
    String id = "bench-baseline-sub";
    fill(broker, id, BASELINE_TOPIC, BASELINE_TOPIC, messages);
    long start = System.nanoTime();
    Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p",
        String.valueOf(broker.port()), "-t", BASELINE_TOPIC, "-q", "1", "-c", "-i", id,
        "-C", String.valueOf(n))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    if (!sub.waitFor(10, TimeUnit.MINUTES)) {
      sub.destroyForcibly();
      throw new IllegalStateException("mosquitto_sub did not receive " + n + " messages");
    }
    return n / ((System.nanoTime() - start) / 1e9);
  }

  private static double source(MosquittoBroker broker, Messages messages, Path dir,
      SpoolSink sink) throws Exception {
    int n = messages.size();
    String id = "bench-edge";
    fill(broker, id, SOURCE_FILTER, null, messages);
    ConfigProblems problems = new ConfigProblems();
    MappingConfig mapping = MappingConfig.from(ConfigNode.root(new Yaml().load("""
        credential_salt: benchmark-salt
        dead_letter: {path: %s}
        presets: [senscity-sensors]
        """.formatted(dir.resolve("dl.jsonl"))), problems));
    problems.throwIfAny("benchmark mapping");
    try (DeadLetterFile dl = new DeadLetterFile(mapping.deadLetter());
        MqttSource source = new MqttSource(
            MqttTestSupport.sourceConfig(broker.serverUri(), id, 10_000),
            new PayloadMapper(mapping, "bench"), sink, dl, null)) {
      long start = System.nanoTime();
      source.start();
      long deadline = start + TimeUnit.SECONDS.toNanos(Long.getLong("bench.timeout.s", 600));
      long nextReport = System.nanoTime() + 5_000_000_000L;
      while (source.metrics().acked() < n) {
        if (System.nanoTime() > nextReport) {
          System.err.println("edge-mqtt progress: " + source.metrics());
          nextReport += 5_000_000_000L;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("only " + source.metrics().acked() + " of " + n + " acked: "
              + source.metrics());
        }
        Thread.sleep(1); // benchmark: measures the drain time itself, so polls as finely as it can
      }
      long nanos = System.nanoTime() - start;
      System.err.println("edge-mqtt source: " + source.metrics());
      if (source.metrics().deadLettered() > 0 || source.metrics().fieldsDeadLettered() > 0) {
        throw new IllegalStateException("the simulator's payloads must map through the "
            + "senscity-sensors preset without rejects, but " + source.metrics().deadLettered()
            + " were dead-lettered (" + source.metrics().fieldsDeadLettered() + " with dropped "
            + "fields): see " + dir.resolve("dl.jsonl"));
      }
      return n / (nanos / 1e9);
    }
  }

  /**
   * The everyday uplinks of {@link #DEVICES} simulated senscity sensors (water, temperature/
   * humidity, gas, e-bike sockets, smoke), generated by the village simulator's load mode before
   * the clock starts: the vendor payloads the demo publishes, through the real senscity preset.
   */
  private record Messages(List<String> topics, List<byte[]> payloads) {
    static Messages fromSimulator(int n) throws Exception {
      List<String> topics = new ArrayList<>(n);
      List<byte[]> payloads = new ArrayList<>(n);
      LoadSpec spec = new LoadSpec(LoadSpec.Mode.TELEMETRY, List.of("water_level",
          "temp_humidity", "gas", "ebike_socket", "smoke"), DEVICES, VILLAGES, 0, n, "SC", "B",
          Duration.ZERO, 1);
      new SimLoad(spec).run((topic, payload) -> {
        topics.add(topic);
        payloads.add(payload);
      }, null);
      return new Messages(topics, payloads);
    }

    int size() {
      return topics.size();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
