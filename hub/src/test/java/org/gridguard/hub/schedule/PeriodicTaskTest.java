package org.gridguard.hub.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTaskTest {
  /** Fails on runs 2 and 3, succeeds otherwise; counts runs and checks they never overlap. */
  static class Flaky extends PeriodicTask {
    final AtomicInteger runs = new AtomicInteger();
    final AtomicInteger inside = new AtomicInteger();
    volatile boolean overlapped;

    Flaky() {
      super("test-flaky", Duration.ZERO);
    }

    @Override
    protected Duration runOnce() {
      if (inside.incrementAndGet() > 1) {
        overlapped = true;
      }
      try {
        int n = runs.incrementAndGet();
        if (n == 2 || n == 3) {
          throw new IllegalStateException("database down (run " + n + ")");
        }
        return Duration.ofMillis(5);
      } finally {
        inside.decrementAndGet();
      }
    }
  }

  @Test
  void start_runThrows_taskKeepsRunning() {
    Flaky task = new Flaky();
    task.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> task.runs.get() >= 6);
      assertThat(task.overlapped).isFalse();
      assertThat(task.isRunning()).isTrue();
    } finally {
      task.stop();
    }
  }

  @Test
  void stop_afterRuns_noMoreRuns() throws Exception {
    Flaky task = new Flaky();
    task.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> task.runs.get() >= 1);
    task.stop();
    assertThat(task.isRunning()).isFalse();
    int after = task.runs.get();
    // a run already under way may finish; none is scheduled after it
    // not happening can only be observed by letting time pass: 100 ms is 20 of its 5 ms periods
    Thread.sleep(100);
    assertThat(task.runs.get()).isLessThanOrEqualTo(after + 1);
  }

  @Test
  void runOnce_returnsZeroDelay_treatedAsFailureAndRetried() {
    AtomicInteger runs = new AtomicInteger();
    PeriodicTask task = new PeriodicTask("test-zero", Duration.ZERO) {
      @Override
      protected Duration runOnce() {
        return runs.incrementAndGet() == 1 ? Duration.ZERO : Duration.ofMillis(5);
      }
    };
    task.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
    } finally {
      task.stop();
    }
  }

  @Test
  void failed_runThrows_hookGetsTheErrorAndTheRetryDelay() {
    java.util.List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    Flaky task = new Flaky() {
      @Override
      protected void failed(Exception e, Duration retryIn) {
        failures.add(e.getMessage() + " / " + retryIn.toMillis());
      }
    };
    task.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> task.runs.get() >= 4);
      assertThat(failures).containsExactly("database down (run 2) / 5",
          "database down (run 3) / 5");
    } finally {
      task.stop();
    }
  }

  @Test
  void tick_withRegistry_eachRunTimedByTaskAndOutcome() {
    io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    Flaky task = new Flaky();
    task.setMeterRegistry(meters);
    task.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> task.runs.get() >= 5);
    } finally {
      task.stop();
    }
    assertThat(meters.get("gridguard.task.run").tag("task", "test-flaky")
        .tag("outcome", "failed").timer().count()).isEqualTo(2);
    assertThat(meters.get("gridguard.task.run").tag("task", "test-flaky")
        .tag("outcome", "ok").timer().count()).isGreaterThanOrEqualTo(3);
  }
}
