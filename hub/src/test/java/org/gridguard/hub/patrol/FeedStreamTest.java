package org.gridguard.hub.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FeedStreamTest {
  /** An outbox of one user with rows 1..n, counting reads and their limits. */
  static final class Outbox implements FeedStream.Source {
    long head;
    final List<Integer> limits = new ArrayList<>();
    Runnable onRead = () -> { };

    @Override
    public List<FeedRow> after(String username, long after, int limit) {
      limits.add(limit);
      onRead.run();
      List<FeedRow> out = new ArrayList<>();
      for (long s = after + 1; s <= head && out.size() < limit; s++) {
        out.add(new FeedRow(username, s, Instant.EPOCH, FeedRow.Kind.TASK, s, 1L, "{}"));
      }
      return out;
    }
  }

  static final class Recorder implements FeedStream.Sink {
    final List<Long> ids = new ArrayList<>();
    int comments;
    boolean closed;
    IOException failNext;

    @Override
    public void event(long id, String name, String data) throws IOException {
      if (failNext != null) {
        throw failNext;
      }
      ids.add(id);
    }

    @Override
    public void comment(String text) {
      comments++;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  final Outbox outbox = new Outbox();
  final Recorder sink = new Recorder();
  final AtomicLong nanos = new AtomicLong(1);

  FeedStream stream(long after, int capacity) {
    return new FeedStream("u", after, sink, capacity, nanos::get);
  }

  @Test
  void pump_backlogLargerThanQueue_sendsAllInOrderInBoundedReads() throws Exception {
    outbox.head = 10;
    FeedStream s = stream(3, 4);
    assertThat(s.tryClaim()).isTrue();
    s.pump(outbox);
    assertThat(sink.ids).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(outbox.limits).allMatch(l -> l <= 4);
    assertThat(s.lastSent()).isEqualTo(10);
  }

  @Test
  void pump_rowsCommittedDuringTheReplay_areSentOnceWithoutAnotherWake() throws Exception {
    outbox.head = 2;
    FeedStream s = stream(0, 100);
    // a commit (and its wake) lands while the stream is reading: the pump goes round again
    outbox.onRead = () -> {
      if (outbox.head == 2) {
        outbox.head = 3;
        assertThat(s.wake()).isFalse(); // already pumping: no second pump scheduled
      }
    };
    assertThat(s.tryClaim()).isTrue();
    assertThat(s.pump(outbox)).isFalse();
    assertThat(sink.ids).containsExactly(1L, 2L, 3L);
  }

  @Test
  void tryClaim_whilePumping_refusedSoOnlyOneWriterPerStream() throws Exception {
    FeedStream s = stream(0, 10);
    outbox.onRead = () -> assertThat(s.tryClaim()).isFalse();
    outbox.head = 1;
    assertThat(s.tryClaim()).isTrue();
    s.pump(outbox);
    assertThat(s.tryClaim()).isTrue();
  }

  @Test
  void pump_heartbeatDue_sendsOneComment() throws Exception {
    FeedStream s = stream(0, 10);
    assertThat(s.heartbeat()).isTrue();
    s.tryClaim();
    s.pump(outbox);
    s.tryClaim();
    s.pump(outbox);
    assertThat(sink.comments).isEqualTo(1);
  }

  @Test
  void pump_heartbeatOnly_writesTheCommentWithoutReadingTheOutbox() throws Exception {
    FeedStream s = stream(0, 10);
    s.tryClaim();
    s.pump(outbox); // the first pump replays (one read)
    int reads = outbox.limits.size();
    assertThat(s.heartbeat()).isTrue();
    s.tryClaim();
    assertThat(s.pump(outbox)).isFalse();
    assertThat(sink.comments).isEqualTo(1);
    assertThat(outbox.limits).as("a heartbeat costs no outbox read").hasSize(reads);
  }

  @Test
  void pump_heartbeatArrivesWhilePumping_isWrittenBySamePump() throws Exception {
    outbox.head = 1;
    FeedStream s = stream(0, 10);
    outbox.onRead = () -> assertThat(s.heartbeat()).isFalse(); // already pumping
    s.tryClaim();
    s.pump(outbox);
    assertThat(sink.comments).as("written by the same pump").isEqualTo(1);
  }

  @Test
  void pump_clientGone_closesTheStreamAndRethrows() {
    outbox.head = 1;
    sink.failNext = new IOException("broken pipe");
    FeedStream s = stream(0, 10);
    s.tryClaim();
    assertThatThrownBy(() -> s.pump(outbox)).isInstanceOf(IOException.class);
    assertThat(s.closed()).isTrue();
    assertThat(sink.closed).isTrue();
    assertThat(s.tryClaim()).isFalse();
  }

  @Test
  void stuck_writeBlockedLongerThanTheLimit_isReportedOnlyWhileWriting() throws Exception {
    outbox.head = 1;
    FeedStream[] self = new FeedStream[1];
    List<Boolean> seenWhileWriting = new ArrayList<>();
    self[0] = new FeedStream("u", 0, new FeedStream.Sink() {
      @Override
      public void event(long id, String name, String data) {
        nanos.addAndGet(5_000); // the client takes its time
        seenWhileWriting.add(self[0].stuck(1_000));
        seenWhileWriting.add(self[0].stuck(10_000));
      }

      @Override
      public void comment(String text) { }

      @Override
      public void close() { }
    }, 10, nanos::get);
    self[0].tryClaim();
    self[0].pump(outbox);
    assertThat(seenWhileWriting).containsExactly(true, false);
    assertThat(self[0].stuck(0)).isFalse(); // not writing any more
  }
}
