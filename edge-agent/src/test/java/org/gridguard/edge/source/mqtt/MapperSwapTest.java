package org.gridguard.edge.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.gridguard.edge.mapping.DeadLetterFile;
import org.gridguard.edge.mapping.MappingConfig;
import org.gridguard.edge.mapping.PayloadMapper;
import org.gridguard.edge.spool.RecordingSink;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * A mapping swapped while messages stream in (PROTOCOL.md §10): a fake source takes messages
 * the way the MQTT source's Paho callback does — each with the mapper in force at that moment —
 * into the bounded queue the real worker drains, while the mapper is swapped. Every message is
 * mapped exactly once: those taken before the swap by the old rules, every later one by the new.
 */
class MapperSwapTest {
  private static final int MESSAGES = 2_000;
  @TempDir Path dir;
  private final MqttSourceMetrics metrics = new MqttSourceMetrics();
  private final List<Integer> acked = new CopyOnWriteArrayList<>();
  private final InOrderAcker acker = new InOrderAcker((id, qos) -> acked.add(id), metrics);
  private final BlockingQueue<Inbound> queue = new ArrayBlockingQueue<>(64);

  private MappingConfig config(String deviceType) {
    ConfigProblems problems = new ConfigProblems();
    MappingConfig config = MappingConfig.from(ConfigNode.root(new Yaml().load("""
        credential_salt: swap-test-salt
        dead_letter: {path: %s}
        rules:
          - name: meters
            topic: vendor/+/data
            device_id: "{topic[1]}"
            device_type: %s
            readings: [{metric: seq, path: $.seq, type: integer}]
        """.formatted(dir.resolve("dl.jsonl"), deviceType)), problems));
    problems.throwIfAny("test mapping");
    return config;
  }

  @Test
  void swap_whileMessagesAreTaken_eachMappedOnceOldRulesBeforeNewAfter() throws Exception {
    PayloadMapper old = new PayloadMapper(config("old_meter"), "boot");
    PayloadMapper next = old.next(config("new_meter"));
    AtomicInteger taken = new AtomicInteger();
    // what the Paho callback reads once per message (MqttSource.mapper)
    java.util.concurrent.atomic.AtomicReference<PayloadMapper> inForce =
        new java.util.concurrent.atomic.AtomicReference<>(old);
    RecordingSink sink = new RecordingSink();
    try (DeadLetterFile dl = new DeadLetterFile(MappingWorkerTest.MappingConfigs.deadLetter(dir))) {
      Thread worker = new Thread(new MappingWorker(queue, sink, dl, (p, r) -> { }, metrics, acker,
          () -> { }), "mapper");
      worker.start();
      Thread source = new Thread(() -> {
        for (int i = 0; i < MESSAGES; i++) {
          byte[] payload = ("{\"seq\": " + i + "}").getBytes(StandardCharsets.UTF_8);
          try {
            queue.put(new Inbound("vendor/m-" + (i % 7) + "/data", payload, 1_000L + i,
                acker.register(i, 1), inForce.get()));
          } catch (InterruptedException e) {
            return;
          }
          taken.incrementAndGet();
        }
      }, "fake-paho");
      source.start();
      waitFor(() -> taken.get() > MESSAGES / 3, "a third of the messages taken");
      int before = taken.get();
      inForce.set(next);
      int after = taken.get() + 1; // the message being taken now may have read either
      source.join(10_000);
      waitFor(() -> acked.size() == MESSAGES, "every message acknowledged");
      queue.put(Inbound.STOP);
      worker.join(5_000);

      Map<Long, String> typeBySeq = new TreeMap<>();
      for (Record r : sink.records()) {
        long seq = r.getTelemetry().getReadings(0).getInteger();
        assertThat(typeBySeq.put(seq, r.getTelemetry().getDeviceType()))
            .as("message %d mapped once", seq).isNull();
      }
      assertThat(typeBySeq).hasSize(MESSAGES);
      List<String> types = new ArrayList<>(typeBySeq.values());
      int firstNew = types.indexOf("new_meter");
      assertThat(firstNew).as("the swap happened between message %d and %d", before, after)
          .isBetween(before, after);
      assertThat(types.subList(0, firstNew)).containsOnly("old_meter");
      assertThat(types.subList(firstNew, MESSAGES)).containsOnly("new_meter");
      assertThat(acked).as("acknowledged once each, in order").hasSize(MESSAGES)
          .isSorted().doesNotHaveDuplicates();
      assertThat(metrics.deadLettered()).isZero();
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier c, String what)
      throws InterruptedException {
    MqttTestSupport.await(what, java.time.Duration.ofSeconds(10), c);
  }
}
