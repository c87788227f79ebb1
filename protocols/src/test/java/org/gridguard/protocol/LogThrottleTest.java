package org.gridguard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

class LogThrottleTest {
  /** WARN lines the throttle logged, formatted. */
  private final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Logger logger = (Logger) java.lang.reflect.Proxy.newProxyInstance(
      Logger.class.getClassLoader(), new Class<?>[] {Logger.class}, (proxy, method, args) -> {
        if (method.getName().equals("warn") && args != null && args.length == 2
            && args[1] instanceof Object[] values) {
          warnings.add(MessageFormatter.arrayFormat((String) args[0], values).getMessage());
        }
        return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
      });
  private final AtomicLong now = new AtomicLong();
  private final List<Runnable> scheduled = new ArrayList<>();
  private final ScheduledExecutorService real = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    real.shutdownNow();
  }

  /** A scheduler that only remembers what it was asked to run (run by the test). */
  private ScheduledExecutorService recording() {
    return new java.util.concurrent.ScheduledThreadPoolExecutor(1) {
      @Override
      public java.util.concurrent.ScheduledFuture<?> schedule(Runnable r, long delay,
          TimeUnit unit) {
        scheduled.add(r);
        return null;
      }
    };
  }

  @Test
  void log_floodOfOneKind_firstNLoggedThenOneSummaryWithExactCount() {
    LogThrottle throttle = new LogThrottle(logger, 3, Duration.ofMinutes(1), now::get);
    AtomicInteger lines = new AtomicInteger();
    ScheduledExecutorService scheduler = recording();
    for (int i = 0; i < 1000; i++) {
      throttle.log("BAD_MAGIC", scheduler, lines::incrementAndGet);
    }
    assertThat(lines).hasValue(3);
    assertThat(throttle.suppressed()).isEqualTo(997);
    assertThat(scheduled).hasSize(1); // one summary per window, however many were suppressed
    scheduled.get(0).run();
    assertThat(warnings).singleElement().satisfies(line -> assertThat(line).isEqualTo("suppressed 997 more 'BAD_MAGIC' log lines in the last 60 s (the metrics count "
            + "every one)"));
    scheduler.shutdownNow();
  }

  @Test
  void log_kindsCountedApartAndWindowRestarts() {
    LogThrottle throttle = new LogThrottle(logger, 2, Duration.ofMinutes(1), now::get);
    AtomicInteger a = new AtomicInteger();
    AtomicInteger b = new AtomicInteger();
    ScheduledExecutorService scheduler = recording();
    for (int i = 0; i < 5; i++) {
      throttle.log("A", scheduler, a::incrementAndGet);
      throttle.log("B", scheduler, b::incrementAndGet);
    }
    assertThat(a).hasValue(2);
    assertThat(b).hasValue(2);
    now.addAndGet(TimeUnit.SECONDS.toNanos(61));
    throttle.log("A", scheduler, a::incrementAndGet);
    assertThat(a).hasValue(3);
    scheduler.shutdownNow();
  }

  @Test
  void log_summaryScheduledOnARealExecutor_runsAtWindowEnd() throws Exception {
    LogThrottle throttle = new LogThrottle(logger, 1, Duration.ofSeconds(1));
    throttle.log("X", real, () -> { });
    throttle.log("X", real, () -> { });
    org.awaitility.Awaitility.await("the summary line").atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20)).until(() -> !warnings.isEmpty());
    assertThat(warnings).singleElement()
        .satisfies(line -> assertThat(line).startsWith("suppressed 1 more 'X'"));
  }

  @Test
  void constructor_zeroPerWindow_refusedWithTheValues() {
    assertThatThrownBy(() -> new LogThrottle(logger, 0, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 per PT1M");
  }
}
