package org.gridguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.gridguard.hub.security.GridScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

class LiveFeedTest {
  static final GridScope VILLAGE_A = GridScope.of(Set.of("330102001001"));
  static final GridScope VILLAGE_B = GridScope.of(Set.of("330102002001"));

  /** Takes tasks but runs them only when told, so queues can be looked at in between. */
  static final class Manual extends ScheduledThreadPoolExecutor {
    final List<Runnable> tasks = new ArrayList<>();

    Manual() {
      super(1);
    }

    @Override
    public void execute(Runnable command) {
      tasks.add(command);
    }

    void runAll() {
      List<Runnable> now = new ArrayList<>(tasks);
      tasks.clear();
      now.forEach(Runnable::run);
    }
  }

  final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  final Manual sender = new Manual();

  LiveFeed feed(int maxStreams, int queue) {
    return new LiveFeed(new ConsoleProperties("", "", 20, maxStreams, queue,
        Duration.ofMinutes(30), Duration.ofSeconds(15), Duration.ofDays(30), 2000), metrics,
        sender);
  }

  static FeedEvent in(String grid, long id) {
    return new FeedEvent(id, 1, grid, 2, "dispatch", "DISPATCHED");
  }

  @AfterEach
  void stop() {
    sender.shutdownNow();
  }

  @Test
  void publish_changeInVillageA_reachesOnlyStreamsWhoseScopeCoversIt() {
    LiveFeed feed = feed(10, 8);
    feed.open(VILLAGE_A);
    feed.open(VILLAGE_B);
    sender.runAll(); // the hello lines
    feed.publish(in("330102001001002", 7));
    assertThat(feed.backlog()).containsEntry(VILLAGE_A, 1).containsEntry(VILLAGE_B, 0);
    sender.runAll();
    assertThat(metrics.counter("gridguard_console_feed_sent_total").count()).isEqualTo(1.0);
    assertThat(feed.backlog()).containsEntry(VILLAGE_A, 0);
  }

  @Test
  void publish_streamFallenQueueBehind_isClosedAndCounted() {
    LiveFeed feed = feed(10, 1); // the hello line is sent at once: it takes no place
    feed.open(VILLAGE_A);
    feed.publish(in("330102001001001", 1));
    assertThat(feed.open()).isEqualTo(1);
    feed.publish(in("330102001001001", 2));
    assertThat(feed.open()).isZero();
    assertThat(metrics.counter("gridguard_console_feed_dropped_total").count()).isEqualTo(1.0);
  }

  @Test
  void open_atMaxStreams_isRefusedWith503SayingWhichSetting() {
    LiveFeed feed = feed(1, 8);
    feed.open(VILLAGE_A);
    assertThatThrownBy(() -> feed.open(VILLAGE_B)).isInstanceOf(ResponseStatusException.class)
        .hasMessageContaining("503").hasMessageContaining("gridguard.console.max-streams");
    assertThat(metrics.get("gridguard_console_streams").gauge().value()).isEqualTo(1.0);
  }
}
