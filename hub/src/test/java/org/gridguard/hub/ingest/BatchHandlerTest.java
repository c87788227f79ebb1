package org.gridguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.record.CursorCommitter;
import org.gridguard.hub.record.CursorRepository;
import org.gridguard.hub.record.PriorityRecordStore;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.hub.sim.Records;
import org.gridguard.hub.telemetry.InfluxProperties;
import org.gridguard.hub.telemetry.TelemetryPipeline;
import org.gridguard.hub.telemetry.TelemetryWriter;
import org.gridguard.hub.telemetry.WriteOutcome;
import org.gridguard.protocol.Peer;
import org.gridguard.protocol.ProtocolErrorHandler;
import org.gridguard.protocol.v1.Ack;
import org.gridguard.protocol.v1.Batch;
import org.gridguard.protocol.v1.Credit;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchHandlerTest {
  /** Fails with Retry until {@link #up} is set; records what it was asked to write. */
  static final class FakeWriter implements TelemetryWriter {
    final AtomicBoolean up = new AtomicBoolean(true);
    final List<String> written = new CopyOnWriteArrayList<>();

    @Override
    public void prepare() {}

    @Override
    public WriteOutcome write(List<String> chunks) {
      if (!up.get()) {
        return new WriteOutcome.Retry("down", null);
      }
      written.addAll(chunks);
      return WriteOutcome.WRITTEN;
    }

    @Override
    public String ping() {
      return up.get() ? null : "down";
    }

    @Override
    public String describe() {
      return "fake";
    }
  }

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final IngestMetrics metrics = new IngestMetrics(meters);
  private final FakeWriter writer = new FakeWriter();
  private final TelemetryPipeline pipeline = new TelemetryPipeline(writer, null,
      new InfluxProperties(URI.create("http://127.0.0.1:1"), InfluxProperties.Api.V1, "db", "", "",
          "", "", "", "", false, 5000, Duration.ofMillis(1), 1000, 1, InfluxProperties.ContentEncoding.IDENTITY, Duration.ofMillis(10),
          Duration.ofMillis(20), Duration.ofSeconds(1)), meters);
  private final CursorCommitter cursors = new CursorCommitter(new CursorRepository(null), null, meters);
  private final EmbeddedChannel channel = new EmbeddedChannel();
  /** PRIORITY records "committed", by sequence. */
  private final List<Long> storedPriority = new CopyOnWriteArrayList<>();
  private final PriorityRecordStore priorityStore = new PriorityRecordStore(null, null, null, null) {
    @Override
    public int store(StreamKey key, List<org.gridguard.protocol.v1.Record> records) {
      records.forEach(r -> storedPriority.add(r.getSequence()));
      return records.size();
    }
  };
  /** Hub-wide parked telemetry budget; tests set it before {@link #open}. */
  private long parkedBudget = 1_000_000;
  private ParkedTelemetry parked;

  BatchHandlerTest() {
    pipeline.start();
  }

  private void wire() {
    parked = new ParkedTelemetry(parkedBudget, meters);
    Durability durability = new Durability(pipeline,
        Durability.PriorityCommit.alone(priorityStore, Runnable::run), null, Runnable::run, cursors, metrics, parked);
    channel.pipeline().addLast(new BatchHandler(durability, metrics),
        new ProtocolErrorHandler(Peer.HUB, (ctx, e) -> { }));
  }

  @AfterEach
  void stop() {
    pipeline.stop();
    channel.finishAndReleaseAll();
  }

  private Session open(long committedBulk, long credit) {
    wire();
    Session session = new Session(channel, new Gateway("gw-1", "h", "330102", false), "s-1", "x",
        0, committedBulk, 0, credit);
    channel.attr(Session.KEY).set(session);
    return session;
  }

  /**
   * Runs the channel's pending tasks (the pipeline's thread hands completions to the loop) and
   * collects what the channel writes until {@code done} holds for it; fails after 10 s. Polls on
   * the test thread: an EmbeddedChannel is run by the thread that calls it.
   */
  private List<Object> outboundUntil(Predicate<List<Object>> done) {
    List<Object> out = new ArrayList<>();
    await("outbound messages of the channel").atMost(Duration.ofSeconds(10))
        .pollInSameThread().pollInterval(Duration.ofMillis(10))
        .until(() -> {
          channel.runPendingTasks();
          for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
            out.add(o);
          }
          return done.test(out);
        });
    return out;
  }

  private static long lastBulkAck(List<Object> out) {
    long last = 0;
    for (Object o : out) {
      if (o instanceof Ack ack && ack.getLane() == Lane.BULK) {
        last = ack.getSequence();
      }
    }
    return last;
  }

  @Test
  void channelRead_pipelineFull_keepsReadingAlarmsStoredAndAckedWhileTelemetryWaits() {
    open(0, 10_000);
    writer.up.set(false);
    for (int from = 1; from <= 1600; from += 400) {
      channel.writeInbound(Batch.newBuilder().setLane(Lane.BULK)
          .addAllRecords(Records.telemetry("d", from, from + 399, 0)).build());
    }
    assertThat(pipeline.heldPoints()).isLessThanOrEqualTo(1000);
    assertThat(parked.points()).isPositive();
    assertThat(channel.config().isAutoRead()).isTrue(); // within the parked budget
    channel.writeInbound(Batch.newBuilder().setLane(Lane.PRIORITY)
        .addAllRecords(Records.alarms("door-1", 1, 3)).build());
    channel.runPendingTasks();
    assertThat(storedPriority).containsExactly(1L, 2L, 3L);
    List<Object> out = new java.util.ArrayList<>();
    Object o;
    while ((o = channel.readOutbound()) != null) {
      out.add(o);
    }
    assertThat(out).containsExactly(Ack.newBuilder().setLane(Lane.PRIORITY).setSequence(3).build(),
        Credit.newBuilder().setRecords(3).build()); // and nothing for the waiting telemetry

    writer.up.set(true);
    outboundUntil(acked -> lastBulkAck(acked) == 1600);
    assertThat(parked.points()).isZero();
  }

  @Test
  void channelRead_pipelineFullAndParkedBudgetUsed_stopsReadingThenResumesAndAcksAllInOrder() {
    parkedBudget = 0;
    open(0, 10_000);
    writer.up.set(false);
    for (int from = 1; from <= 1600; from += 400) {
      channel.writeInbound(Batch.newBuilder().setLane(Lane.BULK)
          .addAllRecords(Records.telemetry("d", from, from + 399, 0)).build());
    }
    assertThat(channel.config().isAutoRead()).isFalse(); // 1,600 points > capacity 1,000
    assertThat(pipeline.heldPoints()).isLessThanOrEqualTo(1000);

    writer.up.set(true);
    // parked batches offered on the loop, then written and acked
    List<Object> out = outboundUntil(acked -> lastBulkAck(acked) == 1600);
    assertThat(channel.config().isAutoRead()).isTrue();
    long lastAck = 0;
    for (Object o : out) {
      if (o instanceof Ack ack) {
        assertThat(ack.getSequence()).isGreaterThan(lastAck);
        lastAck = ack.getSequence();
      }
    }
    assertThat(lastAck).isEqualTo(1600);
    assertThat(String.join("\n", writer.written).split("\n")).hasSize(1600);
    assertThat(parked.points()).isZero();
  }

  @Test
  void channelRead_moreRecordsThanCredit_rejectsWithProtocolErrorAndCloses() {
    open(0, 5);
    channel.writeInbound(Batch.newBuilder().setLane(Lane.BULK)
        .addAllRecords(Records.telemetry("d", 1, 6, 0)).build());
    Reject reject = channel.readOutbound();
    assertThat(reject.getReason()).isEqualTo(RejectReason.PROTOCOL_ERROR);
    assertThat(reject.getMessage()).contains("exceeds the credit");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void channelRead_replayOfCommittedRecords_ackedAndCreditedWithoutWriting() {
    open(10, 100);
    channel.writeInbound(Batch.newBuilder().setLane(Lane.BULK)
        .addAllRecords(Records.telemetry("d", 1, 10, 0)).build());
    assertThat((Object) channel.readOutbound())
        .isEqualTo(Ack.newBuilder().setLane(Lane.BULK).setSequence(10).build());
    assertThat((Object) channel.readOutbound()).isEqualTo(Credit.newBuilder().setRecords(10).build());
    assertThat(writer.written).isEmpty();
  }

  @Test
  void channelRead_newTelemetry_ackedOnlyOnceWritten() {
    open(10, 100);
    writer.up.set(false);
    channel.writeInbound(Batch.newBuilder().setLane(Lane.BULK)
        .addAllRecords(Records.telemetry("d", 5, 20, 0)).build());
    // the failure shows the write was tried (and refused); only then is "no ack" a result
    await("the pipeline's failed write").atMost(Duration.ofSeconds(10))
        .until(() -> "down".equals(pipeline.failure()));
    channel.runPendingTasks();
    assertThat((Object) channel.readOutbound()).isNull();

    writer.up.set(true);
    List<Object> out = outboundUntil(sent -> sent.size() >= 2);
    assertThat(out).startsWith(Ack.newBuilder().setLane(Lane.BULK).setSequence(20).build(),
        Credit.newBuilder().setRecords(16).build());
    assertThat(String.join("\n", writer.written).split("\n")).hasSize(10); // 11..20 only
    assertThat(cursors.pending(new StreamKey("gw-1", "s-1", Lane.BULK))).isEqualTo(20);
  }
}
