package org.gridguard.hub.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

class DirectMemoryMonitorTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AtomicLong used = new AtomicLong(100);
  private final DirectMemoryMonitor monitor =
      new DirectMemoryMonitor(0.8, meters, used::get, () -> 1000);

  @Test
  void health_belowAlarm_upWithPeak() {
    monitor.check();
    used.set(50);
    monitor.check();
    assertThat(monitor.health().getStatus()).isEqualTo(Status.UP);
    assertThat(monitor.peak()).isEqualTo(100);
    assertThat(meters.get("gridguard.direct.memory.peak").gauge().value()).isEqualTo(100);
    assertThat(meters.get("gridguard.direct.memory.used").gauge().value()).isEqualTo(50);
  }

  @Test
  void health_pastAlarmShare_down() {
    used.set(800);
    monitor.check();
    assertThat(monitor.health().getStatus()).isEqualTo(Status.DOWN);
    used.set(100);
    monitor.check();
    assertThat(monitor.health().getStatus()).isEqualTo(Status.UP);
    assertThat(monitor.peak()).isEqualTo(800);
  }

  @Test
  void directMemory_realJvm_readsSomethingWithinTheLimit() {
    assertThat(DirectMemory.max()).isPositive();
    assertThat(DirectMemory.used()).isBetween(0L, DirectMemory.max());
  }
}
