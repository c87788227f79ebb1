package org.gridguard.edge.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.gridguard.edge.mapping.DeadLetterFile;
import org.gridguard.edge.mapping.MappingConfig;
import org.gridguard.edge.mapping.PayloadMapper;
import org.gridguard.edge.spool.RecordingSink;
import org.gridguard.edge.spool.SpoolSink;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class MappingWorkerTest {
  @TempDir Path dir;
  private final List<Integer> acked = new CopyOnWriteArrayList<>();
  private final MqttSourceMetrics metrics = new MqttSourceMetrics();
  private final InOrderAcker acker = new InOrderAcker((id, qos) -> acked.add(id), metrics);
  private final BlockingQueue<Inbound> queue = new ArrayBlockingQueue<>(16);
  private PayloadMapper mapper;

  private PayloadMapper mapper() {
    ConfigProblems problems = new ConfigProblems();
    MappingConfig c = MappingConfig.from(ConfigNode.root(new Yaml().load(
        "credential_salt: worker-test-salt\ndead_letter: {path: " + dir.resolve("dl.jsonl")
            + "}\npresets: [gridguard-canonical]\n"), problems));
    problems.throwIfAny("test");
    return new PayloadMapper(c, "boot");
  }

  private void offer(int id, String payload) {
    queue.add(new Inbound("gridguard/meter/m-1/telemetry",
        payload.getBytes(StandardCharsets.UTF_8), 0, acker.register(id, 1), mapper));
  }

  private Thread start(SpoolSink sink, DeadLetterFile dl, List<Record> observed) {
    mapper = mapper();
    Thread t = new Thread(new MappingWorker(queue, sink, dl, (p, r) -> observed.addAll(r), metrics,
        acker, () -> { }));
    t.start();
    return t;
  }

  private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
    MqttTestSupport.await("condition", java.time.Duration.ofSeconds(5), c);
  }

  @Test
  void run_spoolFutureHeld_acksOnlyAfterItCompletesAndInOrder() throws Exception {
    RecordingSink sink = new RecordingSink(true);
    List<Record> observed = new CopyOnWriteArrayList<>();
    try (DeadLetterFile dl = new DeadLetterFile(MappingConfigs.deadLetter(dir))) {
      Thread worker = start(sink, dl, observed);
      offer(1, "{\"readings\": [{\"metric\": \"energy\", \"value\": 1}]}");
      offer(2, "not json");
      waitFor(() -> metrics.deadLettered() == 1 && sink.size() == 1);
      Thread.sleep(100); // not a wait: the window in which a wrong ack would show (none may)
      assertThat(acked).as("nothing acked while the spool holds message 1").isEmpty();
      sink.release();
      waitFor(() -> acked.size() == 2);
      assertThat(acked).containsExactly(1, 2);
      assertThat(observed).hasSize(1);
      queue.add(Inbound.STOP);
      worker.join(5000);
    }
  }

  @Test
  void run_oneFieldUnusable_messageSpooledAckedAndFieldDeadLettered() throws Exception {
    RecordingSink sink = new RecordingSink();
    try (DeadLetterFile dl = new DeadLetterFile(MappingConfigs.deadLetter(dir))) {
      Thread worker = start(sink, dl, new CopyOnWriteArrayList<>());
      offer(1, "{\"readings\": [{\"metric\": \"energy\", \"value\": 1}, "
          + "{\"metric\": \"volts\", \"value\": {\"v\": 1}}]}");
      waitFor(() -> acked.size() == 1);
      assertThat(sink.size()).isEqualTo(1);
      assertThat(metrics.deadLettered()).as("the message is not dead-lettered").isZero();
      assertThat(metrics.fieldsDeadLettered()).isEqualTo(1);
      waitFor(() -> dl.written() == 1);
      assertThat(java.nio.file.Files.readString(dir.resolve("dl.jsonl")))
          .contains("kept the message without a field").contains("$.readings[1].value");
      queue.add(Inbound.STOP);
      worker.join(5000);
    }
  }

  @Test
  void run_spoolRefuses_leavesMessageUnackedForRedelivery() throws Exception {
    SpoolSink refusing = new SpoolSink() {
      @Override
      public CompletableFuture<Long> append(Record record) {
        return CompletableFuture.failedFuture(new IllegalStateException("disk budget exhausted"));
      }

      @Override
      public CompletableFuture<Long> appendEvidence(EvidenceChunk chunk) {
        return append(null);
      }
    };
    try (DeadLetterFile dl = new DeadLetterFile(MappingConfigs.deadLetter(dir))) {
      Thread worker = start(refusing, dl, new CopyOnWriteArrayList<>());
      offer(1, "{\"readings\": [{\"metric\": \"energy\", \"value\": 1}]}");
      offer(2, "{\"readings\": [{\"metric\": \"energy\", \"value\": 2}]}");
      waitFor(() -> metrics.spoolFailures() == 2);
      assertThat(acked).isEmpty();
      assertThat(acker.waiting()).isZero();
      queue.add(Inbound.STOP);
      worker.join(5000);
    }
  }

  /** Dead-letter settings for tests. */
  static final class MappingConfigs {
    static org.gridguard.edge.mapping.DeadLetterConfig deadLetter(Path dir) {
      return new org.gridguard.edge.mapping.DeadLetterConfig(dir.resolve("dl.jsonl"), 1 << 20, 2,
          200, 100);
    }
  }
}
